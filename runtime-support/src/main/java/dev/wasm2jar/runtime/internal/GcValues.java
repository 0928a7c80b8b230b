package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.abi.GcArray;
import dev.wasm2jar.runtime.abi.GcOps;
import dev.wasm2jar.runtime.abi.GcType;
import dev.wasm2jar.runtime.abi.TypeCodec;

/** Arrays of boxed values, for the constant expressions that the runtime evaluates. */
final class GcValues {
    private GcValues() {}

    /** {@code array.new} of a boxed initial value, as constant expressions need it. */
    public static GcArray newBoxed(Object init, int length, GcType t) {
        return switch (t.element()) {
            case GcType.I8 -> GcOps.newI8((Integer) init, length, t);
            case GcType.I16 -> GcOps.newI16((Integer) init, length, t);
            case TypeCodec.I32 -> GcOps.newI32((Integer) init, length, t);
            case TypeCodec.I64 -> GcOps.newI64((Long) init, length, t);
            case TypeCodec.F32 -> GcOps.newF32((Float) init, length, t);
            case TypeCodec.F64 -> GcOps.newF64((Double) init, length, t);
            default -> GcOps.newRef(init, length, t);
        };
    }

    /** {@code array.new_fixed} of boxed values, as constant expressions need it. */
    public static GcArray newFixed(Object[] values, GcType t) {
        GcArray a = GcOps.newDefault(values.length, t);
        for (int i = 0; i < values.length; i++) {
            setBoxed(a, i, values[i]);
        }
        return a;
    }

    private static void setBoxed(GcArray a, int i, Object value) {
        switch (a) {
            case GcArray.I8 x -> x.values[i] = (byte) (int) (Integer) value;
            case GcArray.I16 x -> x.values[i] = (short) (int) (Integer) value;
            case GcArray.I32 x -> x.values[i] = (Integer) value;
            case GcArray.I64 x -> x.values[i] = (Long) value;
            case GcArray.F32 x -> x.values[i] = (Float) value;
            case GcArray.F64 x -> x.values[i] = (Double) value;
            case GcArray.Ref x -> x.values[i] = value;
            default -> throw new IllegalStateException("unknown array class " + a.getClass());
        }
    }
}
