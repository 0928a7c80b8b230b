package dev.wasm2jar.cli;

/**
 * Threads with a large stack. Wasm code compiles to JVM methods that call each other as wasm functions do, so deep
 * wasm recursion needs a deep JVM stack; the main thread's size cannot be set reliably with {@code -Xss}, so the
 * command line and the spec harness run their work on a thread of their own.
 */
public final class LargeStack {
    /** 512 MiB: recursion thousands of frames deep, as real programs and the spec tests need. */
    public static final long SIZE = 512L << 20;

    private LargeStack() {}

    /** A daemon thread of {@link #SIZE} that runs {@code task}; not started. */
    public static Thread newThread(String name, Runnable task) {
        return newThread(name, task, SIZE);
    }

    /** A daemon thread with a stack of {@code size} bytes that runs {@code task}; not started. */
    public static Thread newThread(String name, Runnable task, long size) {
        Thread thread = new Thread(null, task, name, size);
        thread.setDaemon(true);
        return thread;
    }
}
