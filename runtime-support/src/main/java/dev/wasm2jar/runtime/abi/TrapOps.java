package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.TrapException;

/** Traps that compiled code raises itself; it throws what these return, so the JVM sees the control flow end. */
public final class TrapOps {
    private TrapOps() {}

    /** {@code unreachable}. */
    public static TrapException unreachable() {
        return new TrapException("unreachable");
    }
}
