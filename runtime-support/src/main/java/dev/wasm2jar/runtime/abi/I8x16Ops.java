package dev.wasm2jar.runtime.abi;

/**
 * {@code i8x16} instructions on one half of a vector: a {@code long} holding eight byte lanes, lane 0 in the low
 * byte (compiled code applies them to the low and the high half). Add, subtract, equality, shifts, averages and
 * population counts work on all eight lanes at once with carry-free bit tricks (SWAR); the rest go lane by lane in
 * loops of eight that HotSpot unrolls.
 */
public final class I8x16Ops {
    private I8x16Ops() {}

    static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    static final long LOW_7 = 0x7F7F_7F7F_7F7F_7F7FL;
    static final long ONES = 0x0101_0101_0101_0101L;

    public static long splat(int x) {
        return (x & 0xFFL) * ONES;
    }

    /** Lane {@code x} in bits {@code shift..shift+7} of {@code half}. */
    public static long withLane(long half, int x, int shift) {
        return (half & ~(0xFFL << shift)) | ((x & 0xFFL) << shift);
    }

    public static long add(long a, long b) {
        return ((a & LOW_7) + (b & LOW_7)) ^ ((a ^ b) & HIGH_BITS);
    }

    public static long sub(long a, long b) {
        return ((a | HIGH_BITS) - (b & LOW_7)) ^ ((a ^ ~b) & HIGH_BITS);
    }

    public static long neg(long a) {
        return sub(0, a);
    }

    /** 0xFF in every lane whose byte is zero. */
    static long zeroLanes(long x) {
        long nonZero = ((x & LOW_7) + LOW_7) | x;
        return ((~nonZero & HIGH_BITS) >>> 7) * 0xFF;
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
        long low = (a | HIGH_BITS) - (b & LOW_7);
        return ((~a & b) | (~(a ^ b) & ~low)) & HIGH_BITS;
    }

    /** All ones in the lanes whose top bit is set in {@code bits} (and nothing else). */
    static long spread(long bits) {
        return (bits >>> 7) * 0xFF;
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

    /** {@code (a + b + 1) / 2} per lane, unsigned, without overflow: {@code (a | b) - ((a ^ b) >> 1)}. */
    public static long avgrU(long a, long b) {
        return (a | b) - (((a ^ b) >>> 1) & LOW_7);
    }

    /** {@code (a ^ m) - m} with {@code m} all ones in the negative lanes; the minimum stays itself. */
    public static long abs(long a) {
        long m = spread(a & HIGH_BITS);
        return sub(a ^ m, m);
    }

    public static long popcnt(long a) {
        long x = a - ((a >>> 1) & 0x5555_5555_5555_5555L);
        x = (x & 0x3333_3333_3333_3333L) + ((x >>> 2) & 0x3333_3333_3333_3333L);
        return (x + (x >>> 4)) & 0x0F0F_0F0F_0F0F_0F0FL;
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

    /** Shifts take the count modulo the lane width (8). */
    public static long shl(long a, int count) {
        int s = count & 7;
        return (a << s) & (((0xFFL << s) & 0xFF) * ONES);
    }

    public static long shrU(long a, int count) {
        int s = count & 7;
        return (a >>> s) & ((0xFFL >>> s) * ONES);
    }

    /** Logical shift, then sign extension from the moved sign bit: {@code (t ^ k) - k} per lane. */
    public static long shrS(long a, int count) {
        int s = count & 7;
        long k = (0x80L >>> s) * ONES;
        return sub(shrU(a, s) ^ k, k);
    }

    /** Eight i16 lanes ({@code lo}, then {@code hi}) to eight bytes, saturated to -128..127: biased to 0..255. */
    public static long narrowS(long lo, long hi) {
        long bias = 0x0080_0080_0080_0080L;
        return narrowU(I16x8Ops.addSatS(lo, bias), I16x8Ops.addSatS(hi, bias)) ^ HIGH_BITS;
    }

    /** Eight i16 lanes to eight bytes, saturated to 0..255. */
    public static long narrowU(long lo, long hi) {
        return saturatedBytes(lo) | saturatedBytes(hi) << 32;
    }

    /** Four i16 lanes saturated to 0..255, packed into the low four bytes. */
    private static long saturatedBytes(long x) {
        long big = ((x & 0x7F00_7F00_7F00_7F00L) + 0x7F00_7F00_7F00_7F00L) & I16x8Ops.HIGH_BITS;
        long v = (x | I16x8Ops.spread(big)) & 0x00FF_00FF_00FF_00FFL & ~I16x8Ops.spread(x & I16x8Ops.HIGH_BITS);
        v = (v | v >>> 8) & 0x0000_FFFF_0000_FFFFL;
        return (v | v >>> 16) & 0xFFFF_FFFFL;
    }

    public static int allTrue(long lo, long hi) {
        return (zeroLanes(lo) | zeroLanes(hi)) == 0 ? 1 : 0;
    }

    /** The lanes' sign bits: lane i gives bit i. */
    public static int bitmask(long lo, long hi) {
        return signBits(lo) | signBits(hi) << 8;
    }

    /**
     * Gathers the eight sign bits into one byte: after {@code >>> 7} byte i holds bit 8i; multiplying by
     * {@code 2^(7j+7)} summed over j puts it at bit {@code 8i + 7j + 7}, which is {@code 56 + i} for {@code j = 7 - i};
     * no two (i, j) share a bit, so no carries disturb the top byte.
     */
    static int signBits(long x) {
        return (int) ((((x & HIGH_BITS) >>> 7) * 0x0102_0408_1020_4080L) >>> 56);
    }
}
