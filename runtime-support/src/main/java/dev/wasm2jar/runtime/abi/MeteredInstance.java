package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.StoppedException;

/**
 * The base class of module classes compiled with metering: the state of an instance that its polls ({@link MeterOps})
 * read. A module compiled without metering does not extend it and pays nothing. Each instance has its own, so one
 * guest stopping never touches another.
 *
 * <p>The fields are for {@link MeterOps}; the runtime sets the limits through the methods, once before the instance
 * runs, and stops it through {@link #stop} from any thread. Calls of one instance from several threads at once are
 * not supported: the counters belong to the thread that runs the guest.
 */
public abstract class MeteredInstance implements CompiledInstance {
    /** Why the instance must stop, or null while it may run: the one field another thread writes. */
    volatile StoppedException.Reason stop;
    /** Fuel left: one unit per function entry and loop iteration; negative once exhausted. */
    long fuel = Long.MAX_VALUE;
    /** Wasm calls that may still start before the call stack counts as exhausted. */
    int callsLeft = Integer.MAX_VALUE;

    protected MeteredInstance() {}

    /**
     * Sets the limits, before the instance runs.
     *
     * @param fuel units of fuel, or -1 for no limit
     * @param maxCallDepth calls active at once, or -1 for no limit
     */
    public final void limit(long fuel, int maxCallDepth) {
        this.fuel = fuel < 0 ? Long.MAX_VALUE : fuel;
        this.callsLeft = maxCallDepth < 0 ? Integer.MAX_VALUE : maxCallDepth;
    }

    /** Makes the instance stop at its next poll, from any thread; the first reason given stays. */
    public final void stop(StoppedException.Reason reason) {
        if (stop == null) {
            stop = reason;
        }
    }

    /** Fuel left, 0 once exhausted; meaningful only when a limit was set. */
    public final long fuel() {
        return Math.max(fuel, 0);
    }
}
