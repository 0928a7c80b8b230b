package dev.wasm2jar.bench.engine;

import dev.wasm2jar.bench.kernel.Kernel;

/**
 * A kernel called one of its WASI imports. Rust's std only does so on its panic path (to print the message, read
 * RUST_BACKTRACE and exit), so the benchmarks link every import to a stub that throws this.
 */
public final class KernelPanic extends RuntimeException {
    public KernelPanic(Kernel kernel, String function) {
        super(kernel.id() + " called " + function + ": the kernel panicked");
    }
}
