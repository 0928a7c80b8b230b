package dev.wasm2jar.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What one instance may consume, for running guests that are not trusted: its memory, its fuel, its time and its call
 * depth. Each limit is off unless set; {@link #NONE} sets none. Immutable: {@code with...} returns a changed copy.
 *
 * <pre>{@code
 * Limits limits = Limits.NONE.withMaxMemoryPages(256).withDeadline(Duration.ofSeconds(5));
 * Instance guest = Linker.create().with(wasi).limits(limits).instantiate(module);
 * }</pre>
 *
 * <p>The memory limit works on every module. Fuel, the deadline and the call depth are checked by polls that the
 * compiler emits only into modules compiled with metering ({@code CompilerOptions.withMetering(true)},
 * {@code wasm2jar compile --metering}); instantiating any other module with one of them set fails, as does
 * {@link Instance#interrupt()} on its instances. A limit that stops a guest throws a trap: {@link StoppedException}
 * for fuel, the deadline and interruption, {@link ExhaustionException} ({@code call stack exhausted}) for the call
 * depth. The instance stays stopped: every later call traps the same way. Other instances never notice.
 *
 * @param maxMemoryPages pages each memory the instance defines may have, initially and after {@code memory.grow}
 *     (which returns -1 beyond it); -1 for no limit. Memories it imports are their owner's to limit.
 * @param fuel units of fuel: one is spent on every function call and every iteration of a loop (at the loop's head),
 *     whatever the loop does; -1 for no limit
 * @param deadline how long the instance may run, from the start of its instantiation (the start function runs
 *     within it); null for no limit. A guest blocked inside a host function stops once that returns.
 * @param maxCallDepth how many wasm calls of this instance may be active at once; -1 for no limit (the JVM's stack is
 *     the limit then, also reported as {@code call stack exhausted})
 */
public record Limits(long maxMemoryPages, long fuel, Duration deadline, int maxCallDepth) {
    /** No limits. */
    public static final Limits NONE = new Limits(-1, -1, null, -1);

    public Limits {
        if (maxMemoryPages < -1 || fuel < -1 || maxCallDepth < -1) {
            throw new IllegalArgumentException("a limit is -1 (none) or at least 0");
        }
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("a deadline must be positive, not " + deadline);
        }
    }

    public Limits withMaxMemoryPages(long pages) {
        return new Limits(pages, fuel, deadline, maxCallDepth);
    }

    public Limits withFuel(long units) {
        return new Limits(maxMemoryPages, units, deadline, maxCallDepth);
    }

    public Limits withDeadline(Duration timeout) {
        return new Limits(maxMemoryPages, fuel, Objects.requireNonNull(timeout), maxCallDepth);
    }

    public Limits withMaxCallDepth(int calls) {
        return new Limits(maxMemoryPages, fuel, deadline, calls);
    }

    /** Whether a limit needs a module compiled with metering: fuel, a deadline or a call depth. */
    public boolean needsMetering() {
        return fuel >= 0 || deadline != null || maxCallDepth >= 0;
    }
}
