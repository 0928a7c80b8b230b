package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/** Between the JVM form of results ({@link FunctionType#methodType()}) and boxed Object arrays. */
public final class Boxing {
    private Boxing() {}

    /** Boxes what a function of {@code type} returned into one Object per result. */
    public static Object[] resultsToArray(FunctionType type, Object returned) {
        List<ValueType> results = type.results();
        if (results.isEmpty()) {
            return new Object[0];
        }
        if (results.size() == 1) {
            return new Object[] {returned};
        }
        if (returned instanceof long[] bits) {
            Object[] out = new Object[bits.length];
            for (int i = 0; i < bits.length; i++) {
                out[i] = fromBits(results.get(i), bits[i]);
            }
            return out;
        }
        return ((Object[]) returned).clone();
    }

    /** A handle {@code (Object[]) -> R} that turns boxed results into the JVM form for {@code type}. */
    public static MethodHandle resultsFromArray(FunctionType type) {
        try {
            MethodHandle h = MethodHandles.lookup().findStatic(Boxing.class, "unboxResults",
                    MethodType.methodType(Object.class, FunctionType.class, Object[].class));
            h = MethodHandles.insertArguments(h, 0, type);
            Class<?> r = type.methodType().returnType();
            return r == void.class ? h.asType(MethodType.methodType(void.class, Object[].class))
                    : h.asType(MethodType.methodType(r, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object unboxResults(FunctionType type, Object[] values) {
        List<ValueType> results = type.results();
        int n = values == null ? 0 : values.length;
        if (n != results.size()) {
            throw new IllegalStateException("host function returned " + n + " values, expected " + results.size());
        }
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return values[0];
        }
        if (FunctionType.resultJavaType(results) == long[].class) {
            long[] bits = new long[n];
            for (int i = 0; i < n; i++) {
                bits[i] = toBits(results.get(i), values[i]);
            }
            return bits;
        }
        return values.clone();
    }

    /** The boxed value of raw bits of a numeric type. */
    public static Object fromBits(ValueType type, long bits) {
        return switch (type.kind()) {
            case I32 -> (int) bits;
            case I64 -> bits;
            case F32 -> Float.intBitsToFloat((int) bits);
            case F64 -> Double.longBitsToDouble(bits);
            default -> throw new IllegalArgumentException(type + " has no bits");
        };
    }

    /** The raw bits of a boxed numeric value. */
    public static long toBits(ValueType type, Object value) {
        return switch (type.kind()) {
            case I32 -> (Integer) value;
            case I64 -> (Long) value;
            case F32 -> Float.floatToRawIntBits((Float) value);
            case F64 -> Double.doubleToRawLongBits((Double) value);
            default -> throw new IllegalArgumentException(type + " has no bits");
        };
    }
}
