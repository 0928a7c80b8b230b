package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/**
 * clock_res_get and clock_time_get: realtime from {@link Instant#now()}, monotonic from {@link System#nanoTime()},
 * CPU time of the process and of the calling thread from the JVM's management beans.
 *
 * <pre>
 * clock_res_get(id: u32, resolution_out: *u64)
 * clock_time_get(id: u32, precision: u64, time_out: *u64)     times in nanoseconds
 * </pre>
 */
public final class Clocks {
    private final WasiContext context;
    private final GuestMemory memory;

    public Clocks(WasiContext context, GuestMemory memory) {
        this.context = context;
        this.memory = memory;
    }

    public int clockResGet(int id, int out) {
        long resolution = switch (id) {
            case Flags.CLOCK_REALTIME -> 1_000; // the JDK's clock ticks in microseconds on Linux
            case Flags.CLOCK_MONOTONIC -> 1;
            case Flags.CLOCK_PROCESS_CPUTIME, Flags.CLOCK_THREAD_CPUTIME -> 1_000;
            default -> throw ErrnoException.of(Errno.INVAL);
        };
        GuestMemory.putI64(memory.bytes(), out, resolution);
        return Errno.SUCCESS;
    }

    public int clockTimeGet(int id, long precision, int out) {
        GuestMemory.putI64(memory.bytes(), out, now(context, id));
        return Errno.SUCCESS;
    }

    /** The time of clock {@code id} in nanoseconds; {@link Errno#INVAL} for an unknown clock. */
    public static long now(WasiContext context, int id) {
        return switch (id) {
            case Flags.CLOCK_REALTIME -> realtime();
            case Flags.CLOCK_MONOTONIC -> context.monotonicNanos();
            case Flags.CLOCK_PROCESS_CPUTIME -> processCpu();
            case Flags.CLOCK_THREAD_CPUTIME -> threads().getCurrentThreadCpuTime();
            default -> throw ErrnoException.of(Errno.INVAL);
        };
    }

    private static long realtime() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static ThreadMXBean threads() {
        return ManagementFactory.getThreadMXBean();
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        throw ErrnoException.of(Errno.NOTSUP);
    }
}
