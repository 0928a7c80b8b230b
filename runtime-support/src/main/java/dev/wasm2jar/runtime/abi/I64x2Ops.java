package dev.wasm2jar.runtime.abi;

/**
 * {@code i64x2} instructions on one lane ({@code long}); add, sub, mul, neg and the shifts need no helper.
 * Comparisons give -1 or 0. Extend and extmul from {@code i32x4} take the half holding two i32 lanes and read the
 * low ({@code Low}) or the high one.
 */
public final class I64x2Ops {
    private I64x2Ops() {}

    public static long eq(long a, long b) {
        return a == b ? -1 : 0;
    }

    public static long ne(long a, long b) {
        return a != b ? -1 : 0;
    }

    public static long ltS(long a, long b) {
        return a < b ? -1 : 0;
    }

    public static long gtS(long a, long b) {
        return a > b ? -1 : 0;
    }

    public static long leS(long a, long b) {
        return a <= b ? -1 : 0;
    }

    public static long geS(long a, long b) {
        return a >= b ? -1 : 0;
    }

    public static int allTrue(long a, long b) {
        return a != 0 && b != 0 ? 1 : 0;
    }

    public static int bitmask(long a, long b) {
        return (int) (a >>> 63 | b >>> 63 << 1);
    }

    public static long extendLowS(long x) {
        return (int) x;
    }

    public static long extendHighS(long x) {
        return x >> 32;
    }

    public static long extendLowU(long x) {
        return x & 0xFFFF_FFFFL;
    }

    public static long extendHighU(long x) {
        return x >>> 32;
    }

    public static long extmulLowS(long a, long b) {
        return (long) (int) a * (int) b;
    }

    public static long extmulHighS(long a, long b) {
        return (a >> 32) * (b >> 32);
    }

    public static long extmulLowU(long a, long b) {
        return (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL);
    }

    public static long extmulHighU(long a, long b) {
        return (a >>> 32) * (b >>> 32);
    }
}
