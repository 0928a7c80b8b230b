package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.V128;

/**
 * The {@code v128} instructions that do not care about lanes, and the moves between the forms compiled code keeps a
 * vector in. A vector is two {@code long} halves (bytes 0-7 and 8-15, little-endian), or four ints, four floats or two
 * doubles holding the same bits; compiled code picks the form the instructions around a value want, and converts
 * with {@link #pack} and {@link #packFloats} (and the JVM's own {@code l2i}, shifts and raw-bits conversions).
 */
public final class V128Ops {
    private V128Ops() {}

    /** A vector as the {@link V128} that carries it across method boundaries (parameters, results, globals). */
    public static V128 box(long lo, long hi) {
        return new V128(lo, hi);
    }

    /** The low half of a {@link V128}: bytes 0-7. */
    public static long lo(V128 v) {
        return v.lo();
    }

    /** The high half of a {@link V128}: bytes 8-15. */
    public static long hi(V128 v) {
        return v.hi();
    }

    /** Two i32 lanes as one half: {@code lo} in the low 32 bits. */
    public static long pack(int lo, int hi) {
        return (lo & 0xFFFF_FFFFL) | (long) hi << 32;
    }

    /** Two f32 lanes as one half, with their exact bits. */
    public static long packFloats(float lo, float hi) {
        return pack(Float.floatToRawIntBits(lo), Float.floatToRawIntBits(hi));
    }

    public static long andnot(long a, long b) {
        return a & ~b;
    }

    public static int andnot(int a, int b) {
        return a & ~b;
    }

    /** Bits of {@code a} where {@code c} has ones, of {@code b} elsewhere. */
    public static long bitselect(long a, long b, long c) {
        return (a & c) | (b & ~c);
    }

    public static int bitselect(int a, int b, int c) {
        return (a & c) | (b & ~c);
    }

    public static int anyTrue(long lo, long hi) {
        return (lo | hi) != 0 ? 1 : 0;
    }

    public static int anyTrue(int a, int b, int c, int d) {
        return (a | b | c | d) != 0 ? 1 : 0;
    }

    /**
     * One half of {@code i8x16.shuffle}: byte i of the result is byte {@code lanes[i]} of the 32 bytes of
     * {@code a0 a1 b0 b1}, where {@code lanes} holds eight lane indices (each below 32), one per byte.
     */
    public static long shuffle(long a0, long a1, long b0, long b1, long lanes) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int lane = (int) (lanes >>> i) & 31;
            long source = lane < 16 ? (lane < 8 ? a0 : a1) : (lane < 24 ? b0 : b1);
            r |= (source >>> ((lane & 7) << 3) & 0xFF) << i;
        }
        return r;
    }

    /** One half of {@code i8x16.swizzle}: byte i is byte {@code s[i]} of {@code a0 a1}, or 0 when that is 16 or more. */
    public static long swizzle(long a0, long a1, long s) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int lane = (int) (s >>> i) & 0xFF;
            if (lane < 16) {
                long source = lane < 8 ? a0 : a1;
                r |= (source >>> ((lane & 7) << 3) & 0xFF) << i;
            }
        }
        return r;
    }
}
