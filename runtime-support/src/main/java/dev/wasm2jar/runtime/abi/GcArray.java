package dev.wasm2jar.runtime.abi;

/**
 * The superclass of every array: one final class per element representation, each holding a JVM array of that
 * element type in {@code values} (i8 as {@code byte[]}, i16 as {@code short[]}, every reference as
 * {@code Object[]}), so that {@code array.get} is a {@code getfield} and an array load.
 */
public abstract class GcArray extends GcObject {
    /** The canonical type, for casts. */
    public final GcType type;
    /** {@code array.len}: the length of {@code values}, a field so that reading it needs no virtual call. */
    public final int length;

    GcArray(GcType type, int length) {
        this.type = type;
        this.length = length;
    }

    /** The number of elements. */
    public final int length() {
        return length;
    }

    /** The JVM array of the elements, for copies. */
    abstract Object storage();

    @Override
    public String toString() {
        return "array " + type + "[" + length() + "]";
    }

    /** Elements of type i8. */
    public static final class I8 extends GcArray {
        public final byte[] values;

        public I8(GcType type, byte[] values) {
            super(type, values.length);
            this.values = values;
        }

        @Override
        Object storage() {
            return values;
        }
    }

    /** Elements of type i16. */
    public static final class I16 extends GcArray {
        public final short[] values;

        public I16(GcType type, short[] values) {
            super(type, values.length);
            this.values = values;
        }

        @Override
        Object storage() {
            return values;
        }
    }

    /** Elements of type i32. */
    public static final class I32 extends GcArray {
        public final int[] values;

        public I32(GcType type, int[] values) {
            super(type, values.length);
            this.values = values;
        }

        @Override
        Object storage() {
            return values;
        }
    }

    /** Elements of type i64. */
    public static final class I64 extends GcArray {
        public final long[] values;

        public I64(GcType type, long[] values) {
            super(type, values.length);
            this.values = values;
        }

        @Override
        Object storage() {
            return values;
        }
    }

    /** Elements of type f32. */
    public static final class F32 extends GcArray {
        public final float[] values;

        public F32(GcType type, float[] values) {
            super(type, values.length);
            this.values = values;
        }

        @Override
        Object storage() {
            return values;
        }
    }

    /** Elements of type f64. */
    public static final class F64 extends GcArray {
        public final double[] values;

        public F64(GcType type, double[] values) {
            super(type, values.length);
            this.values = values;
        }

        @Override
        Object storage() {
            return values;
        }
    }

    /** Elements of a reference type. */
    public static final class Ref extends GcArray {
        public final Object[] values;

        public Ref(GcType type, Object[] values) {
            super(type, values.length);
            this.values = values;
        }

        @Override
        Object storage() {
            return values;
        }
    }
}
