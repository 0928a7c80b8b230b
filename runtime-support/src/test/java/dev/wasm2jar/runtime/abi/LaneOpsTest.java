package dev.wasm2jar.runtime.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The i8x16 and i16x8 helpers work on eight or four lanes of a long at once; each is checked here against the same
 * operation written lane by lane, on random halves and on halves built from the edge values of a lane.
 */
class LaneOpsTest {
    private static final int ROUNDS = 20_000;

    @Test
    void byteLanes() {
        binary8("add", I8x16Ops::add, (a, b) -> a + b);
        binary8("sub", I8x16Ops::sub, (a, b) -> a - b);
        unary8("neg", I8x16Ops::neg, a -> -a);
        binary8("eq", I8x16Ops::eq, (a, b) -> a == b ? -1 : 0);
        binary8("ne", I8x16Ops::ne, (a, b) -> a != b ? -1 : 0);
        binary8("ltS", I8x16Ops::ltS, (a, b) -> (byte) a < (byte) b ? -1 : 0);
        binary8("ltU", I8x16Ops::ltU, (a, b) -> (a & 0xFF) < (b & 0xFF) ? -1 : 0);
        binary8("geS", I8x16Ops::geS, (a, b) -> (byte) a >= (byte) b ? -1 : 0);
        binary8("leU", I8x16Ops::leU, (a, b) -> (a & 0xFF) <= (b & 0xFF) ? -1 : 0);
        binary8("minS", I8x16Ops::minS, (a, b) -> Math.min((byte) a, (byte) b));
        binary8("maxU", I8x16Ops::maxU, (a, b) -> Math.max(a & 0xFF, b & 0xFF));
        binary8("avgrU", I8x16Ops::avgrU, (a, b) -> ((a & 0xFF) + (b & 0xFF) + 1) >> 1);
        binary8("gtS", I8x16Ops::gtS, (a, b) -> (byte) a > (byte) b ? -1 : 0);
        binary8("gtU", I8x16Ops::gtU, (a, b) -> (a & 0xFF) > (b & 0xFF) ? -1 : 0);
        binary8("leS", I8x16Ops::leS, (a, b) -> (byte) a <= (byte) b ? -1 : 0);
        binary8("geU", I8x16Ops::geU, (a, b) -> (a & 0xFF) >= (b & 0xFF) ? -1 : 0);
        binary8("minU", I8x16Ops::minU, (a, b) -> Math.min(a & 0xFF, b & 0xFF));
        binary8("maxS", I8x16Ops::maxS, (a, b) -> Math.max((byte) a, (byte) b));
        binary8("addSatS", I8x16Ops::addSatS, (a, b) -> Math.clamp((byte) a + (byte) b, -128, 127));
        binary8("addSatU", I8x16Ops::addSatU, (a, b) -> Math.min((a & 0xFF) + (b & 0xFF), 255));
        binary8("subSatS", I8x16Ops::subSatS, (a, b) -> Math.clamp((byte) a - (byte) b, -128, 127));
        binary8("subSatU", I8x16Ops::subSatU, (a, b) -> Math.max((a & 0xFF) - (b & 0xFF), 0));
        unary8("abs", I8x16Ops::abs, a -> Math.abs((byte) a));
        unary8("popcnt", I8x16Ops::popcnt, a -> Integer.bitCount(a & 0xFF));
        for (int count : new int[] {0, 1, 3, 7, 8, 9, -1}) {
            int s = count & 7;
            unary8("shl " + count, a -> I8x16Ops.shl(a, count), a -> a << s);
            unary8("shrU " + count, a -> I8x16Ops.shrU(a, count), a -> (a & 0xFF) >>> s);
            unary8("shrS " + count, a -> I8x16Ops.shrS(a, count), a -> (byte) a >> s);
        }
    }

    @Test
    void shortLanes() {
        binary16("add", I16x8Ops::add, (a, b) -> a + b);
        binary16("sub", I16x8Ops::sub, (a, b) -> a - b);
        binary16("mul", I16x8Ops::mul, (a, b) -> a * b);
        binary16("eq", I16x8Ops::eq, (a, b) -> (short) a == (short) b ? -1 : 0);
        binary16("ne", I16x8Ops::ne, (a, b) -> (short) a != (short) b ? -1 : 0);
        binary16("ltS", I16x8Ops::ltS, (a, b) -> (short) a < (short) b ? -1 : 0);
        binary16("ltU", I16x8Ops::ltU, (a, b) -> (a & 0xFFFF) < (b & 0xFFFF) ? -1 : 0);
        binary16("geS", I16x8Ops::geS, (a, b) -> (short) a >= (short) b ? -1 : 0);
        binary16("leU", I16x8Ops::leU, (a, b) -> (a & 0xFFFF) <= (b & 0xFFFF) ? -1 : 0);
        binary16("minS", I16x8Ops::minS, (a, b) -> Math.min((short) a, (short) b));
        binary16("maxU", I16x8Ops::maxU, (a, b) -> Math.max(a & 0xFFFF, b & 0xFFFF));
        binary16("addSatS", I16x8Ops::addSatS, (a, b) -> Math.clamp((short) a + (short) b, -32768, 32767));
        binary16("addSatU", I16x8Ops::addSatU, (a, b) -> Math.min((a & 0xFFFF) + (b & 0xFFFF), 0xFFFF));
        binary16("subSatS", I16x8Ops::subSatS, (a, b) -> Math.clamp((short) a - (short) b, -32768, 32767));
        binary16("subSatU", I16x8Ops::subSatU, (a, b) -> Math.max((a & 0xFFFF) - (b & 0xFFFF), 0));
        unary16("abs", I16x8Ops::abs, a -> Math.abs((short) a));
        unary16("neg", I16x8Ops::neg, a -> -a);
        binary16("avgrU", I16x8Ops::avgrU, (a, b) -> ((a & 0xFFFF) + (b & 0xFFFF) + 1) >> 1);
        binary16("q15mulrSatS", I16x8Ops::q15mulrSatS,
                (a, b) -> Math.min(((short) a * (short) b + 0x4000) >> 15, Short.MAX_VALUE));
        // Widening reads the low or the high four bytes of a half.
        unary16("extendLowS", I16x8Ops::extendLowS, (x, lane) -> (byte) (x >>> 8 * lane), 0);
        unary16("extendHighU", I16x8Ops::extendHighU, (x, lane) -> (int) (x >>> 8 * lane + 32) & 0xFF, 0);
        for (int count : new int[] {0, 1, 5, 15, 16, 17}) {
            int s = count & 15;
            unary16("shl " + count, a -> I16x8Ops.shl(a, count), a -> a << s);
            unary16("shrS " + count, a -> I16x8Ops.shrS(a, count), a -> (short) a >> s);
            unary16("shrU " + count, a -> I16x8Ops.shrU(a, count), a -> (a & 0xFFFF) >>> s);
        }
    }

    @Test
    void narrowingSaturates() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < ROUNDS; i++) {
            long lo = sample(random, random.nextBoolean() ? 16 : 8);
            long hi = sample(random, 16);
            long s8 = 0;
            long u8 = 0;
            for (int k = 0; k < 8; k++) {
                short lane = (short) ((k < 4 ? lo : hi) >>> 16 * (k % 4));
                s8 |= (Math.clamp(lane, -128, 127) & 0xFFL) << 8 * k;
                u8 |= (long) Math.clamp(lane, 0, 255) << 8 * k;
            }
            assertEquals(Long.toHexString(s8), Long.toHexString(I8x16Ops.narrowS(lo, hi)));
            assertEquals(Long.toHexString(u8), Long.toHexString(I8x16Ops.narrowU(lo, hi)));
            long s16 = 0;
            long u16 = 0;
            for (int k = 0; k < 4; k++) {
                int lane = (int) ((k < 2 ? lo : hi) >>> 32 * (k % 2));
                s16 |= (Math.clamp(lane, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL) << 16 * k;
                u16 |= (long) Math.clamp(lane, 0, 0xFFFF) << 16 * k;
            }
            assertEquals(Long.toHexString(s16), Long.toHexString(I16x8Ops.narrowS(lo, hi)));
            assertEquals(Long.toHexString(u16), Long.toHexString(I16x8Ops.narrowU(lo, hi)));
        }
    }

    @Test
    void reductions() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < ROUNDS; i++) {
            long lo = sample(random, 8);
            long hi = sample(random, 8);
            int mask = 0;
            boolean all = true;
            for (int k = 0; k < 16; k++) {
                int lane = (int) ((k < 8 ? lo : hi) >>> 8 * (k % 8)) & 0xFF;
                mask |= (lane >>> 7) << k;
                all &= lane != 0;
            }
            assertEquals(mask, I8x16Ops.bitmask(lo, hi));
            assertEquals(all ? 1 : 0, I8x16Ops.allTrue(lo, hi));
            int mask16 = 0;
            boolean all16 = true;
            for (int k = 0; k < 8; k++) {
                int lane = (int) ((k < 4 ? lo : hi) >>> 16 * (k % 4)) & 0xFFFF;
                mask16 |= (lane >>> 15) << k;
                all16 &= lane != 0;
            }
            assertEquals(mask16, I16x8Ops.bitmask(lo, hi));
            assertEquals(all16 ? 1 : 0, I16x8Ops.allTrue(lo, hi));
        }
    }

    @Test
    void shuffleAndSwizzlePickBytes() {
        long a0 = 0x0706_0504_0302_0100L;
        long a1 = 0x0f0e_0d0c_0b0a_0908L;
        long b0 = 0x1716_1514_1312_1110L;
        long b1 = 0x1f1e_1d1c_1b1a_1918L;
        // Byte i of the result is byte lanes[i] of a ++ b, so lanes that count down give the bytes reversed.
        assertEquals(0x181a_1c1e_0002_0406L, V128Ops.shuffle(a0, a1, b0, b1, 0x181a_1c1e_0002_0406L));
        assertEquals(0x0001_0203_0405_0607L, V128Ops.swizzle(a0, a1, 0x0001_0203_0405_0607L));
        // Selectors of 16 and more, signed or not, give zero.
        assertEquals(0x0f00_0000_0000_0000L, V128Ops.swizzle(a0, a1, 0x0f80_7f40_2011_ff10L));
        assertEquals(0x0003_0a00_0001_0809L, V128Ops.swizzle(a0, a1, 0x0003_0a00_ff01_0809L));
    }

    // ---- lane-by-lane references ---------------------------------------------------------------------------------

    private static void binary8(String name, LongBinaryOperator op, IntBinaryOperator lane) {
        binary(name, 8, op, lane);
    }

    private static void binary16(String name, LongBinaryOperator op, IntBinaryOperator lane) {
        binary(name, 16, op, lane);
    }

    private static void unary8(String name, LongUnaryOperator op, IntUnaryOperator lane) {
        binary(name, 8, (a, b) -> op.applyAsLong(a), (a, b) -> lane.applyAsInt(a));
    }

    private static void unary16(String name, LongUnaryOperator op, IntUnaryOperator lane) {
        binary(name, 16, (a, b) -> op.applyAsLong(a), (a, b) -> lane.applyAsInt(a));
    }

    /** A widening {@code op}: lane i of the result from the whole operand half and i. */
    private static void unary16(String name, LongUnaryOperator op, LaneOfHalf lane, int unused) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int i = 0; i < ROUNDS; i++) {
            long x = sample(random, 8);
            long expected = 0;
            for (int k = 0; k < 4; k++) {
                expected |= (lane.apply(x, k) & 0xFFFFL) << 16 * k;
            }
            assertEquals(Long.toHexString(expected), Long.toHexString(op.applyAsLong(x)), name);
        }
    }

    @FunctionalInterface
    private interface LaneOfHalf {
        int apply(long half, int lane);
    }

    /** {@code op} on whole halves against {@code lane} on each lane (given and taken as the lane's low bits). */
    private static void binary(String name, int width, LongBinaryOperator op, IntBinaryOperator lane) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        long mask = (1L << width) - 1;
        for (int i = 0; i < ROUNDS; i++) {
            long a = sample(random, width);
            long b = sample(random, width);
            long expected = 0;
            for (int s = 0; s < 64; s += width) {
                expected |= (lane.applyAsInt((int) (a >>> s & mask), (int) (b >>> s & mask)) & mask) << s;
            }
            long actual = op.applyAsLong(a, b);
            if (actual != expected) {
                assertEquals(Long.toHexString(expected), Long.toHexString(actual),
                        name + "(" + Long.toHexString(a) + ", " + Long.toHexString(b) + ")");
            }
        }
    }

    /** Random bits half the time; else lanes drawn from the edge values (0, 1, max, min, -1, ...). */
    private static long sample(SplittableRandom random, int width) {
        if (random.nextBoolean()) {
            return random.nextLong();
        }
        long mask = (1L << width) - 1;
        long[] edges = {0, 1, 2, mask, mask - 1, mask >>> 1, (mask >>> 1) + 1, (mask >>> 1) + 2, 0x40, 0x3F};
        long x = 0;
        for (int s = 0; s < 64; s += width) {
            x |= (edges[random.nextInt(edges.length)] & mask) << s;
        }
        return x;
    }
}
