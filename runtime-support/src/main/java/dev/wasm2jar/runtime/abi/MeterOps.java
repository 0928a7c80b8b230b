package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.StoppedException;

/**
 * The polls of a module compiled with metering: at every function's entry ({@link #enter}) and exits
 * ({@link #leave}), and at the head of every loop ({@link #poll}). Each is a few loads and stores that HotSpot
 * inlines; the trap itself is built out of line.
 */
public final class MeterOps {
    private MeterOps() {}

    /** At a loop's head: spends one unit of fuel, and traps when the instance must stop or its fuel ran out. */
    public static void poll(MeteredInstance self) {
        if (self.stop != null || --self.fuel < 0) {
            throw stopped(self);
        }
    }

    /**
     * At a function's entry: counts the call against the call depth, then polls. The function calls {@link #leave}
     * on every way out, a trap included, so the count stays true even for a host that catches traps.
     */
    public static void enter(MeteredInstance self) {
        if (--self.callsLeft < 0) {
            throw new ExhaustionException("call stack exhausted");
        }
        poll(self);
    }

    /** On a function's way out, returning or throwing: gives back the call {@link #enter} counted. */
    public static void leave(MeteredInstance self) {
        self.callsLeft++;
    }

    private static StoppedException stopped(MeteredInstance self) {
        StoppedException.Reason reason = self.stop;
        return new StoppedException(reason != null ? reason : StoppedException.Reason.FUEL);
    }
}
