package dev.wasm2jar.runtime;

import java.util.function.IntSupplier;

/**
 * Threads with a large stack. Wasm code compiles to JVM methods that call each other as wasm functions do, so deep
 * wasm recursion needs a deep JVM stack; the main thread's size cannot be set reliably with {@code -Xss}, so the
 * command line, runnable jars and the spec harness run their work on a thread of their own.
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

    /**
     * What a {@code main} method does: runs {@code main} on a thread of {@link #SIZE}, waits for it, flushes the
     * standard streams and exits the JVM with the code it returned (1 if it threw). Exit code 0 with no other thread
     * that would keep the JVM alive returns instead, which ends the JVM the same way (shutdown hooks and all) but
     * without what {@link System#exit} first looks up to log itself: a logger backend, found through the class path's
     * services (10-25 ms; RATIONALE.md, "Start-up").
     */
    public static void runAndExit(String name, IntSupplier main) {
        int[] exit = {1};
        // A class, not a lambda: the first lambda of a JVM costs 10 ms of CPU (RATIONALE.md, "Start-up").
        Thread worker = newThread(name, new Runnable() {
            @Override
            public void run() {
                exit[0] = main.getAsInt();
            }
        });
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.err.flush();
        if (exit[0] != 0 || otherThreadsAlive()) {
            System.exit(exit[0]);
        }
    }

    /** Whether a thread besides this one (in its group and those below) is alive and not a daemon. */
    private static boolean otherThreadsAlive() {
        Thread current = Thread.currentThread();
        Thread[] threads = new Thread[current.getThreadGroup().activeCount() + 8];
        int n = current.getThreadGroup().enumerate(threads);
        if (n == threads.length) {
            return true; // more than were counted: assume the worst
        }
        for (int i = 0; i < n; i++) {
            if (threads[i] != current && threads[i].isAlive() && !threads[i].isDaemon()) {
                return true;
            }
        }
        return false;
    }
}
