package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Table;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The GC proposal's instructions that are more than a field access or an array load: reference equality, casts
 * against canonical types, and the array instructions that allocate, fill or copy (with the spec's bounds checks
 * before anything is written). {@code struct.get}, {@code array.get} and {@code array.set} are inline code.
 */
public final class GcOps {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private GcOps() {}

    /** The canonical types of a module's type section ({@link GcTypes}); a module class calls this once. */
    public static GcType[] types(String description) {
        return GcTypes.canonical(description);
    }

    /** {@code ref.eq}: the same object, or two i31 references of the same value. */
    public static boolean refEq(Object a, Object b) {
        return a == b || a instanceof I31 x && b instanceof I31 y && x.value == y.value;
    }

    /** {@code ref.i31}. */
    public static I31 i31(int v) {
        return I31.of(v);
    }

    /** Whether {@code x} (not null) is a struct or array of type {@code t} or of one of its subtypes. */
    public static boolean test(Object x, GcType t) {
        if (x instanceof GcStruct s) {
            return s.type.isSubtypeOf(t);
        }
        return x instanceof GcArray a && a.type.isSubtypeOf(t);
    }

    /** Whether {@code x} (not null) is a function of type {@code t}, in a module without GC types. */
    public static boolean testFunction(Object x, FunctionType t) {
        return x instanceof WasmFunction f && f.type().equals(t);
    }

    /** Whether {@code x} (not null) is a function of canonical type {@code t} (of signature {@code sig}) or a subtype. */
    public static boolean testFunction(Object x, GcType t, FunctionType sig) {
        return x instanceof WasmFunction f && f.matches(t, sig);
    }

    /**
     * The callee of {@code call_indirect} in a module with GC types: element {@code index} of {@code table}, whose
     * type must be {@code expected} or a subtype (TableOps checks the rest).
     */
    public static MethodHandle function(int index, Table table, GcType expected, FunctionType sig) {
        return element(index, table, expected, sig).handle();
    }

    /** {@link #function}'s tail handle, for {@code return_call_indirect}. */
    public static MethodHandle tailFunction(int index, Table table, GcType expected, FunctionType sig) {
        return element(index, table, expected, sig).tailHandle();
    }

    private static WasmFunction element(int index, Table table, GcType expected, FunctionType sig) {
        Object[] elements = table.elements();
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw new TrapException("undefined element");
        }
        if (!(elements[index] instanceof WasmFunction f)) {
            throw new TrapException("uninitialized element " + index);
        }
        if (!f.matches(expected, sig)) {
            throw new TrapException("indirect call type mismatch");
        }
        return f;
    }

    /** {@code ref.cast} of a value that is not of the type. */
    public static TrapException castFailure() {
        return new TrapException("cast failure");
    }

    // ---- allocation: operands first, the type last ---------------------------------------------------------------

    public static GcArray.I8 newI8(int init, int length, GcType t) {
        byte[] v = new byte[checkLength(length)];
        Arrays.fill(v, (byte) init);
        return new GcArray.I8(t, v);
    }

    public static GcArray.I16 newI16(int init, int length, GcType t) {
        short[] v = new short[checkLength(length)];
        Arrays.fill(v, (short) init);
        return new GcArray.I16(t, v);
    }

    public static GcArray.I32 newI32(int init, int length, GcType t) {
        int[] v = new int[checkLength(length)];
        Arrays.fill(v, init);
        return new GcArray.I32(t, v);
    }

    public static GcArray.I64 newI64(long init, int length, GcType t) {
        long[] v = new long[checkLength(length)];
        Arrays.fill(v, init);
        return new GcArray.I64(t, v);
    }

    public static GcArray.F32 newF32(float init, int length, GcType t) {
        float[] v = new float[checkLength(length)];
        Arrays.fill(v, init);
        return new GcArray.F32(t, v);
    }

    public static GcArray.F64 newF64(double init, int length, GcType t) {
        double[] v = new double[checkLength(length)];
        Arrays.fill(v, init);
        return new GcArray.F64(t, v);
    }

    public static GcArray.Ref newRef(Object init, int length, GcType t) {
        Object[] v = new Object[checkLength(length)];
        Arrays.fill(v, init);
        return new GcArray.Ref(t, v);
    }

    /** {@code array.new_default}: zeros, or nulls. */
    public static GcArray newDefault(int length, GcType t) {
        int n = checkLength(length);
        return switch (t.element()) {
            case GcType.I8 -> new GcArray.I8(t, new byte[n]);
            case GcType.I16 -> new GcArray.I16(t, new short[n]);
            case TypeCodec.I32 -> new GcArray.I32(t, new int[n]);
            case TypeCodec.I64 -> new GcArray.I64(t, new long[n]);
            case TypeCodec.F32 -> new GcArray.F32(t, new float[n]);
            case TypeCodec.F64 -> new GcArray.F64(t, new double[n]);
            default -> new GcArray.Ref(t, new Object[n]);
        };
    }

    /** {@code array.new_data}: {@code length} elements read little-endian from {@code data} at {@code offset}. */
    public static GcArray newData(int offset, int length, GcType t, byte[] data) {
        int size = elementSize(t.element());
        if (Integer.toUnsignedLong(offset) + Integer.toUnsignedLong(length) * size > data.length) {
            throw new TrapException("out of bounds memory access");
        }
        GcArray a = newDefault(length, t);
        readData(a, 0, data, offset, length);
        return a;
    }

    /** {@code array.new_elem}: {@code length} references of an element segment from {@code offset}. */
    public static GcArray newElem(int offset, int length, GcType t, Object[] elements) {
        if (Integer.toUnsignedLong(offset) + Integer.toUnsignedLong(length) > elements.length) {
            throw new TrapException("out of bounds table access");
        }
        return new GcArray.Ref(t, Arrays.copyOfRange(elements, offset, offset + length));
    }

    // ---- bulk operations on existing arrays ---------------------------------------------------------------------

    public static void fillI32(Object array, int offset, int value, int n) {
        GcArray a = (GcArray) array;
        checkRange(a, offset, n);
        switch (a) {
            case GcArray.I8 x -> Arrays.fill(x.values, offset, offset + n, (byte) value);
            case GcArray.I16 x -> Arrays.fill(x.values, offset, offset + n, (short) value);
            default -> Arrays.fill(((GcArray.I32) a).values, offset, offset + n, value);
        }
    }

    public static void fillI64(Object array, int offset, long value, int n) {
        GcArray.I64 a = (GcArray.I64) array;
        checkRange(a, offset, n);
        Arrays.fill(a.values, offset, offset + n, value);
    }

    public static void fillF32(Object array, int offset, float value, int n) {
        GcArray.F32 a = (GcArray.F32) array;
        checkRange(a, offset, n);
        Arrays.fill(a.values, offset, offset + n, value);
    }

    public static void fillF64(Object array, int offset, double value, int n) {
        GcArray.F64 a = (GcArray.F64) array;
        checkRange(a, offset, n);
        Arrays.fill(a.values, offset, offset + n, value);
    }

    public static void fillRef(Object array, int offset, Object value, int n) {
        GcArray.Ref a = (GcArray.Ref) array;
        checkRange(a, offset, n);
        Arrays.fill(a.values, offset, offset + n, value);
    }

    /** {@code array.copy}; overlapping ranges copy as if through a temporary array. */
    public static void copy(Object dst, int dstOffset, Object src, int srcOffset, int n) {
        GcArray d = (GcArray) dst;
        GcArray s = (GcArray) src;
        checkRange(d, dstOffset, n);
        checkRange(s, srcOffset, n);
        System.arraycopy(s.storage(), srcOffset, d.storage(), dstOffset, n);
    }

    /** {@code array.init_data}. */
    public static void initData(Object array, int offset, int dataOffset, int n, byte[] data) {
        GcArray a = (GcArray) array;
        checkRange(a, offset, n);
        int size = elementSize(a.type.element());
        if (Integer.toUnsignedLong(dataOffset) + Integer.toUnsignedLong(n) * size > data.length) {
            throw new TrapException("out of bounds memory access");
        }
        readData(a, offset, data, dataOffset, n);
    }

    /** {@code array.init_elem}. */
    public static void initElem(Object array, int offset, int elemOffset, int n, Object[] elements) {
        GcArray.Ref a = (GcArray.Ref) array;
        checkRange(a, offset, n);
        if (Integer.toUnsignedLong(elemOffset) + Integer.toUnsignedLong(n) > elements.length) {
            throw new TrapException("out of bounds table access");
        }
        System.arraycopy(elements, elemOffset, a.values, offset, n);
    }

    private static void readData(GcArray a, int at, byte[] data, int offset, int n) {
        for (int i = 0; i < n; i++) {
            switch (a) {
                case GcArray.I8 x -> x.values[at + i] = data[offset + i];
                case GcArray.I16 x -> x.values[at + i] = (short) (int) SHORT.get(data, offset + 2 * i);
                case GcArray.I32 x -> x.values[at + i] = (int) INT.get(data, offset + 4 * i);
                case GcArray.I64 x -> x.values[at + i] = (long) LONG.get(data, offset + 8 * i);
                case GcArray.F32 x -> x.values[at + i] = Float.intBitsToFloat((int) INT.get(data, offset + 4 * i));
                case GcArray.F64 x -> x.values[at + i] = Double.longBitsToDouble((long) LONG.get(data, offset + 8 * i));
                default -> throw new IllegalStateException("no data for an array of references");
            }
        }
    }

    private static int elementSize(int element) {
        return switch (element) {
            case GcType.I8 -> 1;
            case GcType.I16 -> 2;
            case TypeCodec.I64, TypeCodec.F64 -> 8;
            default -> 4;
        };
    }

    private static void checkRange(GcArray a, int offset, int n) {
        if (Integer.toUnsignedLong(offset) + Integer.toUnsignedLong(n) > a.length) {
            throw new TrapException("out of bounds array access");
        }
    }

    private static int checkLength(int length) {
        if (length < 0) {
            throw new TrapException("out of bounds array access: length " + Integer.toUnsignedString(length));
        }
        return length;
    }
}
