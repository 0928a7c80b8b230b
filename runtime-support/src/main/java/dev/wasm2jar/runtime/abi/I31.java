package dev.wasm2jar.runtime.abi;

/**
 * An {@code i31ref}: a 31-bit integer as a reference. It is a small object here (the JVM has no tagged pointers);
 * {@code ref.eq} compares two of them by value ({@link GcOps#refEq}).
 */
public final class I31 extends GcObject {
    /** The value sign-extended from 31 bits: what {@code i31.get_s} returns. */
    public final int value;

    private I31(int value) {
        this.value = value;
    }

    /** {@code ref.i31}: the low 31 bits of {@code v}. */
    public static I31 of(int v) {
        return new I31(v << 1 >> 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof I31 i && i.value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public String toString() {
        return "i31:" + value;
    }
}
