package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.TrapException;

/**
 * Numeric instructions for compiled code whose WebAssembly semantics differ from the plain JVM bytecode: trapping
 * integer division, NaN-aware float rounding and min/max, bitwise sign operations, float-to-integer truncation
 * (trapping and saturating) and unsigned integer-to-float conversion. Operands come in wasm stack order.
 *
 * <p>Every fast path is kept well under HotSpot's always-inline limit (35 bytes of bytecode); traps are built in
 * separate methods so the throwing code stays out of the caller.
 *
 * <p>NaN results: when an input is NaN the result is that NaN quieted by a float addition ({@code a + b}), which
 * yields an arithmetic NaN (quiet bit set) and keeps a canonical NaN canonical. {@code abs}, {@code neg} and
 * {@code copysign} only touch the sign bit, so they keep any payload, signalling or not.
 */
public final class NumericOps {
    private NumericOps() {}

    private static final String DIVIDE_BY_ZERO = "integer divide by zero";
    private static final String OVERFLOW = "integer overflow";
    private static final String INVALID_CONVERSION = "invalid conversion to integer";

    // ---------------------------------------------------------------- traps (slow paths)

    private static TrapException divideByZero() {
        return new TrapException(DIVIDE_BY_ZERO);
    }

    private static TrapException overflow() {
        return new TrapException(OVERFLOW);
    }

    /** The trap for a truncation whose operand {@code x} has no integer result: NaN, or out of range. */
    private static TrapException truncTrap(double x) {
        return new TrapException(x != x ? INVALID_CONVERSION : OVERFLOW);
    }

    // ---------------------------------------------------------------- integer division

    public static int i32DivS(int a, int b) {
        if (b == 0) throw divideByZero();
        if (b == -1 && a == Integer.MIN_VALUE) throw overflow();
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) throw divideByZero();
        return Integer.divideUnsigned(a, b);
    }

    /** {@code MIN_VALUE % -1} is 0, as the JVM's {@code irem} already gives. */
    public static int i32RemS(int a, int b) {
        if (b == 0) throw divideByZero();
        return a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) throw divideByZero();
        return Integer.remainderUnsigned(a, b);
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) throw divideByZero();
        if (b == -1 && a == Long.MIN_VALUE) throw overflow();
        return a / b;
    }

    public static long i64DivU(long a, long b) {
        if (b == 0) throw divideByZero();
        return Long.divideUnsigned(a, b);
    }

    /** {@code MIN_VALUE % -1} is 0, as the JVM's {@code lrem} already gives. */
    public static long i64RemS(long a, long b) {
        if (b == 0) throw divideByZero();
        return a % b;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) throw divideByZero();
        return Long.remainderUnsigned(a, b);
    }

    // ---------------------------------------------------------------- min / max

    public static float f32Min(float a, float b) {
        if (a != a || b != b) return a + b;
        return Math.min(a, b);
    }

    public static float f32Max(float a, float b) {
        if (a != a || b != b) return a + b;
        return Math.max(a, b);
    }

    public static double f64Min(double a, double b) {
        if (a != a || b != b) return a + b;
        return Math.min(a, b);
    }

    public static double f64Max(double a, double b) {
        if (a != a || b != b) return a + b;
        return Math.max(a, b);
    }

    // ---------------------------------------------------------------- rounding
    // The float versions round through double: every float is a double, and the integral result of rounding a float
    // is again a float (below 2^24 every integer is one, above it every float is already integral), so it is exact.

    public static float f32Nearest(float a) {
        if (a != a) return a + a;
        return (float) Math.rint(a);
    }

    public static double f64Nearest(double a) {
        if (a != a) return a + a;
        return Math.rint(a);
    }

    public static float f32Ceil(float a) {
        if (a != a) return a + a;
        return (float) Math.ceil(a);
    }

    public static double f64Ceil(double a) {
        if (a != a) return a + a;
        return Math.ceil(a);
    }

    public static float f32Floor(float a) {
        if (a != a) return a + a;
        return (float) Math.floor(a);
    }

    public static double f64Floor(double a) {
        if (a != a) return a + a;
        return Math.floor(a);
    }

    /** Rounds toward zero keeping the sign: {@code trunc(-0.5) = -0.0}. */
    public static float f32Trunc(float a) {
        if (a != a) return a + a;
        return (float) (a < 0 ? Math.ceil(a) : Math.floor(a));
    }

    public static double f64Trunc(double a) {
        if (a != a) return a + a;
        return a < 0 ? Math.ceil(a) : Math.floor(a);
    }

    // ---------------------------------------------------------------- sign bit operations (bits only, no arithmetic)

    public static float f32Abs(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7FFF_FFFF);
    }

    public static float f32Neg(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x8000_0000);
    }

    public static float f32Copysign(float a, float b) {
        return Float.intBitsToFloat(
                (Float.floatToRawIntBits(a) & 0x7FFF_FFFF) | (Float.floatToRawIntBits(b) & 0x8000_0000));
    }

    public static double f64Abs(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0x7FFF_FFFF_FFFF_FFFFL);
    }

    public static double f64Neg(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ 0x8000_0000_0000_0000L);
    }

    public static double f64Copysign(double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & 0x7FFF_FFFF_FFFF_FFFFL)
                | (Double.doubleToRawLongBits(b) & 0x8000_0000_0000_0000L));
    }

    // ---------------------------------------------------------------- trapping truncation
    // x is valid iff trunc(x) is in range. The bounds below are the nearest representable values outside the range
    // (strict comparisons) or the exact range minimum (>=). Every comparison is false for NaN, which then traps.

    /** Valid iff {@code -2^31 <= x < 2^31} (the float below -2^31 is -2^31 - 256). */
    public static int i32TruncF32S(float x) {
        if (x >= -0x1p31f && x < 0x1p31f) return (int) x;
        throw truncTrap(x);
    }

    /** Valid iff {@code -1 < x < 2^32}. */
    public static int i32TruncF32U(float x) {
        if (x > -1.0f && x < 0x1p32f) return (int) (long) x;
        throw truncTrap(x);
    }

    /** Valid iff {@code -2^31 - 1 < x < 2^31}. */
    public static int i32TruncF64S(double x) {
        if (x > -2147483649.0 && x < 0x1p31) return (int) x;
        throw truncTrap(x);
    }

    /** Valid iff {@code -1 < x < 2^32}. */
    public static int i32TruncF64U(double x) {
        if (x > -1.0 && x < 0x1p32) return (int) (long) x;
        throw truncTrap(x);
    }

    /** Valid iff {@code -2^63 <= x < 2^63}. */
    public static long i64TruncF32S(float x) {
        if (x >= -0x1p63f && x < 0x1p63f) return (long) x;
        throw truncTrap(x);
    }

    /** Valid iff {@code -1 < x < 2^64}. */
    public static long i64TruncF32U(float x) {
        if (x > -1.0f && x < 0x1p63f) return (long) x;
        return i64TruncF32UHigh(x);
    }

    private static long i64TruncF32UHigh(float x) {
        // For 2^63 <= x < 2^64, x - 2^63 is exact (Sterbenz) and below 2^63; setting the top bit adds 2^63 back.
        if (x >= 0x1p63f && x < 0x1p64f) return (long) (x - 0x1p63f) | Long.MIN_VALUE;
        throw truncTrap(x);
    }

    /** Valid iff {@code -2^63 <= x < 2^63} (the double below -2^63 is -2^63 - 2048). */
    public static long i64TruncF64S(double x) {
        if (x >= -0x1p63 && x < 0x1p63) return (long) x;
        throw truncTrap(x);
    }

    /** Valid iff {@code -1 < x < 2^64}. */
    public static long i64TruncF64U(double x) {
        if (x > -1.0 && x < 0x1p63) return (long) x;
        return i64TruncF64UHigh(x);
    }

    private static long i64TruncF64UHigh(double x) {
        if (x >= 0x1p63 && x < 0x1p64) return (long) (x - 0x1p63) | Long.MIN_VALUE;
        throw truncTrap(x);
    }

    // ---------------------------------------------------------------- saturating truncation
    // The JVM's f2i/d2i/f2l/d2l already saturate and map NaN to 0, which is exactly the signed wasm semantics.

    public static int i32TruncSatF32S(float x) {
        return (int) x;
    }

    public static int i32TruncSatF32U(float x) {
        long v = (long) x; // NaN -> 0
        return v <= 0 ? 0 : v >= 0xFFFF_FFFFL ? -1 : (int) v;
    }

    public static int i32TruncSatF64S(double x) {
        return (int) x;
    }

    public static int i32TruncSatF64U(double x) {
        long v = (long) x; // NaN -> 0
        return v <= 0 ? 0 : v >= 0xFFFF_FFFFL ? -1 : (int) v;
    }

    public static long i64TruncSatF32S(float x) {
        return (long) x;
    }

    public static long i64TruncSatF32U(float x) {
        if (x < 0x1p63f) return x > 0 ? (long) x : 0L;
        return i64TruncSatF32UHigh(x);
    }

    private static long i64TruncSatF32UHigh(float x) {
        if (x != x) return 0L;
        if (x >= 0x1p64f) return -1L;
        return (long) (x - 0x1p63f) | Long.MIN_VALUE;
    }

    public static long i64TruncSatF64S(double x) {
        return (long) x;
    }

    public static long i64TruncSatF64U(double x) {
        if (x < 0x1p63) return x > 0 ? (long) x : 0L;
        return i64TruncSatF64UHigh(x);
    }

    private static long i64TruncSatF64UHigh(double x) {
        if (x != x) return 0L;
        if (x >= 0x1p64) return -1L;
        return (long) (x - 0x1p63) | Long.MIN_VALUE;
    }

    // ---------------------------------------------------------------- unsigned integer to float
    // long -> float/double conversion in Java rounds to nearest even (JLS 5.1.2).

    public static float f32ConvertI32U(int v) {
        return (float) Integer.toUnsignedLong(v);
    }

    public static double f64ConvertI32U(int v) {
        return Integer.toUnsignedLong(v); // exact
    }

    /**
     * At or above 2^63 the value is halved, keeping the shifted-out bit as a sticky bit so rounding to nearest even
     * is unchanged (the float has far fewer than 63 significant bits), converted and doubled (exact).
     */
    public static float f32ConvertI64U(long v) {
        if (v >= 0) return (float) v;
        return (float) ((v >>> 1) | (v & 1)) * 2.0f;
    }

    public static double f64ConvertI64U(long v) {
        if (v >= 0) return (double) v;
        return (double) ((v >>> 1) | (v & 1)) * 2.0;
    }
}
