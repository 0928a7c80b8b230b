package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.StoppedException;
import dev.wasm2jar.runtime.abi.MeteredInstance;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines of instances: one daemon timer thread for the JVM stops each instance when its time is up, through the
 * same flag as an interruption, so guests pay for a deadline only the poll they pay for any limit. The timer holds an
 * instance weakly: a deadline never keeps a finished guest's memory alive.
 */
public final class Deadlines {
    private static volatile ScheduledThreadPoolExecutor timer;

    private Deadlines() {}

    /** Stops {@code instance} with {@code deadline exceeded} once {@code after} has passed. */
    public static void schedule(MeteredInstance instance, Duration after) {
        long nanos;
        try {
            nanos = after.toNanos();
        } catch (ArithmeticException e) {
            return; // centuries: never
        }
        WeakReference<MeteredInstance> target = new WeakReference<>(instance);
        timer().schedule(() -> {
            MeteredInstance live = target.get();
            if (live != null) {
                live.stop(StoppedException.Reason.DEADLINE);
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            synchronized (Deadlines.class) {
                t = timer;
                if (t == null) {
                    t = new ScheduledThreadPoolExecutor(1, task -> {
                        Thread thread = new Thread(task, "wasm2jar-deadlines");
                        thread.setDaemon(true);
                        return thread;
                    });
                    timer = t;
                }
            }
        }
        return t;
    }
}
