package dev.wasm2jar.runtime.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.TrapException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NumericOpsTest {
    private static final String DIV_ZERO = "integer divide by zero";
    private static final String OVERFLOW = "integer overflow";
    private static final String INVALID = "invalid conversion to integer";

    private static final long SEED = 0x5eed_2024L;

    // NaNs used throughout: signalling with payload, canonical positive/negative, quiet with payload.
    private static final int F32_SNAN = 0x7fa0_0000;
    private static final int F32_NEG_SNAN = 0xff80_0001;
    private static final int F32_CANON = 0x7fc0_0000;
    private static final int F32_NEG_CANON = 0xffc0_0000;
    private static final int F32_QNAN_PAYLOAD = 0x7fc1_2345;
    private static final long F64_SNAN = 0x7ff4_0000_0000_0000L;
    private static final long F64_NEG_SNAN = 0xfff0_0000_0000_0001L;
    private static final long F64_CANON = 0x7ff8_0000_0000_0000L;
    private static final long F64_NEG_CANON = 0xfff8_0000_0000_0000L;
    private static final long F64_QNAN_PAYLOAD = 0x7ff8_0000_1234_5678L;

    private static final int[] F32_NANS = {F32_SNAN, F32_NEG_SNAN, F32_CANON, F32_NEG_CANON, F32_QNAN_PAYLOAD};
    private static final long[] F64_NANS = {F64_SNAN, F64_NEG_SNAN, F64_CANON, F64_NEG_CANON, F64_QNAN_PAYLOAD};

    // ------------------------------------------------------------------ helpers

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static int bits(float x) {
        return Float.floatToRawIntBits(x);
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private static void assertF32(float expected, float actual, Object context) {
        assertF32Bits(bits(expected), actual, context);
    }

    private static void assertF32Bits(int expected, float actual, Object context) {
        assertEquals(Integer.toHexString(expected), Integer.toHexString(bits(actual)), () -> "for " + context);
    }

    private static void assertF64(double expected, double actual, Object context) {
        assertF64Bits(bits(expected), actual, context);
    }

    private static void assertF64Bits(long expected, double actual, Object context) {
        assertEquals(Long.toHexString(expected), Long.toHexString(bits(actual)), () -> "for " + context);
    }

    private static void assertTrap(String message, Executable e) {
        TrapException t = assertThrows(TrapException.class, e);
        assertEquals(message, t.getMessage());
    }

    /** Result of a NaN input must be an arithmetic NaN, canonical if the input was. */
    private static void assertF32NanResult(int inputBits, float result) {
        int r = bits(result);
        assertTrue(Float.isNaN(result), () -> "not NaN: " + Integer.toHexString(r));
        assertTrue((r & 0x0040_0000) != 0, () -> "not quiet: " + Integer.toHexString(r) + " from " + Integer.toHexString(inputBits));
        if ((inputBits & 0x7fff_ffff) == F32_CANON) {
            assertEquals(F32_CANON, r & 0x7fff_ffff, () -> "not canonical: " + Integer.toHexString(r));
        }
    }

    private static void assertF64NanResult(long inputBits, double result) {
        long r = bits(result);
        assertTrue(Double.isNaN(result), () -> "not NaN: " + Long.toHexString(r));
        assertTrue((r & 0x0008_0000_0000_0000L) != 0,
                () -> "not quiet: " + Long.toHexString(r) + " from " + Long.toHexString(inputBits));
        if ((inputBits & 0x7fff_ffff_ffff_ffffL) == F64_CANON) {
            assertEquals(F64_CANON, r & 0x7fff_ffff_ffff_ffffL, () -> "not canonical: " + Long.toHexString(r));
        }
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    // ------------------------------------------------------------------ integer division

    @Test
    void i32DivisionEdgeCases() {
        assertEquals(3, NumericOps.i32DivS(7, 2));
        assertEquals(-3, NumericOps.i32DivS(-7, 2));
        assertEquals(-3, NumericOps.i32DivS(7, -2));
        assertEquals(3, NumericOps.i32DivS(-7, -2));
        assertEquals(Integer.MIN_VALUE, NumericOps.i32DivS(Integer.MIN_VALUE, 1));
        assertEquals(Integer.MAX_VALUE * -1, NumericOps.i32DivS(Integer.MAX_VALUE, -1));
        assertEquals(1, NumericOps.i32DivS(Integer.MIN_VALUE, Integer.MIN_VALUE));
        assertEquals(0, NumericOps.i32DivS(Integer.MAX_VALUE, Integer.MIN_VALUE));
        assertTrap(OVERFLOW, () -> NumericOps.i32DivS(Integer.MIN_VALUE, -1));
        assertTrap(DIV_ZERO, () -> NumericOps.i32DivS(1, 0));
        assertTrap(DIV_ZERO, () -> NumericOps.i32DivS(0, 0));
        assertTrap(DIV_ZERO, () -> NumericOps.i32DivS(Integer.MIN_VALUE, 0));

        assertEquals(1, NumericOps.i32RemS(7, 2));
        assertEquals(-1, NumericOps.i32RemS(-7, 2));
        assertEquals(1, NumericOps.i32RemS(7, -2));
        assertEquals(-1, NumericOps.i32RemS(-7, -2));
        assertEquals(0, NumericOps.i32RemS(Integer.MIN_VALUE, -1));
        assertEquals(0, NumericOps.i32RemS(Integer.MIN_VALUE, 2));
        assertTrap(DIV_ZERO, () -> NumericOps.i32RemS(1, 0));
        assertTrap(DIV_ZERO, () -> NumericOps.i32RemS(Integer.MIN_VALUE, 0));

        assertEquals(0x7fff_ffff, NumericOps.i32DivU(-1, 2));
        assertEquals(1, NumericOps.i32DivU(Integer.MIN_VALUE, Integer.MIN_VALUE));
        assertEquals(0, NumericOps.i32DivU(5, -1));
        assertEquals(1, NumericOps.i32DivU(-1, -1));
        assertEquals(0x4000_0000, NumericOps.i32DivU(Integer.MIN_VALUE, 2));
        assertTrap(DIV_ZERO, () -> NumericOps.i32DivU(1, 0));
        assertTrap(DIV_ZERO, () -> NumericOps.i32DivU(-1, 0));

        assertEquals(1, NumericOps.i32RemU(-1, 2));
        assertEquals(5, NumericOps.i32RemU(5, -1));
        assertEquals(0x7fff_ffff, NumericOps.i32RemU(-1, Integer.MIN_VALUE));
        assertEquals(Integer.MIN_VALUE, NumericOps.i32RemU(Integer.MIN_VALUE, -1));
        assertTrap(DIV_ZERO, () -> NumericOps.i32RemU(1, 0));
    }

    @Test
    void i64DivisionEdgeCases() {
        assertEquals(3L, NumericOps.i64DivS(7, 2));
        assertEquals(-3L, NumericOps.i64DivS(-7, 2));
        assertEquals(-3L, NumericOps.i64DivS(7, -2));
        assertEquals(3L, NumericOps.i64DivS(-7, -2));
        assertEquals(-Long.MAX_VALUE, NumericOps.i64DivS(Long.MAX_VALUE, -1));
        assertEquals(Long.MIN_VALUE, NumericOps.i64DivS(Long.MIN_VALUE, 1));
        assertTrap(OVERFLOW, () -> NumericOps.i64DivS(Long.MIN_VALUE, -1));
        assertTrap(DIV_ZERO, () -> NumericOps.i64DivS(1, 0));
        assertTrap(DIV_ZERO, () -> NumericOps.i64DivS(Long.MIN_VALUE, 0));

        assertEquals(-1L, NumericOps.i64RemS(-7, 2));
        assertEquals(1L, NumericOps.i64RemS(7, -2));
        assertEquals(0L, NumericOps.i64RemS(Long.MIN_VALUE, -1));
        assertTrap(DIV_ZERO, () -> NumericOps.i64RemS(1, 0));
        assertTrap(DIV_ZERO, () -> NumericOps.i64RemS(Long.MIN_VALUE, 0));

        assertEquals(Long.MAX_VALUE, NumericOps.i64DivU(-1L, 2));
        assertEquals(0L, NumericOps.i64DivU(5, -1L));
        assertEquals(1L, NumericOps.i64DivU(-1L, -1L));
        assertEquals(0x4000_0000_0000_0000L, NumericOps.i64DivU(Long.MIN_VALUE, 2));
        assertTrap(DIV_ZERO, () -> NumericOps.i64DivU(1, 0));

        assertEquals(1L, NumericOps.i64RemU(-1L, 2));
        assertEquals(5L, NumericOps.i64RemU(5, -1L));
        assertEquals(Long.MAX_VALUE, NumericOps.i64RemU(-1L, Long.MIN_VALUE));
        assertTrap(DIV_ZERO, () -> NumericOps.i64RemU(1, 0));
    }

    @Test
    void divisionAgainstBigIntegerRandom() {
        Random r = new Random(SEED);
        for (int i = 0; i < 500; i++) {
            int a = r.nextInt(), b = i % 3 == 0 ? r.nextInt(17) - 8 : r.nextInt();
            long la = r.nextLong(), lb = i % 3 == 0 ? r.nextInt(17) - 8 : r.nextLong();
            if (b != 0) {
                BigInteger ua = unsigned(Integer.toUnsignedLong(a)), ub = unsigned(Integer.toUnsignedLong(b));
                assertEquals(ua.divide(ub).intValue(), NumericOps.i32DivU(a, b));
                assertEquals(ua.mod(ub).intValue(), NumericOps.i32RemU(a, b));
                BigInteger sa = BigInteger.valueOf(a), sb = BigInteger.valueOf(b);
                assertEquals(sa.remainder(sb).intValue(), NumericOps.i32RemS(a, b));
                if (!(a == Integer.MIN_VALUE && b == -1)) assertEquals(sa.divide(sb).intValue(), NumericOps.i32DivS(a, b));
            } else {
                assertTrap(DIV_ZERO, () -> NumericOps.i32DivU(a, b));
                assertTrap(DIV_ZERO, () -> NumericOps.i32RemS(a, b));
            }
            if (lb != 0) {
                BigInteger ua = unsigned(la), ub = unsigned(lb);
                assertEquals(ua.divide(ub).longValue(), NumericOps.i64DivU(la, lb));
                assertEquals(ua.mod(ub).longValue(), NumericOps.i64RemU(la, lb));
                BigInteger sa = BigInteger.valueOf(la), sb = BigInteger.valueOf(lb);
                assertEquals(sa.divide(sb).longValue(), NumericOps.i64DivS(la, lb));
                assertEquals(sa.remainder(sb).longValue(), NumericOps.i64RemS(la, lb));
            } else {
                assertTrap(DIV_ZERO, () -> NumericOps.i64DivS(la, lb));
                assertTrap(DIV_ZERO, () -> NumericOps.i64RemU(la, lb));
            }
        }
    }

    // ------------------------------------------------------------------ min / max

    @Test
    void minMaxZerosAndOrdinaryValues() {
        assertF32(-0.0f, NumericOps.f32Min(0.0f, -0.0f), "min(+0,-0)");
        assertF32(-0.0f, NumericOps.f32Min(-0.0f, 0.0f), "min(-0,+0)");
        assertF32(0.0f, NumericOps.f32Max(0.0f, -0.0f), "max(+0,-0)");
        assertF32(0.0f, NumericOps.f32Max(-0.0f, 0.0f), "max(-0,+0)");
        assertF32(-1.0f, NumericOps.f32Min(-1.0f, 2.0f), "min");
        assertF32(2.0f, NumericOps.f32Max(-1.0f, 2.0f), "max");
        assertF32(Float.NEGATIVE_INFINITY, NumericOps.f32Min(Float.NEGATIVE_INFINITY, -Float.MAX_VALUE), "min -inf");
        assertF32(Float.POSITIVE_INFINITY, NumericOps.f32Max(Float.MAX_VALUE, Float.POSITIVE_INFINITY), "max inf");
        assertF32(Float.MIN_VALUE, NumericOps.f32Max(0.0f, Float.MIN_VALUE), "max denormal");

        assertF64(-0.0, NumericOps.f64Min(0.0, -0.0), "min(+0,-0)");
        assertF64(-0.0, NumericOps.f64Min(-0.0, 0.0), "min(-0,+0)");
        assertF64(0.0, NumericOps.f64Max(0.0, -0.0), "max(+0,-0)");
        assertF64(0.0, NumericOps.f64Max(-0.0, 0.0), "max(-0,+0)");
        assertF64(-1.0, NumericOps.f64Min(-1.0, 2.0), "min");
        assertF64(2.0, NumericOps.f64Max(-1.0, 2.0), "max");
        assertF64(Double.NEGATIVE_INFINITY, NumericOps.f64Min(Double.NEGATIVE_INFINITY, -Double.MAX_VALUE), "min -inf");
        assertF64(Double.MIN_VALUE, NumericOps.f64Max(-0.0, Double.MIN_VALUE), "max denormal");

        Random r = new Random(SEED);
        for (int i = 0; i < 400; i++) {
            float a = f(r.nextInt()), b = i % 4 == 0 ? -a : f(r.nextInt());
            if (i % 8 == 0) a = i % 16 == 0 ? 0.0f : -0.0f;
            if (i % 8 == 0) b = -a;
            if (!Float.isNaN(a) && !Float.isNaN(b)) {
                // equal values can only be zeros of either sign (or identical): the negative one is the smaller
                boolean aLess = a < b || (a == b && bits(a) < 0);
                assertF32(aLess ? a : b, NumericOps.f32Min(a, b), a + " " + b);
                assertF32(aLess ? b : a, NumericOps.f32Max(a, b), a + " " + b);
            }
            double x = d(r.nextLong()), y = i % 4 == 0 ? -x : d(r.nextLong());
            if (i % 8 == 0) x = i % 16 == 0 ? 0.0 : -0.0;
            if (i % 8 == 0) y = -x;
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                boolean xLess = x < y || (x == y && bits(x) < 0);
                assertF64(xLess ? x : y, NumericOps.f64Min(x, y), x + " " + y);
                assertF64(xLess ? y : x, NumericOps.f64Max(x, y), x + " " + y);
            }
        }
    }

    @Test
    void minMaxNaNs() {
        float[] others = {0.0f, -0.0f, 1.0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        for (int n : F32_NANS) {
            for (float o : others) {
                assertF32NanResult(n, NumericOps.f32Min(f(n), o));
                assertF32NanResult(n, NumericOps.f32Min(o, f(n)));
                assertF32NanResult(n, NumericOps.f32Max(f(n), o));
                assertF32NanResult(n, NumericOps.f32Max(o, f(n)));
            }
            for (int m : F32_NANS) {
                // canonical only when both are canonical; otherwise arithmetic
                int both = ((n & 0x7fff_ffff) == F32_CANON && (m & 0x7fff_ffff) == F32_CANON) ? F32_CANON : F32_SNAN;
                assertF32NanResult(both, NumericOps.f32Min(f(n), f(m)));
                assertF32NanResult(both, NumericOps.f32Max(f(n), f(m)));
            }
        }
        double[] dOthers = {0.0, -0.0, 1.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (long n : F64_NANS) {
            for (double o : dOthers) {
                assertF64NanResult(n, NumericOps.f64Min(d(n), o));
                assertF64NanResult(n, NumericOps.f64Min(o, d(n)));
                assertF64NanResult(n, NumericOps.f64Max(d(n), o));
                assertF64NanResult(n, NumericOps.f64Max(o, d(n)));
            }
            for (long m : F64_NANS) {
                long both = ((n & Long.MAX_VALUE) == F64_CANON && (m & Long.MAX_VALUE) == F64_CANON) ? F64_CANON : F64_SNAN;
                assertF64NanResult(both, NumericOps.f64Min(d(n), d(m)));
                assertF64NanResult(both, NumericOps.f64Max(d(n), d(m)));
            }
        }
    }

    // ------------------------------------------------------------------ rounding

    /** Reference rounding through BigDecimal; a zero result takes the input's sign; non-finite values pass through. */
    private static double roundRef(double x, RoundingMode mode) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        double r = new BigDecimal(x).setScale(0, mode).doubleValue();
        return r == 0 ? Math.copySign(0.0, x) : r;
    }

    private record Rounding(String name, RoundingMode mode, UnaryOperator<Float> f32, DoubleUnaryOperator f64) {}

    private static final List<Rounding> ROUNDINGS = List.of(
            new Rounding("nearest", RoundingMode.HALF_EVEN, NumericOps::f32Nearest, NumericOps::f64Nearest),
            new Rounding("ceil", RoundingMode.CEILING, NumericOps::f32Ceil, NumericOps::f64Ceil),
            new Rounding("floor", RoundingMode.FLOOR, NumericOps::f32Floor, NumericOps::f64Floor),
            new Rounding("trunc", RoundingMode.DOWN, NumericOps::f32Trunc, NumericOps::f64Trunc));

    @Test
    void roundingExplicitCases() {
        // nearest: ties to even, sign of zero kept
        assertF32(-0.0f, NumericOps.f32Nearest(-0.4f), "nearest -0.4");
        assertF32(-0.0f, NumericOps.f32Nearest(-0.5f), "nearest -0.5");
        assertF32(0.0f, NumericOps.f32Nearest(0.5f), "nearest 0.5");
        assertF32(-2.0f, NumericOps.f32Nearest(-1.5f), "nearest -1.5");
        assertF32(2.0f, NumericOps.f32Nearest(2.5f), "nearest 2.5");
        assertF32(4.0f, NumericOps.f32Nearest(3.5f), "nearest 3.5");
        assertF32(-0.0f, NumericOps.f32Nearest(-0.0f), "nearest -0");
        assertF32(0x1p23f, NumericOps.f32Nearest(Math.nextDown(0x1p23f)), "nearest 2^23-0.5");
        assertF32(8388608.0f, NumericOps.f32Nearest(8388607.5f), "nearest tie just below 2^23 -> even");
        assertF32(8388606.0f, NumericOps.f32Nearest(8388606.5f), "nearest tie just below 2^23 -> even (down)");
        assertF32(0x1.fffffep127f, NumericOps.f32Nearest(Float.MAX_VALUE), "nearest max");
        assertF64(-0.0, NumericOps.f64Nearest(-0.4), "nearest -0.4");
        assertF64(-0.0, NumericOps.f64Nearest(-0.5), "nearest -0.5");
        assertF64(2.0, NumericOps.f64Nearest(2.5), "nearest 2.5");
        assertF64(-4.0, NumericOps.f64Nearest(-3.5), "nearest -3.5");
        assertF64(0x1p52, NumericOps.f64Nearest(0x1p52 - 0.5), "nearest 2^52-0.5");
        assertF64(4503599627370497.0, NumericOps.f64Nearest(4503599627370497.0), "nearest 2^52+1");

        // ceil / floor / trunc
        assertF32(-0.0f, NumericOps.f32Ceil(-0.5f), "ceil -0.5");
        assertF32(-0.0f, NumericOps.f32Ceil(-Float.MIN_VALUE), "ceil -denormal");
        assertF32(1.0f, NumericOps.f32Ceil(Float.MIN_VALUE), "ceil denormal");
        assertF32(0.0f, NumericOps.f32Floor(0.5f), "floor 0.5");
        assertF32(-1.0f, NumericOps.f32Floor(-Float.MIN_VALUE), "floor -denormal");
        assertF32(-0.0f, NumericOps.f32Floor(-0.0f), "floor -0");
        assertF32(-0.0f, NumericOps.f32Trunc(-0.9f), "trunc -0.9");
        assertF32(0.0f, NumericOps.f32Trunc(0.9f), "trunc 0.9");
        assertF32(-1.0f, NumericOps.f32Trunc(-1.9f), "trunc -1.9");
        assertF32(8388607.0f, NumericOps.f32Trunc(8388607.5f), "trunc below 2^23");
        assertF32(8388608.0f, NumericOps.f32Ceil(8388607.5f), "ceil below 2^23");
        assertF32(16777215.0f, NumericOps.f32Ceil(16777215.0f), "ceil 2^24-1");
        assertF64(-0.0, NumericOps.f64Ceil(-0.5), "ceil -0.5");
        assertF64(0.0, NumericOps.f64Floor(0.5), "floor 0.5");
        assertF64(-1.0, NumericOps.f64Floor(-Double.MIN_VALUE), "floor -denormal");
        assertF64(-0.0, NumericOps.f64Trunc(-0.9), "trunc -0.9");
        assertF64(-1.0, NumericOps.f64Trunc(-1.9), "trunc -1.9");
        assertF64(4503599627370495.0, NumericOps.f64Trunc(4503599627370495.5), "trunc below 2^52");

        for (Rounding op : ROUNDINGS) {
            for (float x : new float[] {0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
                    -Float.MAX_VALUE, 0x1p23f, -0x1p23f, 0x1p24f + 2}) {
                assertF32(x, op.f32().apply(x), op.name() + " " + x);
            }
            for (double x : new double[] {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MAX_VALUE, -Double.MAX_VALUE, 0x1p52, -0x1p52, 0x1p53 + 2}) {
                assertF64(x, op.f64().applyAsDouble(x), op.name() + " " + x);
            }
        }
    }

    @Test
    void roundingNaNsAreQuieted() {
        for (Rounding op : ROUNDINGS) {
            for (int n : F32_NANS) assertF32NanResult(n, op.f32().apply(f(n)));
            for (long n : F64_NANS) assertF64NanResult(n, op.f64().applyAsDouble(d(n)));
        }
    }

    @Test
    void roundingAgainstBigDecimalRandom() {
        Random r = new Random(SEED);
        for (int i = 0; i < 600; i++) {
            // mostly values with a fractional part (|x| < 2^25), sometimes any bit pattern
            float fx = i % 5 == 0 ? f(r.nextInt()) : (float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(27)));
            if (i % 7 == 0) fx = (float) (r.nextInt(64) - 32) + 0.5f; // exact ties
            double dx = i % 5 == 0 ? d(r.nextLong()) : (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(56));
            if (i % 7 == 0) dx = (double) (r.nextInt(64) - 32) + 0.5;
            for (Rounding op : ROUNDINGS) {
                if (!Float.isNaN(fx)) {
                    assertF32((float) roundRef(fx, op.mode()), op.f32().apply(fx), op.name() + " " + fx);
                }
                if (!Double.isNaN(dx)) {
                    assertF64(roundRef(dx, op.mode()), op.f64().applyAsDouble(dx), op.name() + " " + dx);
                }
            }
        }
    }

    // ------------------------------------------------------------------ abs / neg / copysign

    @Test
    void signOperationsAreBitExact() {
        assertF32Bits(0x7fa0_0000, NumericOps.f32Abs(f(0xffa0_0000)), "abs -sNaN");
        assertF32Bits(0x7fa0_0000, NumericOps.f32Abs(f(0x7fa0_0000)), "abs sNaN");
        assertF32Bits(0xffa0_0000, NumericOps.f32Neg(f(0x7fa0_0000)), "neg sNaN");
        assertF32Bits(0x7fa0_0000, NumericOps.f32Neg(f(0xffa0_0000)), "neg -sNaN");
        assertF32Bits(0x7f80_0001, NumericOps.f32Abs(f(0xff80_0001)), "abs sNaN min payload");
        assertF32Bits(0xffa0_0000, NumericOps.f32Copysign(f(0x7fa0_0000), -1.0f), "copysign sNaN -1");
        assertF32Bits(0x7fa0_0000, NumericOps.f32Copysign(f(0xffa0_0000), f(0x7fc0_0000)), "copysign -sNaN +NaN");
        assertF32Bits(0xbf80_0000, NumericOps.f32Copysign(1.0f, f(0xffa0_0000)), "copysign 1 -sNaN");
        assertF32Bits(0x8000_0000, NumericOps.f32Copysign(0.0f, -0.0f), "copysign 0 -0");
        assertF32Bits(0x0000_0000, NumericOps.f32Abs(-0.0f), "abs -0");
        assertF32Bits(0x8000_0000, NumericOps.f32Neg(0.0f), "neg 0");
        assertF32Bits(0x7f80_0000, NumericOps.f32Abs(Float.NEGATIVE_INFINITY), "abs -inf");

        assertF64Bits(0x7ff4_0000_0000_0000L, NumericOps.f64Abs(d(0xfff4_0000_0000_0000L)), "abs -sNaN");
        assertF64Bits(0xfff4_0000_0000_0000L, NumericOps.f64Neg(d(0x7ff4_0000_0000_0000L)), "neg sNaN");
        assertF64Bits(0x7ff0_0000_0000_0001L, NumericOps.f64Neg(d(0xfff0_0000_0000_0001L)), "neg -sNaN");
        assertF64Bits(0xfff4_0000_0000_0000L, NumericOps.f64Copysign(d(0x7ff4_0000_0000_0000L), -0.0), "copysign sNaN -0");
        assertF64Bits(0x3ff0_0000_0000_0000L, NumericOps.f64Copysign(-1.0, d(0x7ff4_0000_0000_0000L)), "copysign -1 sNaN");
        assertF64Bits(0x8000_0000_0000_0000L, NumericOps.f64Neg(0.0), "neg 0");
        assertF64Bits(0L, NumericOps.f64Abs(-0.0), "abs -0");

        Random r = new Random(SEED);
        for (int i = 0; i < 500; i++) {
            int a = r.nextInt(), b = r.nextInt();
            assertF32Bits(a & 0x7fff_ffff, NumericOps.f32Abs(f(a)), Integer.toHexString(a));
            assertF32Bits(a ^ 0x8000_0000, NumericOps.f32Neg(f(a)), Integer.toHexString(a));
            assertF32Bits((a & 0x7fff_ffff) | (b & 0x8000_0000), NumericOps.f32Copysign(f(a), f(b)), a + " " + b);
            long la = r.nextLong(), lb = r.nextLong();
            assertF64Bits(la & Long.MAX_VALUE, NumericOps.f64Abs(d(la)), Long.toHexString(la));
            assertF64Bits(la ^ Long.MIN_VALUE, NumericOps.f64Neg(d(la)), Long.toHexString(la));
            assertF64Bits((la & Long.MAX_VALUE) | (lb & Long.MIN_VALUE), NumericOps.f64Copysign(d(la), d(lb)), la + " " + lb);
        }
        // signalling NaNs specifically, repeatedly (so the compiled code is exercised as well)
        for (int i = 0; i < 20_000; i++) {
            int s = 0x7f80_0000 | (1 + (i & 0x3f_fffe)); // quiet bit clear, payload non-zero
            assertEquals(s, bits(NumericOps.f32Abs(f(s | 0x8000_0000))));
            assertEquals(s | 0x8000_0000, bits(NumericOps.f32Neg(f(s))));
            assertEquals(s | 0x8000_0000, bits(NumericOps.f32Copysign(f(s), -2.0f)));
            long ls = 0x7ff0_0000_0000_0000L | (1 + i);
            assertEquals(ls, bits(NumericOps.f64Abs(d(ls | Long.MIN_VALUE))));
            assertEquals(ls | Long.MIN_VALUE, bits(NumericOps.f64Neg(d(ls))));
            assertEquals(ls, bits(NumericOps.f64Copysign(d(ls | Long.MIN_VALUE), 3.0)));
        }
    }

    // ------------------------------------------------------------------ truncation

    private interface Trunc {
        /** The result widened: an i32 result as its int value sign-extended. */
        long apply(double x);
    }

    private record TruncOp(String name, boolean f32, int width, boolean signed, Trunc trapping, Trunc saturating) {
        BigInteger min() {
            return signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
        }

        BigInteger max() {
            return (signed ? BigInteger.ONE.shiftLeft(width - 1) : BigInteger.ONE.shiftLeft(width)).subtract(BigInteger.ONE);
        }

        /** The mathematical integer an int/long result stands for. */
        BigInteger value(long v) {
            if (width == 32) return signed ? BigInteger.valueOf((int) v) : BigInteger.valueOf(Integer.toUnsignedLong((int) v));
            return signed ? BigInteger.valueOf(v) : unsigned(v);
        }
    }

    private static final List<TruncOp> TRUNCS = List.of(
            new TruncOp("i32.trunc_f32_s", true, 32, true,
                    x -> NumericOps.i32TruncF32S((float) x), x -> NumericOps.i32TruncSatF32S((float) x)),
            new TruncOp("i32.trunc_f32_u", true, 32, false,
                    x -> NumericOps.i32TruncF32U((float) x), x -> NumericOps.i32TruncSatF32U((float) x)),
            new TruncOp("i32.trunc_f64_s", false, 32, true,
                    x -> NumericOps.i32TruncF64S(x), x -> NumericOps.i32TruncSatF64S(x)),
            new TruncOp("i32.trunc_f64_u", false, 32, false,
                    x -> NumericOps.i32TruncF64U(x), x -> NumericOps.i32TruncSatF64U(x)),
            new TruncOp("i64.trunc_f32_s", true, 64, true,
                    x -> NumericOps.i64TruncF32S((float) x), x -> NumericOps.i64TruncSatF32S((float) x)),
            new TruncOp("i64.trunc_f32_u", true, 64, false,
                    x -> NumericOps.i64TruncF32U((float) x), x -> NumericOps.i64TruncSatF32U((float) x)),
            new TruncOp("i64.trunc_f64_s", false, 64, true,
                    x -> NumericOps.i64TruncF64S(x), x -> NumericOps.i64TruncSatF64S(x)),
            new TruncOp("i64.trunc_f64_u", false, 64, false,
                    x -> NumericOps.i64TruncF64U(x), x -> NumericOps.i64TruncSatF64U(x)));

    private static TruncOp op(String name) {
        return TRUNCS.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** Checks one input of one op, trapping and saturating, against the BigDecimal reference. */
    private static void checkTrunc(TruncOp op, double x) {
        String ctx = op.name() + " " + x + " (" + Double.toHexString(x) + ")";
        if (Double.isNaN(x)) {
            TrapException t = assertThrows(TrapException.class, () -> op.trapping().apply(x), ctx);
            assertEquals(INVALID, t.getMessage(), ctx);
            assertEquals(0L, op.saturating().apply(x), ctx);
            return;
        }
        BigInteger exact = Double.isInfinite(x)
                ? (x > 0 ? op.max().add(BigInteger.ONE) : op.min().subtract(BigInteger.ONE))
                : new BigDecimal(x).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        boolean inRange = exact.compareTo(op.min()) >= 0 && exact.compareTo(op.max()) <= 0;
        if (inRange) {
            assertEquals(exact, op.value(op.trapping().apply(x)), ctx);
        } else {
            TrapException t = assertThrows(TrapException.class, () -> op.trapping().apply(x), ctx);
            assertEquals(OVERFLOW, t.getMessage(), ctx);
        }
        BigInteger sat = exact.max(op.min()).min(op.max());
        assertEquals(sat, op.value(op.saturating().apply(x)), ctx);
    }

    /** Exact boundaries: the last valid value and the first invalid one on each side. */
    @Test
    void truncationBoundaries() {
        // i32 from f32, signed: -2^31 valid, next float below (-2^31 - 256) traps; largest float below 2^31 valid.
        assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncF32S(-0x1p31f));
        assertEquals(-2147483904.0f, Math.nextDown(-0x1p31f));
        assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32S(-2147483904.0f));
        assertEquals(2147483520, NumericOps.i32TruncF32S(Math.nextDown(0x1p31f)));
        assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32S(0x1p31f));
        assertEquals(-1, NumericOps.i32TruncF32S(-1.9f));
        assertEquals(0, NumericOps.i32TruncF32S(-0.9f));

        // i32 from f32, unsigned: (-1, 2^32)
        assertEquals(0, NumericOps.i32TruncF32U(Math.nextUp(-1.0f)));
        assertEquals(0, NumericOps.i32TruncF32U(-0.0f));
        assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32U(-1.0f));
        assertEquals(0xffff_ff00, NumericOps.i32TruncF32U(Math.nextDown(0x1p32f)));
        assertEquals(0x8000_0000, NumericOps.i32TruncF32U(0x1p31f));
        assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32U(0x1p32f));

        // i32 from f64, signed: (-2^31 - 1, 2^31)
        assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncF64S(Math.nextUp(-2147483649.0)));
        assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncF64S(-2147483648.9));
        assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64S(-2147483649.0));
        assertEquals(Integer.MAX_VALUE, NumericOps.i32TruncF64S(Math.nextDown(0x1p31)));
        assertEquals(Integer.MAX_VALUE, NumericOps.i32TruncF64S(2147483647.9));
        assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64S(0x1p31));

        // i32 from f64, unsigned: (-1, 2^32)
        assertEquals(0, NumericOps.i32TruncF64U(Math.nextUp(-1.0)));
        assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64U(-1.0));
        assertEquals(-1, NumericOps.i32TruncF64U(Math.nextDown(0x1p32)));
        assertEquals(-1, NumericOps.i32TruncF64U(4294967295.9));
        assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64U(0x1p32));

        // i64 from f32, signed: [-2^63, 2^63)
        assertEquals(Long.MIN_VALUE, NumericOps.i64TruncF32S(-0x1p63f));
        assertTrap(OVERFLOW, () -> NumericOps.i64TruncF32S(Math.nextDown(-0x1p63f)));
        assertEquals(0x7fff_ff80_0000_0000L, NumericOps.i64TruncF32S(Math.nextDown(0x1p63f)));
        assertTrap(OVERFLOW, () -> NumericOps.i64TruncF32S(0x1p63f));

        // i64 from f32, unsigned: (-1, 2^64)
        assertEquals(0L, NumericOps.i64TruncF32U(Math.nextUp(-1.0f)));
        assertTrap(OVERFLOW, () -> NumericOps.i64TruncF32U(-1.0f));
        assertEquals(Long.MIN_VALUE, NumericOps.i64TruncF32U(0x1p63f));
        assertEquals(0x7fff_ff80_0000_0000L, NumericOps.i64TruncF32U(Math.nextDown(0x1p63f)));
        assertEquals(0xffff_ff00_0000_0000L, NumericOps.i64TruncF32U(Math.nextDown(0x1p64f)));
        assertTrap(OVERFLOW, () -> NumericOps.i64TruncF32U(0x1p64f));

        // i64 from f64, signed: [-2^63, 2^63)
        assertEquals(Long.MIN_VALUE, NumericOps.i64TruncF64S(-0x1p63));
        assertEquals(-9223372036854777856.0, Math.nextDown(-0x1p63));
        assertTrap(OVERFLOW, () -> NumericOps.i64TruncF64S(Math.nextDown(-0x1p63)));
        assertEquals(0x7fff_ffff_ffff_fc00L, NumericOps.i64TruncF64S(Math.nextDown(0x1p63)));
        assertTrap(OVERFLOW, () -> NumericOps.i64TruncF64S(0x1p63));

        // i64 from f64, unsigned: (-1, 2^64)
        assertEquals(0L, NumericOps.i64TruncF64U(Math.nextUp(-1.0)));
        assertTrap(OVERFLOW, () -> NumericOps.i64TruncF64U(-1.0));
        assertEquals(Long.MIN_VALUE, NumericOps.i64TruncF64U(0x1p63));
        assertEquals(0x8000_0000_0000_0800L, NumericOps.i64TruncF64U(Math.nextUp(0x1p63)));
        assertEquals(0xffff_ffff_ffff_f800L, NumericOps.i64TruncF64U(Math.nextDown(0x1p64)));
        assertTrap(OVERFLOW, () -> NumericOps.i64TruncF64U(0x1p64));

        // NaN and infinities, every op
        for (TruncOp op : TRUNCS) {
            for (int n : F32_NANS) {
                String ctx = op.name() + " NaN " + Integer.toHexString(n);
                if (op.f32()) {
                    TrapException t = assertThrows(TrapException.class, () -> op.trapping().apply(f(n)), ctx);
                    assertEquals(INVALID, t.getMessage(), ctx);
                }
            }
            for (long n : F64_NANS) checkTrunc(op, op.f32() ? (float) d(n) : d(n));
            checkTrunc(op, Double.POSITIVE_INFINITY);
            checkTrunc(op, Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void saturatingBoundaries() {
        assertEquals(0, NumericOps.i32TruncSatF32U(-1.0f));
        assertEquals(0, NumericOps.i32TruncSatF32U(Float.NEGATIVE_INFINITY));
        assertEquals(0, NumericOps.i32TruncSatF32U(f(F32_SNAN)));
        assertEquals(-1, NumericOps.i32TruncSatF32U(0x1p32f));
        assertEquals(0xffff_ff00, NumericOps.i32TruncSatF32U(Math.nextDown(0x1p32f)));
        assertEquals(Integer.MAX_VALUE, NumericOps.i32TruncSatF32S(0x1p31f));
        assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncSatF32S(-2147483904.0f));
        assertEquals(0, NumericOps.i32TruncSatF32S(f(F32_CANON)));
        assertEquals(-1, NumericOps.i32TruncSatF64U(Math.nextDown(0x1p32)));
        assertEquals(-1, NumericOps.i32TruncSatF64U(1e300));
        assertEquals(0, NumericOps.i32TruncSatF64U(-1e300));
        assertEquals(0, NumericOps.i32TruncSatF64U(d(F64_NEG_CANON)));
        assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncSatF64S(-2147483649.0));
        assertEquals(Integer.MAX_VALUE, NumericOps.i32TruncSatF64S(Double.POSITIVE_INFINITY));

        assertEquals(Long.MIN_VALUE, NumericOps.i64TruncSatF32S(Float.NEGATIVE_INFINITY));
        assertEquals(Long.MAX_VALUE, NumericOps.i64TruncSatF32S(0x1p63f));
        assertEquals(0L, NumericOps.i64TruncSatF32S(f(F32_NEG_SNAN)));
        assertEquals(0L, NumericOps.i64TruncSatF32U(-0x1p70f));
        assertEquals(0L, NumericOps.i64TruncSatF32U(f(F32_SNAN)));
        assertEquals(0L, NumericOps.i64TruncSatF32U(f(F32_NEG_CANON)));
        assertEquals(Long.MIN_VALUE, NumericOps.i64TruncSatF32U(0x1p63f));
        assertEquals(0xffff_ff00_0000_0000L, NumericOps.i64TruncSatF32U(Math.nextDown(0x1p64f)));
        assertEquals(-1L, NumericOps.i64TruncSatF32U(0x1p64f));
        assertEquals(-1L, NumericOps.i64TruncSatF32U(Float.POSITIVE_INFINITY));
        assertEquals(0L, NumericOps.i64TruncSatF64U(d(F64_SNAN)));
        assertEquals(0L, NumericOps.i64TruncSatF64U(Double.NEGATIVE_INFINITY));
        assertEquals(0xffff_ffff_ffff_f800L, NumericOps.i64TruncSatF64U(Math.nextDown(0x1p64)));
        assertEquals(-1L, NumericOps.i64TruncSatF64U(0x1p64));
        assertEquals(Long.MIN_VALUE, NumericOps.i64TruncSatF64S(Double.NEGATIVE_INFINITY));
        assertEquals(0L, NumericOps.i64TruncSatF64S(d(F64_NEG_SNAN)));
    }

    /** Values around every boundary (a few ulps either side) plus random values, against BigDecimal. */
    @Test
    void truncationAgainstBigDecimal() {
        double[] anchors = {0, -1, 1, 0x1p31, -0x1p31, 0x1p32, -0x1p32, 0x1p63, -0x1p63, 0x1p64, -0x1p64,
                -2147483649.0, 2147483647.0, 4294967295.0, 0.5, -0.5, 1e30, -1e30};
        Random r = new Random(SEED);
        List<Double> doubles = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        for (double a : anchors) {
            double up = a, down = a;
            float fa = (float) a, fup = fa, fdown = fa;
            for (int k = 0; k < 4; k++) {
                doubles.add(up);
                doubles.add(down);
                floats.add(fup);
                floats.add(fdown);
                up = Math.nextUp(up);
                down = Math.nextDown(down);
                fup = Math.nextUp(fup);
                fdown = Math.nextDown(fdown);
            }
            doubles.add(a + 0.5);
            doubles.add(a - 0.5);
        }
        for (int i = 0; i < 400; i++) {
            int e = r.nextInt(70);
            doubles.add((r.nextDouble() * 2 - 1) * Math.scalb(1.0, e));
            floats.add((float) ((r.nextDouble() * 2 - 1) * Math.scalb(1.0, e)));
            if (i % 4 == 0) {
                doubles.add(d(r.nextLong()));
                floats.add(f(r.nextInt()));
            }
        }
        int checked = 0;
        for (TruncOp op : TRUNCS) {
            if (op.f32()) {
                for (float x : floats) {
                    checkTrunc(op, x);
                    checked++;
                }
            } else {
                for (double x : doubles) {
                    checkTrunc(op, x);
                    checked++;
                }
            }
        }
        assertTrue(checked > 2000);
        assertNotEquals(op("i64.trunc_f64_u").min(), op("i64.trunc_f64_s").min());
    }

    // ------------------------------------------------------------------ unsigned conversion

    @Test
    void unsignedConversionEdgeCases() {
        assertF32(4294967296.0f, NumericOps.f32ConvertI32U(-1), "u32 max -> f32 rounds up");
        assertF32(2147483648.0f, NumericOps.f32ConvertI32U(Integer.MIN_VALUE), "2^31");
        assertF32(16777216.0f, NumericOps.f32ConvertI32U(16777217), "2^24+1 tie -> even");
        assertF32(16777220.0f, NumericOps.f32ConvertI32U(16777219), "2^24+3 tie -> even (up)");
        assertF32(0.0f, NumericOps.f32ConvertI32U(0), "0");
        assertF64(4294967295.0, NumericOps.f64ConvertI32U(-1), "u32 max");
        assertF64(2147483648.0, NumericOps.f64ConvertI32U(Integer.MIN_VALUE), "2^31");

        assertF32(0x1p64f, NumericOps.f32ConvertI64U(-1L), "u64 max");
        assertF32(0x1p63f, NumericOps.f32ConvertI64U(Long.MIN_VALUE), "2^63");
        // at 2^63 the float ulp is 2^40: exact tie rounds to even (down), one more rounds up
        assertF32(0x1p63f, NumericOps.f32ConvertI64U(Long.MIN_VALUE + (1L << 39)), "tie down");
        assertF32(Math.nextUp(0x1p63f), NumericOps.f32ConvertI64U(Long.MIN_VALUE + (1L << 39) + 1), "sticky bit");
        assertF32(0x1p63f + 0x1p41f, NumericOps.f32ConvertI64U(Long.MIN_VALUE + (1L << 40) + (1L << 39)), "tie up");
        assertF32(Math.nextUp(0x1p63f), NumericOps.f32ConvertI64U(Long.MIN_VALUE + (1L << 40) + (1L << 39) - 1), "below tie");
        assertF32(9.223372E18f, NumericOps.f32ConvertI64U(Long.MAX_VALUE), "2^63-1");

        assertF64(0x1p64, NumericOps.f64ConvertI64U(-1L), "u64 max");
        assertF64(0x1p63, NumericOps.f64ConvertI64U(Long.MIN_VALUE), "2^63");
        // at 2^63 the double ulp is 2^11
        assertF64(0x1p63, NumericOps.f64ConvertI64U(Long.MIN_VALUE + (1L << 10)), "tie down");
        assertF64(Math.nextUp(0x1p63), NumericOps.f64ConvertI64U(Long.MIN_VALUE + (1L << 10) + 1), "sticky bit");
        assertF64(0x1p63 + 0x1p12, NumericOps.f64ConvertI64U(Long.MIN_VALUE + (1L << 11) + (1L << 10)), "tie up");
        assertF64(0x1.fffffffffffffp63, NumericOps.f64ConvertI64U(0xffff_ffff_ffff_fbffL), "just below the top tie");
        assertF64(0x1p64, NumericOps.f64ConvertI64U(0xffff_ffff_ffff_fc00L), "top tie -> even (2^64)");
    }

    @Test
    void unsignedConversionAgainstBigInteger() {
        Random r = new Random(SEED);
        for (int i = 0; i < 1000; i++) {
            long v = r.nextLong();
            switch (i % 4) {
                case 1 -> v |= Long.MIN_VALUE; // force the high half
                case 2 -> v = (v & 0xffff_ff00_0000_0000L) | (i % 8 == 2 ? 0x80_0000_0000L : 0x80_0000_0001L); // ties / near ties
                case 3 -> v = (v | Long.MIN_VALUE) & ~0x3ffL | (i % 8 == 3 ? 0x400L : 0x401L); // f64 ties / near ties
                default -> { }
            }
            BigInteger u = unsigned(v);
            assertF32(u.floatValue(), NumericOps.f32ConvertI64U(v), Long.toUnsignedString(v));
            assertF64(u.doubleValue(), NumericOps.f64ConvertI64U(v), Long.toUnsignedString(v));
            int w = (int) v;
            BigInteger uw = BigInteger.valueOf(Integer.toUnsignedLong(w));
            assertF32(uw.floatValue(), NumericOps.f32ConvertI32U(w), Integer.toUnsignedString(w));
            assertF64(uw.doubleValue(), NumericOps.f64ConvertI32U(w), Integer.toUnsignedString(w));
            int w2 = (int) (v >>> 32) | 0x8000_0080; // high bit set and a potential tie bit at the f32 rounding position
            BigInteger uw2 = BigInteger.valueOf(Integer.toUnsignedLong(w2));
            assertF32(uw2.floatValue(), NumericOps.f32ConvertI32U(w2), Integer.toUnsignedString(w2));
        }
        assertEquals(TWO_64.floatValue(), NumericOps.f32ConvertI64U(-1L));
    }
}
