package dev.wasm2jar.cli.fuzz;

import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmFunction;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Compares one value as binaryen prints it with one of wasm2jar's. Integers and vectors compare bit for bit, and
 * floats too, except where the spec leaves a NaN's bits open: an arithmetic instruction's NaN result may have any
 * sign and payload as long as it is quiet (the spec's arithmetic NaN), so a quiet NaN of binaryen's matches any quiet
 * NaN. A signalling NaN only comes out of instructions that keep bits (constants, loads, moves, reinterpretations,
 * {@code abs}, {@code neg}, {@code copysign}), which the spec fixes: it must match exactly.
 */
final class Values {
    private static final int F32_EXPONENT = 0x7F80_0000;
    private static final int F32_QUIET = 0x0040_0000;
    private static final long F64_EXPONENT = 0x7FF0_0000_0000_0000L;
    private static final long F64_QUIET = 0x0008_0000_0000_0000L;

    private Values() {}

    /** Whether binaryen's {@code text} of a result of {@code type} says what {@code value} is. */
    static boolean matches(String text, ValueType type, Object value) {
        try {
            return switch (type.kind()) {
                case I32 -> text.equals(value.toString());
                case I64 -> text.equals(value.toString());
                case F32 -> f32Matches((int) f64Bits(text, true), Float.floatToRawIntBits((Float) value));
                case F64 -> f64Matches(f64Bits(text, false), Double.doubleToRawLongBits((Double) value));
                case V128 -> vectorMatches(text, (V128) value);
                case REF -> referenceMatches(text, value);
            };
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Whether binaryen's text of a logged value says what {@code value} is: as results, but a logged i64 prints as
     * its low and high halves, each a signed i32.
     */
    static boolean logMatches(String text, ValueType type, Object value) {
        if (type.kind() == ValueType.Kind.I64) {
            long v = (Long) value;
            return text.equals((int) v + " " + (int) (v >>> 32));
        }
        return matches(text, type, value);
    }

    /** wasm2jar's value in words for a report: floats with their bits, vectors as binaryen prints them. */
    static String describe(ValueType type, Object value) {
        return switch (type.kind()) {
            case F32 -> value + String.format(Locale.ROOT, " (0x%08x)", Float.floatToRawIntBits((Float) value));
            case F64 -> value + String.format(Locale.ROOT, " (0x%016x)", Double.doubleToRawLongBits((Double) value));
            case V128 -> vectorText((V128) value);
            case REF -> value == null ? "null " + type : value instanceof WasmFunction f ? "funcref " + f.name()
                    : "ref " + value;
            default -> String.valueOf(value);
        };
    }

    static boolean f32Matches(int expected, int actual) {
        if (expected == actual) {
            return true;
        }
        return f32Nan(expected) && f32Nan(actual) && (expected & F32_QUIET) != 0 && (actual & F32_QUIET) != 0;
    }

    static boolean f64Matches(long expected, long actual) {
        if (expected == actual) {
            return true;
        }
        return f64Nan(expected) && f64Nan(actual) && (expected & F64_QUIET) != 0 && (actual & F64_QUIET) != 0;
    }

    private static boolean f32Nan(int bits) {
        return (bits & F32_EXPONENT) == F32_EXPONENT && (bits & 0x007F_FFFF) != 0;
    }

    private static boolean f64Nan(long bits) {
        return (bits & F64_EXPONENT) == F64_EXPONENT && (bits & 0x000F_FFFF_FFFF_FFFFL) != 0;
    }

    /**
     * The bits of a float as binaryen 108 prints it: {@code nan:0xPAYLOAD} and {@code inf} with an optional sign, or
     * the shortest decimal that reads back as the same double (an f32 prints as the double it widens to), which
     * may be written {@code 1.e+300} or {@code 1000000015047466219876688e6}.
     */
    static long f64Bits(String text, boolean f32) {
        boolean negative = text.startsWith("-");
        String magnitude = negative ? text.substring(1) : text;
        if (magnitude.startsWith("nan")) {
            long payload = magnitude.startsWith("nan:0x") ? Long.parseLong(magnitude.substring(6), 16)
                    : f32 ? F32_QUIET : F64_QUIET;
            return f32 ? (negative ? 0x8000_0000L : 0) | F32_EXPONENT | payload
                    : (negative ? Long.MIN_VALUE : 0) | F64_EXPONENT | payload;
        }
        double d;
        if (magnitude.equals("inf")) {
            d = Double.POSITIVE_INFINITY;
        } else if (magnitude.startsWith("0x")) {
            d = new BigInteger(magnitude.substring(2), 16).doubleValue();
        } else {
            d = Double.parseDouble(magnitude);
        }
        d = negative ? -d : d;
        if (f32) {
            float f = (float) d;
            if (f != d) {
                throw new NumberFormatException("not an f32: " + text);
            }
            return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
        }
        return Double.doubleToRawLongBits(d);
    }

    /** binaryen's {@code i32x4 0x... 0x... 0x... 0x...}, NaN-aware when all four lanes or both halves are floats. */
    private static boolean vectorMatches(String text, V128 value) {
        String[] parts = text.split(" ");
        if (parts.length != 5 || !parts[0].equals("i32x4")) {
            return false;
        }
        int[] expected = new int[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = Integer.parseUnsignedInt(parts[i + 1].substring(2), 16);
        }
        int[] actual = value.ints();
        boolean asF32 = true;
        for (int i = 0; i < 4; i++) {
            asF32 &= f32Matches(expected[i], actual[i]);
        }
        boolean asF64 = true;
        for (int i = 0; i < 4; i += 2) {
            asF64 &= f64Matches(pack(expected[i], expected[i + 1]), pack(actual[i], actual[i + 1]));
        }
        return asF32 || asF64;
    }

    private static long pack(int low, int high) {
        return (low & 0xFFFF_FFFFL) | ((long) high << 32);
    }

    private static String vectorText(V128 value) {
        StringBuilder s = new StringBuilder("i32x4");
        for (int lane : value.ints()) {
            s.append(String.format(Locale.ROOT, " 0x%08x", lane));
        }
        return s.toString();
    }

    /**
     * binaryen 108 prints a single reference result as its type alone ({@code funcref}, and {@code anyref} for
     * externref, the only value of which a fuzzed module can make is null), and one inside a tuple as
     * {@code funcref(null)}, {@code funcref(NAME)} or {@code anyref(null)}.
     */
    private static boolean referenceMatches(String text, Object value) {
        if (text.equals("funcref")) {
            return value == null || value instanceof WasmFunction;
        }
        if (text.equals("funcref(null)")) {
            return value == null;
        }
        if (text.startsWith("funcref(")) {
            return value instanceof WasmFunction;
        }
        if (text.equals("anyref") || text.equals("externref") || text.equals("anyref(null)")
                || text.equals("externref(null)")) {
            return value == null;
        }
        return false;
    }
}
