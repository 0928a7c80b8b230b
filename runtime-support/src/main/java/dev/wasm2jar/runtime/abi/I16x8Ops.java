package dev.wasm2jar.runtime.abi;

/**
 * {@code i16x8} instructions on one half of a vector: a {@code long} holding four 16-bit lanes, lane 0 in the low
 * bits. Add, subtract, equality, shifts and averages work on the whole half at once (SWAR); the rest go lane by lane.
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

    public static long ltS(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            if ((short) (a >>> s) < (short) (b >>> s)) r |= 0xFFFFL << s;
        }
        return r;
    }

    public static long ltU(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            if ((a >>> s & 0xFFFF) < (b >>> s & 0xFFFF)) r |= 0xFFFFL << s;
        }
        return r;
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

    public static long abs(long a) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            r |= (Math.abs((short) (a >>> s)) & 0xFFFFL) << s;
        }
        return r;
    }

    public static long addSatS(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            int v = (short) (a >>> s) + (short) (b >>> s);
            r |= (Math.clamp(v, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL) << s;
        }
        return r;
    }

    public static long addSatU(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            int v = (int) (a >>> s & 0xFFFF) + (int) (b >>> s & 0xFFFF);
            r |= (long) Math.min(v, 0xFFFF) << s;
        }
        return r;
    }

    public static long subSatS(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            int v = (short) (a >>> s) - (short) (b >>> s);
            r |= (Math.clamp(v, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL) << s;
        }
        return r;
    }

    public static long subSatU(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            int v = (int) (a >>> s & 0xFFFF) - (int) (b >>> s & 0xFFFF);
            r |= (long) Math.max(v, 0) << s;
        }
        return r;
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
        return (Math.clamp((int) lo, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL)
                | (Math.clamp((int) (lo >> 32), Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL) << 16
                | (Math.clamp((int) hi, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL) << 32
                | (Math.clamp((int) (hi >> 32), Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL) << 48;
    }

    /** Four i32 lanes to four i16 lanes, saturated to 0..65535. */
    public static long narrowU(long lo, long hi) {
        return (long) Math.clamp((int) lo, 0, 0xFFFF)
                | (long) Math.clamp((int) (lo >> 32), 0, 0xFFFF) << 16
                | (long) Math.clamp((int) hi, 0, 0xFFFF) << 32
                | (long) Math.clamp((int) (hi >> 32), 0, 0xFFFF) << 48;
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

    private static long widenS(long x) {
        return ((byte) x & 0xFFFFL) | ((byte) (x >>> 8) & 0xFFFFL) << 16 | ((byte) (x >>> 16) & 0xFFFFL) << 32
                | ((byte) (x >>> 24) & 0xFFFFL) << 48;
    }

    private static long widenU(long x) {
        return (x & 0xFF) | (x >>> 8 & 0xFF) << 16 | (x >>> 16 & 0xFF) << 32 | (x >>> 24 & 0xFF) << 48;
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
}
