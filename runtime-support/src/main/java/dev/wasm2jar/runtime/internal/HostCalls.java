package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HostCall;
import dev.wasm2jar.runtime.ValueType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;

/**
 * A {@link HostCall} as a method handle of its function's exact type, for the callers that need one (a table, a
 * re-export, {@code WasmFunction.call}); import stubs call the host call itself.
 */
public final class HostCalls {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private HostCalls() {}

    /** {@code call} as a handle of {@code type}'s {@link FunctionType#methodType()}. */
    public static MethodHandle handle(FunctionType type, HostCall call) {
        int n = type.params().size();
        try {
            MethodHandle h = LOOKUP.findVirtual(HostCall.class, "call",
                    MethodType.methodType(long.class, Collections.nCopies(n, long.class))).bindTo(call);
            MethodHandle[] widen = new MethodHandle[n];
            for (int i = 0; i < n; i++) {
                widen[i] = converter(type.params().get(i), true);
            }
            h = MethodHandles.filterArguments(h, 0, widen);
            if (type.results().isEmpty()) {
                return MethodHandles.dropReturn(h);
            }
            MethodHandle narrow = converter(type.results().get(0), false);
            return narrow == null ? h : MethodHandles.filterReturnValue(h, narrow);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The conversion of a value of {@code t} to a long ({@code toLong}) or back; null for i64. */
    private static MethodHandle converter(ValueType t, boolean toLong) throws ReflectiveOperationException {
        Class<?> java = t.javaType();
        if (java == long.class) {
            return null;
        }
        String name = (toLong ? "from" : "to") + Character.toUpperCase(java.getName().charAt(0));
        MethodType mt = toLong ? MethodType.methodType(long.class, java) : MethodType.methodType(java, long.class);
        return LOOKUP.findStatic(HostCalls.class, name, mt);
    }

    private static long fromI(int v) {
        return v;
    }

    private static long fromF(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static long fromD(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static int toI(long v) {
        return (int) v;
    }

    private static float toF(long v) {
        return Float.intBitsToFloat((int) v);
    }

    private static double toD(long v) {
        return Double.longBitsToDouble(v);
    }
}
