package dev.wasm2jar.bench.kernel;

/** One kernel loaded in one engine, ready to call. */
public interface KernelRunner extends AutoCloseable {
    /** Calls {@code run(size)}; an f64 result comes back as its raw bits. */
    long run(int size) throws Throwable;

    @Override
    default void close() {}
}
