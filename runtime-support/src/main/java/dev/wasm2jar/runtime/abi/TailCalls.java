package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.WasmFunction;

/**
 * Tail calls past the bound of JVM frames a chain of them may hold (RATIONALE.md, "Tail calls"): a tail-call site
 * throws {@link #pending}'s {@link TailCall} instead of calling, and the entry of the function below the chain runs it
 * with {@link #run}.
 */
public final class TailCalls {
    /** A chain of tail calls unwinds to its entry when this many have been made since the last unwinding. */
    public static final int BOUND = 1_000;

    /** What the metadata appends to a function's method name when that method is the entry of one with tail calls. */
    public static final String ENTRY_SUFFIX = "$entry";

    private TailCalls() {}

    /** The tail call of {@code target} with {@code args} (boxed as {@link WasmFunction#call} takes them), to throw. */
    public static TailCall pending(WasmFunction target, Object[] args) {
        if (target == null) {
            throw new TrapException("null function reference");
        }
        return new TailCall(target, args);
    }

    /**
     * Runs {@code call}, and every tail call that unwinds out of it in turn, through each callee's tail handle; returns
     * the last one's result as its handle returns it (boxed; null for none).
     */
    public static Object run(TailCall call) throws Throwable {
        TailCall next = call;
        while (true) {
            try {
                return next.target.tailHandle().invokeWithArguments(next.args);
            } catch (TailCall again) {
                next = again;
            }
        }
    }

    /** A tail call on its way to the entry below its chain; no stack trace, since it is control flow. */
    public static final class TailCall extends RuntimeException {
        private final transient WasmFunction target;
        private final transient Object[] args;

        TailCall(WasmFunction target, Object[] args) {
            super("tail call of " + target.name(), null, false, false);
            this.target = target;
            this.args = args;
        }
    }
}
