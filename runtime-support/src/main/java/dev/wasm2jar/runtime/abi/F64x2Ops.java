package dev.wasm2jar.runtime.abi;

/**
 * {@code f64x2} instructions on one lane ({@code double}) that neither a JVM instruction nor {@link NumericOps}
 * covers: comparisons (giving the i64 lane -1 or 0) and pseudo-min/max.
 */
public final class F64x2Ops {
    private F64x2Ops() {}

    public static long eq(double a, double b) {
        return a == b ? -1 : 0;
    }

    public static long ne(double a, double b) {
        return a != b ? -1 : 0;
    }

    public static long lt(double a, double b) {
        return a < b ? -1 : 0;
    }

    public static long gt(double a, double b) {
        return a > b ? -1 : 0;
    }

    public static long le(double a, double b) {
        return a <= b ? -1 : 0;
    }

    public static long ge(double a, double b) {
        return a >= b ? -1 : 0;
    }

    public static double pmin(double a, double b) {
        return b < a ? b : a;
    }

    public static double pmax(double a, double b) {
        return a < b ? b : a;
    }

    /** {@code f64x2.relaxed_madd}: {@code a * b + c} rounded twice, never fused (see {@link F32x4Ops#relaxedMadd}). */
    public static double relaxedMadd(double a, double b, double c) {
        return a * b + c;
    }

    /** {@code f64x2.relaxed_nmadd}: {@code -(a * b) + c}, rounded twice. */
    public static double relaxedNmadd(double a, double b, double c) {
        return -(a * b) + c;
    }
}
