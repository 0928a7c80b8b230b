package dev.wasm2jar.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The threads the compiler runs on, whoever calls it. Planning and translating recurse over a function's block
 * structure, and real modules nest blocks thousands deep (clang's build), deeper than a default stack (1 MiB for
 * new threads and ForkJoin workers, whose size cannot be set) holds; so every stage runs on threads of
 * {@link #STACK_SIZE}, which reserve address space, not memory, until they recurse that deep.
 */
final class CompileThreads {
    /** 512 MiB, as the command line's own thread: nesting in the hundreds of thousands. */
    static final long STACK_SIZE = 512L << 20;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Worker(task);
        thread.setDaemon(true);
        return thread;
    });

    private static final AtomicInteger WORKERS = new AtomicInteger();

    private static final class Worker extends Thread {
        Worker(Runnable task) {
            super(null, task, "wasm2jar-compile-" + WORKERS.incrementAndGet(), STACK_SIZE);
        }
    }

    private CompileThreads() {}

    /** Runs {@code work} on a thread of the pool (here, when this is one) and returns its result. */
    static <T> T call(Callable<T> work) {
        if (Thread.currentThread() instanceof Worker) {
            return uncheckedCall(work);
        }
        return join(POOL.submit(() -> uncheckedCall(work)));
    }

    /**
     * Runs {@code task} for every index in [{@code from}, {@code to}) on up to as many threads as there are
     * processors, this one among them; the first exception stops the rest and is thrown here.
     */
    static void forEach(int from, int to, IntConsumer task) {
        AtomicInteger next = new AtomicInteger(from);
        AtomicBoolean failed = new AtomicBoolean();
        Runnable share = () -> {
            try {
                for (int i = next.getAndIncrement(); i < to && !failed.get(); i = next.getAndIncrement()) {
                    task.accept(i);
                }
            } catch (RuntimeException | Error e) {
                failed.set(true);
                throw e;
            }
        };
        int helpers = Math.min(to - from, Runtime.getRuntime().availableProcessors()) - 1;
        List<Future<?>> started = new ArrayList<>();
        for (int h = 0; h < helpers; h++) {
            started.add(POOL.submit(share));
        }
        Throwable first = null;
        try {
            call(() -> {
                share.run();
                return null;
            });
        } catch (RuntimeException | Error e) {
            first = e;
        }
        for (Future<?> helper : started) {
            try {
                join(helper);
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    private static <T> T uncheckedCall(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code future}; what it threw is thrown here as it was. */
    private static <T> T join(Future<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
