package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmFunction;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Values as a person types and reads them on the command line. Integers: decimal, signed or unsigned, or hex with
 * {@code 0x}, underscores allowed ({@code -1}, {@code 4294967295}, {@code 0xffff_ffff}). Floats: decimal or Java hex
 * ({@code 0x1p-3}), {@code inf}, {@code nan}, {@code nan:0x200000} for a payload, each with an optional sign.
 * References: {@code null}; an externref argument may also be any text, passed as a Java String. Vectors: a lane shape
 * and its lanes, lane 0 first, each written as above: {@code i32x4:1,2,3,-1}, {@code f32x4:1.5,nan,0,-inf},
 * {@code i8x16:0,1,...,15}.
 */
final class ValueText {
    private static final BigInteger I32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger I32_MAX_UNSIGNED = BigInteger.valueOf(0xFFFF_FFFFL);
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger I64_MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ValueText() {}

    /** The boxed value of {@code text} as a {@code type}; IllegalArgumentException when it is not one. */
    static Object parse(ValueType type, String text) {
        return switch (type.kind()) {
            case I32 -> integer(text, I32_MIN, I32_MAX_UNSIGNED).intValue();
            case I64 -> integer(text, I64_MIN, I64_MAX_UNSIGNED).longValue();
            case F32 -> parseF32(text);
            case F64 -> parseF64(text);
            case V128 -> vector(text);
            case REF -> {
                if (text.equals("null")) {
                    yield null;
                }
                if (type.heapType().equals(HeapType.EXTERN)) {
                    yield text; // an externref argument is the string itself
                }
                throw new IllegalArgumentException("a " + type + " argument can only be null");
            }
        };
    }

    /** A result as {@code invoke} prints it: integers signed, floats as Java prints them. */
    static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof WasmFunction f) {
            return "funcref " + f.name();
        }
        return value.toString();
    }

    /** {@code i32x4:1,2,3,4} and the like. */
    private static V128 vector(String text) {
        int colon = text.indexOf(':');
        String shape = colon < 0 ? "" : text.substring(0, colon);
        int width = switch (shape) {
            case "i8x16" -> 8;
            case "i16x8" -> 16;
            case "i32x4", "f32x4" -> 32;
            case "i64x2", "f64x2" -> 64;
            default -> throw new IllegalArgumentException("a v128 is written SHAPE:LANES, e.g. i32x4:1,2,3,4");
        };
        String[] lanes = text.substring(colon + 1).split(",", -1);
        if (lanes.length != 128 / width) {
            throw new IllegalArgumentException(shape + " takes " + 128 / width + " lanes, not " + lanes.length);
        }
        long[] halves = new long[2];
        for (int i = 0; i < lanes.length; i++) {
            String lane = lanes[i].strip();
            long bits = switch (shape) {
                case "f32x4" -> Float.floatToRawIntBits(parseF32(lane)) & 0xFFFF_FFFFL;
                case "f64x2" -> Double.doubleToRawLongBits(parseF64(lane));
                default -> integer(lane, BigInteger.ONE.shiftLeft(width - 1).negate(),
                        BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).longValue();
            };
            int at = i * width;
            halves[at / 64] |= (width == 64 ? bits : bits & ((1L << width) - 1)) << (at % 64);
        }
        return new V128(halves[0], halves[1]);
    }

    private static BigInteger integer(String text, BigInteger min, BigInteger max) {
        String s = text.replace("_", "");
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        BigInteger v;
        try {
            if (s.isEmpty() || s.startsWith("-") || s.startsWith("+")) {
                throw new NumberFormatException();
            }
            boolean hex = s.startsWith("0x") || s.startsWith("0X");
            v = hex ? new BigInteger(s.substring(2), 16) : new BigInteger(s, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
        if (negative) {
            v = v.negate();
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException("out of range");
        }
        return v;
    }

    static float parseF32(String text) {
        String s = text.replace("_", "").toLowerCase(Locale.ROOT);
        boolean negative = s.startsWith("-");
        String magnitude = negative || s.startsWith("+") ? s.substring(1) : s;
        int sign = negative ? 0x8000_0000 : 0;
        if (magnitude.equals("inf") || magnitude.equals("infinity")) {
            return Float.intBitsToFloat(sign | 0x7f80_0000);
        }
        if (magnitude.equals("nan")) {
            return Float.intBitsToFloat(sign | 0x7fc0_0000);
        }
        if (magnitude.startsWith("nan:0x")) {
            long payload = integer(magnitude.substring(4), BigInteger.ONE, BigInteger.valueOf(0x7f_ffff)).longValue();
            return Float.intBitsToFloat(sign | 0x7f80_0000 | (int) payload);
        }
        return (float) decimal(s, true);
    }

    static double parseF64(String text) {
        String s = text.replace("_", "").toLowerCase(Locale.ROOT);
        boolean negative = s.startsWith("-");
        String magnitude = negative || s.startsWith("+") ? s.substring(1) : s;
        long sign = negative ? Long.MIN_VALUE : 0;
        if (magnitude.equals("inf") || magnitude.equals("infinity")) {
            return Double.longBitsToDouble(sign | 0x7ff0_0000_0000_0000L);
        }
        if (magnitude.equals("nan")) {
            return Double.longBitsToDouble(sign | 0x7ff8_0000_0000_0000L);
        }
        if (magnitude.startsWith("nan:0x")) {
            long payload = integer(magnitude.substring(4), BigInteger.ONE,
                    BigInteger.valueOf(0x000f_ffff_ffff_ffffL)).longValue();
            return Double.longBitsToDouble(sign | 0x7ff0_0000_0000_0000L | payload);
        }
        return decimal(s, false);
    }

    /** Java's parser, without its NaN/Infinity words and f/d suffixes; f32 rounds once, from the text. */
    private static double decimal(String s, boolean f32) {
        boolean hex = s.contains("0x");
        if (s.isEmpty() || s.contains("n") || (!hex && (s.endsWith("f") || s.endsWith("d")))) {
            throw new IllegalArgumentException("not a number");
        }
        String java = hex && !s.contains("p") ? s + "p0" : s;
        try {
            return f32 ? Float.parseFloat(java) : Double.parseDouble(java);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    }
}
