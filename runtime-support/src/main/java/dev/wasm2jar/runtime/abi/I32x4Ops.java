package dev.wasm2jar.runtime.abi;

/**
 * {@code i32x4} instructions. Compiled code keeps {@code i32x4} vectors as four ints where it can, so most helpers
 * here take one lane ({@code int}); add, sub, mul, neg and the shifts need no helper at all. Comparisons give -1
 * (all ones) or 0. The instructions that read narrower lanes (dot, extend, extmul, extadd_pairwise from
 * {@code i16x8}) take the {@code long} half holding their source lanes and return a half of two i32 lanes.
 */
public final class I32x4Ops {
    private I32x4Ops() {}

    public static int minU(int a, int b) {
        return Integer.compareUnsigned(a, b) < 0 ? a : b;
    }

    public static int maxU(int a, int b) {
        return Integer.compareUnsigned(a, b) > 0 ? a : b;
    }

    public static int eq(int a, int b) {
        return a == b ? -1 : 0;
    }

    public static int ne(int a, int b) {
        return a != b ? -1 : 0;
    }

    public static int ltS(int a, int b) {
        return a < b ? -1 : 0;
    }

    public static int ltU(int a, int b) {
        return Integer.compareUnsigned(a, b) < 0 ? -1 : 0;
    }

    public static int gtS(int a, int b) {
        return a > b ? -1 : 0;
    }

    public static int gtU(int a, int b) {
        return Integer.compareUnsigned(a, b) > 0 ? -1 : 0;
    }

    public static int leS(int a, int b) {
        return a <= b ? -1 : 0;
    }

    public static int leU(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? -1 : 0;
    }

    public static int geS(int a, int b) {
        return a >= b ? -1 : 0;
    }

    public static int geU(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? -1 : 0;
    }

    public static int allTrue(int a, int b, int c, int d) {
        return a != 0 && b != 0 && c != 0 && d != 0 ? 1 : 0;
    }

    public static int bitmask(int a, int b, int c, int d) {
        return (a >>> 31) | (b >>> 31) << 1 | (c >>> 31) << 2 | (d >>> 31) << 3;
    }

    /** Two lanes of {@code i32x4.dot_i16x8_s} from the halves holding the same four i16 lanes of each operand. */
    public static long dot(long a, long b) {
        int lo = (short) a * (short) b + (short) (a >>> 16) * (short) (b >>> 16);
        int hi = (short) (a >>> 32) * (short) (b >>> 32) + (short) (a >>> 48) * (short) (b >>> 48);
        return pack(lo, hi);
    }

    public static long extendLowS(long x) {
        return pack((short) x, (short) (x >>> 16));
    }

    public static long extendHighS(long x) {
        return pack((short) (x >>> 32), (short) (x >>> 48));
    }

    public static long extendLowU(long x) {
        return x & 0xFFFF | (x & 0xFFFF_0000L) << 16;
    }

    public static long extendHighU(long x) {
        return extendLowU(x >>> 32);
    }

    public static long extmulLowS(long a, long b) {
        return pack((short) a * (short) b, (short) (a >>> 16) * (short) (b >>> 16));
    }

    public static long extmulHighS(long a, long b) {
        return extmulLowS(a >>> 32, b >>> 32);
    }

    public static long extmulLowU(long a, long b) {
        return pack((int) (a & 0xFFFF) * (int) (b & 0xFFFF), (int) (a >>> 16 & 0xFFFF) * (int) (b >>> 16 & 0xFFFF));
    }

    public static long extmulHighU(long a, long b) {
        return extmulLowU(a >>> 32, b >>> 32);
    }

    /** Sums of adjacent i16 pairs of one half: two i32 lanes. */
    public static long extaddPairwiseS(long x) {
        return pack((short) x + (short) (x >>> 16), (short) (x >>> 32) + (short) (x >>> 48));
    }

    public static long extaddPairwiseU(long x) {
        return pack((int) (x & 0xFFFF) + (int) (x >>> 16 & 0xFFFF), (int) (x >>> 32 & 0xFFFF) + (int) (x >>> 48));
    }

    static long pack(int lo, int hi) {
        return (lo & 0xFFFF_FFFFL) | (long) hi << 32;
    }

    /**
     * Two lanes of {@code i32x4.relaxed_dot_i8x16_i7x16_add_s} from the halves holding the same eight i8 lanes of
     * {@code a} and {@code b} and the two i32 lanes of {@code c}: the i16 pairs of {@link I16x8Ops#relaxedDot}, added
     * pairwise and to {@code c}, wrapping.
     */
    public static long relaxedDotAdd(long a, long b, long c) {
        int lo = I16x8Ops.relaxedDotPair(a, b) + I16x8Ops.relaxedDotPair(a >>> 16, b >>> 16) + (int) c;
        int hi = I16x8Ops.relaxedDotPair(a >>> 32, b >>> 32) + I16x8Ops.relaxedDotPair(a >>> 48, b >>> 48)
                + (int) (c >>> 32);
        return pack(lo, hi);
    }
}
