package dev.wasm2jar.compiler;

/** Hears how far a compilation is; called from compiling threads. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    /** {@code done} of {@code total} defined functions are compiled. */
    void functions(int done, int total);
}
