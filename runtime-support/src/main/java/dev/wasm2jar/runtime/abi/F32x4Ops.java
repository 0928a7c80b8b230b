package dev.wasm2jar.runtime.abi;

/**
 * {@code f32x4} instructions on one lane ({@code float}) that neither a JVM instruction nor {@link NumericOps} covers:
 * comparisons (giving the i32 lane -1 or 0; every comparison with NaN is false but {@code ne}), pseudo-min/max and
 * square root. Lanes follow the scalar NaN rules: see {@link NumericOps}.
 */
public final class F32x4Ops {
    private F32x4Ops() {}

    public static int eq(float a, float b) {
        return a == b ? -1 : 0;
    }

    public static int ne(float a, float b) {
        return a != b ? -1 : 0;
    }

    public static int lt(float a, float b) {
        return a < b ? -1 : 0;
    }

    public static int gt(float a, float b) {
        return a > b ? -1 : 0;
    }

    public static int le(float a, float b) {
        return a <= b ? -1 : 0;
    }

    public static int ge(float a, float b) {
        return a >= b ? -1 : 0;
    }

    /** {@code b < a ? b : a}: no NaN rule, the operand comes back as it is. */
    public static float pmin(float a, float b) {
        return b < a ? b : a;
    }

    /** {@code a < b ? b : a}. */
    public static float pmax(float a, float b) {
        return a < b ? b : a;
    }

    /** Correctly rounded: the double square root of a float rounds to the float one exactly. */
    public static float sqrt(float a) {
        return (float) Math.sqrt(a);
    }

    /**
     * {@code f32x4.relaxed_madd}: {@code a * b + c} rounded twice, never fused (Java's floating point is strict, so
     * no JIT tier fuses it either); the spec allows this or a fused multiply-add.
     */
    public static float relaxedMadd(float a, float b, float c) {
        return a * b + c;
    }

    /** {@code f32x4.relaxed_nmadd}: {@code -(a * b) + c}, rounded twice like {@link #relaxedMadd}. */
    public static float relaxedNmadd(float a, float b, float c) {
        return -(a * b) + c;
    }
}
