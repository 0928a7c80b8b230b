package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.runtime.internal.Traps;

/** Traps that compiled code raises itself; it throws what these return, so the JVM sees the control flow end. */
public final class TrapOps {
    private TrapOps() {}

    /** {@code unreachable}. */
    public static TrapException unreachable() {
        return new TrapException("unreachable");
    }

    /** {@code ref.as_non_null} of null. */
    public static TrapException nullReference() {
        return new TrapException("null reference");
    }

    /**
     * What a call into compiled code threw, as the spec's error: a {@link WasmException} for a trap (an array index
     * out of bounds is {@code out of bounds memory access}, a {@link StackOverflowError} is call-stack exhaustion),
     * any other runtime exception as it is. Generated facades call exports with {@code invokeExact} and rethrow this.
     *
     * @param thrown what the call threw
     * @return the exception to throw; an {@link Error} other than stack overflow is thrown from here
     */
    public static RuntimeException fromJava(Throwable thrown) {
        return Traps.translate(thrown);
    }
}
