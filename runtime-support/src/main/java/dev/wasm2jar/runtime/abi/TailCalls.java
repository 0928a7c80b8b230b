package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.WasmFunction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Tail calls past the bound of JVM frames a chain of them may hold (RATIONALE.md, "Tail calls"): at the bound, a
 * tail-call site {@link #defer}s its call and returns a dummy result; the frames above, all tail calls in progress,
 * return it unchanged, and the entry of the function below the chain, seeing {@link #any} deferred call, {@link #take}s
 * this thread's and {@link #run}s it instead.
 */
public final class TailCalls {
    /** A chain of tail calls returns to its entry when this many have been made since the last time. */
    public static final int BOUND = 1_000;

    /** What the metadata appends to a function's method name when that method is the entry of one with tail calls. */
    public static final String ENTRY_SUFFIX = "$entry";

    /** Deferred calls on all threads: an entry looks for its thread's only when this is not zero. */
    private static int deferred;
    private static final VarHandle DEFERRED;
    private static final ThreadLocal<Call> PENDING = new ThreadLocal<>();

    static {
        try {
            DEFERRED = MethodHandles.lookup().findStaticVarHandle(TailCalls.class, "deferred", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TailCalls() {}

    /** A call to make in place of the tail call that deferred it. */
    private record Call(WasmFunction target, Object[] args) {}

    /**
     * Defers the tail call of {@code target} with {@code args} (boxed as {@link WasmFunction#call} takes them) to the
     * entry below; the site then returns a dummy result.
     */
    public static void defer(WasmFunction target, Object[] args) {
        if (target == null) {
            throw new TrapException("null function reference");
        }
        PENDING.set(new Call(target, args));
        DEFERRED.getAndAdd(1);
    }

    /** Whether any thread may have a deferred call: a plain read, which sees this thread's own {@link #defer}. */
    public static boolean any() {
        return deferred != 0;
    }

    /** This thread's deferred call, now the caller's to run, or null. */
    public static Object take() {
        Call call = PENDING.get();
        if (call != null) {
            PENDING.remove();
            DEFERRED.getAndAdd(-1);
        }
        return call;
    }

    /**
     * Runs a call that {@link #take} gave, through the callee's tail handle, and each call deferred while it runs in
     * turn; returns the last one's result as its handle returns it (boxed; null for none).
     */
    public static Object run(Object taken) throws Throwable {
        Call call = (Call) taken;
        while (true) {
            Object result = call.target.tailHandle().invokeWithArguments(call.args);
            call = (Call) take();
            if (call == null) {
                return result;
            }
        }
    }
}
