package dev.wasm2jar.runtime;

/** The wasm call stack ran out (the spec's {@code assert_exhaustion}): {@code call stack exhausted}. */
public class ExhaustionException extends WasmException {
    public ExhaustionException(String message) {
        super(message);
    }

    public ExhaustionException(String message, Throwable cause) {
        super(message, cause);
    }
}
