package dev.wasm2jar.runtime.abi;

/**
 * {@code i16x8} instructions on one half of a vector: a {@code long} holding four 16-bit lanes, lane 0 in the low
 * bits. Arithmetic, saturating arithmetic, comparisons, min/max, shifts and averages work on the whole half at once
 * (SWAR); multiplications and the widening and narrowing instructions go lane by lane.
 * The widening instructions (extend, extmul, extadd_pairwise from {@code i8x16}) take the half that holds their
 * source lanes and say which four bytes they read: {@code Low} the low four, {@code High} the high four.
 */
public final class I16x8Ops {
    private I16x8Ops() {}

    static final long HIGH_BITS = 0x8000_8000_8000_8000L;
    static final long LOW_15 = 0x7FFF_7FFF_7FFF_7FFFL;
    static final long ONES = 0x0001_0001_0001_0001L;

    public static long splat(int x) {
        return (x & 0xFFFFL) * ONES;
    }

    public static long withLane(long half, int x, int shift) {
        return (half & ~(0xFFFFL << shift)) | ((x & 0xFFFFL) << shift);
    }

    public static long add(long a, long b) {
        return ((a & LOW_15) + (b & LOW_15)) ^ ((a ^ b) & HIGH_BITS);
    }

    public static long sub(long a, long b) {
        return ((a | HIGH_BITS) - (b & LOW_15)) ^ ((a ^ ~b) & HIGH_BITS);
    }

    public static long neg(long a) {
        return sub(0, a);
    }

    public static long mul(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            r |= ((a >>> s) * (b >>> s) & 0xFFFF) << s;
        }
        return r;
    }

    static long zeroLanes(long x) {
        long nonZero = ((x & LOW_15) + LOW_15) | x;
        return ((~nonZero & HIGH_BITS) >>> 15) * 0xFFFF;
    }

    public static long eq(long a, long b) {
        return zeroLanes(a ^ b);
    }

    public static long ne(long a, long b) {
        return ~zeroLanes(a ^ b);
    }

    /**
     * Unsigned less-than of every lane, as the lane's top bit: from the top bits when they differ, else from the
     * low bits, whose difference {@code (a | H) - (b & L)} borrows from the top bit exactly when {@code a < b} there.
     */
    static long ltUBits(long a, long b) {
        long low = (a | HIGH_BITS) - (b & LOW_15);
        return ((~a & b) | (~(a ^ b) & ~low)) & HIGH_BITS;
    }

    /** All ones in the lanes whose top bit is set in {@code bits} (and nothing else). */
    static long spread(long bits) {
        return (bits >>> 15) * 0xFFFF;
    }

    public static long ltS(long a, long b) {
        return spread(ltUBits(a ^ HIGH_BITS, b ^ HIGH_BITS));
    }

    public static long ltU(long a, long b) {
        return spread(ltUBits(a, b));
    }

    public static long gtS(long a, long b) {
        return ltS(b, a);
    }

    public static long gtU(long a, long b) {
        return ltU(b, a);
    }

    public static long leS(long a, long b) {
        return ~ltS(b, a);
    }

    public static long leU(long a, long b) {
        return ~ltU(b, a);
    }

    public static long geS(long a, long b) {
        return ~ltS(a, b);
    }

    public static long geU(long a, long b) {
        return ~ltU(a, b);
    }

    public static long minS(long a, long b) {
        long lt = ltS(a, b);
        return (a & lt) | (b & ~lt);
    }

    public static long minU(long a, long b) {
        long lt = ltU(a, b);
        return (a & lt) | (b & ~lt);
    }

    public static long maxS(long a, long b) {
        long lt = ltS(a, b);
        return (b & lt) | (a & ~lt);
    }

    public static long maxU(long a, long b) {
        long lt = ltU(a, b);
        return (b & lt) | (a & ~lt);
    }

    public static long avgrU(long a, long b) {
        return (a | b) - (((a ^ b) >>> 1) & LOW_15);
    }

    /** {@code (a ^ m) - m} with {@code m} all ones in the negative lanes; the minimum stays itself. */
    public static long abs(long a) {
        long m = spread(a & HIGH_BITS);
        return sub(a ^ m, m);
    }

    /** Lanewise add; lanes that carried out of their top bit become all ones. */
    public static long addSatU(long a, long b) {
        long sum = add(a, b);
        return sum | spread(((a & b) | ((a | b) & ~sum)) & HIGH_BITS);
    }

    /** Lanewise subtract; lanes that borrowed become zero. */
    public static long subSatU(long a, long b) {
        long difference = sub(a, b);
        return difference & ~spread(((~a & b) | (~(a ^ b) & difference)) & HIGH_BITS);
    }

    /** Lanewise add; lanes that overflowed take the bound of the sign of {@code a}. */
    public static long addSatS(long a, long b) {
        long sum = add(a, b);
        return saturate(sum, a, ~(a ^ b) & (a ^ sum) & HIGH_BITS);
    }

    public static long subSatS(long a, long b) {
        long difference = sub(a, b);
        return saturate(difference, a, (a ^ b) & (a ^ difference) & HIGH_BITS);
    }

    /**
     * {@code value} with the lanes flagged in {@code overflow} replaced by the maximum, or by the minimum where
     * {@code a} is negative.
     */
    private static long saturate(long value, long a, long overflow) {
        long bound = ~HIGH_BITS ^ spread(a & HIGH_BITS);
        long m = spread(overflow);
        return (value & ~m) | (bound & m);
    }

    /** {@code (a * b + 0x4000) >> 15} saturated; only {@code -32768 * -32768} saturates. */
    public static long q15mulrSatS(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            int v = ((short) (a >>> s) * (short) (b >>> s) + 0x4000) >> 15;
            r |= (Math.min(v, Short.MAX_VALUE) & 0xFFFFL) << s;
        }
        return r;
    }

    /** Shifts take the count modulo the lane width (16). */
    public static long shl(long a, int count) {
        int s = count & 15;
        return (a << s) & (((0xFFFFL << s) & 0xFFFF) * ONES);
    }

    public static long shrU(long a, int count) {
        int s = count & 15;
        return (a >>> s) & ((0xFFFFL >>> s) * ONES);
    }

    public static long shrS(long a, int count) {
        int s = count & 15;
        long k = (0x8000L >>> s) * ONES;
        return sub(shrU(a, s) ^ k, k);
    }

    /** Four i32 lanes ({@code lo}, then {@code hi}) to four i16 lanes, saturated signed. */
    public static long narrowS(long lo, long hi) {
        return satS((int) lo) | satS((int) (lo >> 32)) << 16 | satS((int) hi) << 32 | satS((int) (hi >> 32)) << 48;
    }

    /** Four i32 lanes to four i16 lanes, saturated to 0..65535. */
    public static long narrowU(long lo, long hi) {
        return satU((int) lo) | satU((int) (lo >> 32)) << 16 | satU((int) hi) << 32 | satU((int) (hi >> 32)) << 48;
    }

    private static long satS(int v) {
        return (v < Short.MIN_VALUE ? Short.MIN_VALUE : v > Short.MAX_VALUE ? Short.MAX_VALUE : v) & 0xFFFFL;
    }

    private static long satU(int v) {
        return v < 0 ? 0 : v > 0xFFFF ? 0xFFFF : v;
    }

    public static long extendLowS(long x) {
        return widenS(x);
    }

    public static long extendHighS(long x) {
        return widenS(x >>> 32);
    }

    public static long extendLowU(long x) {
        return widenU(x);
    }

    public static long extendHighU(long x) {
        return widenU(x >>> 32);
    }

    /** The low four bytes as four sign-extended i16 lanes: zero-extend, then {@code (u ^ 0x80) - 0x80} per lane. */
    private static long widenS(long x) {
        long k = 0x0080_0080_0080_0080L;
        return sub(widenU(x) ^ k, k);
    }

    /** The low four bytes spread to the low byte of four i16 lanes. */
    private static long widenU(long x) {
        long t = x & 0xFFFF_FFFFL;
        t = (t | t << 16) & 0x0000_FFFF_0000_FFFFL;
        return (t | t << 8) & 0x00FF_00FF_00FF_00FFL;
    }

    public static long extmulLowS(long a, long b) {
        return mulWidenS(a, b);
    }

    public static long extmulHighS(long a, long b) {
        return mulWidenS(a >>> 32, b >>> 32);
    }

    public static long extmulLowU(long a, long b) {
        return mulWidenU(a, b);
    }

    public static long extmulHighU(long a, long b) {
        return mulWidenU(a >>> 32, b >>> 32);
    }

    private static long mulWidenS(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= ((byte) (a >>> 8 * i) * (byte) (b >>> 8 * i) & 0xFFFFL) << 16 * i;
        }
        return r;
    }

    private static long mulWidenU(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= ((a >>> 8 * i & 0xFF) * (b >>> 8 * i & 0xFF)) << 16 * i;
        }
        return r;
    }

    /** Sums of adjacent byte pairs of one half: four i16 lanes. */
    public static long extaddPairwiseS(long x) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= ((byte) (x >>> 16 * i) + (byte) (x >>> 16 * i + 8) & 0xFFFFL) << 16 * i;
        }
        return r;
    }

    public static long extaddPairwiseU(long x) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= ((x >>> 16 * i & 0xFF) + (x >>> 16 * i + 8 & 0xFF)) << 16 * i;
        }
        return r;
    }

    public static int allTrue(long lo, long hi) {
        return (zeroLanes(lo) | zeroLanes(hi)) == 0 ? 1 : 0;
    }

    public static int bitmask(long lo, long hi) {
        return signBits(lo) | signBits(hi) << 4;
    }

    static int signBits(long x) {
        return (int) ((x >>> 15 & 1) | (x >>> 30 & 2) | (x >>> 45 & 4) | (x >>> 60 & 8));
    }

    /**
     * Four lanes of {@code i16x8.relaxed_dot_i8x16_i7x16_s} from the halves holding the same eight i8 lanes of each
     * operand: both operands signed, each pair of products added with signed saturation (only -128 · -128 twice
     * exceeds 16 bits), one of the results the spec allows.
     */
    public static long relaxedDot(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            r |= (relaxedDotPair(a >>> s, b >>> s) & 0xFFFFL) << s;
        }
        return r;
    }

    /** The saturated sum of the products of the two low bytes of {@code a} and {@code b}, signed. */
    static int relaxedDotPair(long a, long b) {
        int sum = (byte) a * (byte) b + (byte) (a >>> 8) * (byte) (b >>> 8);
        return Math.min(sum, Short.MAX_VALUE);
    }
}
