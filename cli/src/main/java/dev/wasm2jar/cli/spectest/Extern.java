package dev.wasm2jar.cli.spectest;

/** The host value behind {@code ref.extern N} in spec tests: equal numbers are equal references. */
public record Extern(long n) {
    @Override
    public String toString() {
        return "ref.extern " + n;
    }
}
