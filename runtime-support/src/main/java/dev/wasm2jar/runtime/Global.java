package dev.wasm2jar.runtime;

/**
 * A global variable that crosses a module boundary (imported or exported). Globals private to a module are fields of
 * the compiled class instead. Numbers are kept as raw bits, so NaN payloads survive.
 */
public final class Global {
    private final ValueType type;
    private final boolean mutable;
    private long bits;
    private long highBits;
    private Object ref;

    public Global(ValueType type, boolean mutable, Object initialValue) {
        this.type = type;
        this.mutable = mutable;
        store(initialValue);
    }

    public ValueType type() {
        return type;
    }

    public boolean isMutable() {
        return mutable;
    }

    public int getI32() {
        return (int) bits;
    }

    public long getI64() {
        return bits;
    }

    public float getF32() {
        return Float.intBitsToFloat((int) bits);
    }

    public double getF64() {
        return Double.longBitsToDouble(bits);
    }

    public Object getRef() {
        return ref;
    }

    public V128 getV128() {
        return new V128(bits, highBits);
    }

    public void setI32(int value) {
        bits = value;
    }

    public void setI64(long value) {
        bits = value;
    }

    public void setF32(float value) {
        bits = Float.floatToRawIntBits(value);
    }

    public void setF64(double value) {
        bits = Double.doubleToRawLongBits(value);
    }

    public void setRef(Object value) {
        ref = value;
    }

    public void setV128(V128 value) {
        bits = value.lo();
        highBits = value.hi();
    }

    /** The value boxed: Integer, Long, Float, Double, V128, or the reference. */
    public Object get() {
        return switch (type.kind()) {
            case I32 -> getI32();
            case I64 -> getI64();
            case F32 -> getF32();
            case F64 -> getF64();
            case V128 -> getV128();
            default -> ref;
        };
    }

    /** Sets the value from the embedder's side; refuses immutable globals. */
    public void set(Object value) {
        if (!mutable) {
            throw new IllegalStateException("global is immutable");
        }
        store(value);
    }

    private void store(Object value) {
        switch (type.kind()) {
            case I32 -> bits = (Integer) value;
            case I64 -> bits = (Long) value;
            case F32 -> bits = Float.floatToRawIntBits((Float) value);
            case F64 -> bits = Double.doubleToRawLongBits((Double) value);
            case V128 -> setV128((V128) value);
            default -> ref = value;
        }
    }
}
