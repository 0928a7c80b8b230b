package dev.wasm2jar.cli.spectest;

import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.abi.GcArray;
import dev.wasm2jar.runtime.abi.GcObject;
import dev.wasm2jar.runtime.abi.GcStruct;
import dev.wasm2jar.runtime.abi.I31;
import java.util.List;

/**
 * Spec-test values against the JVM's: arguments from their JSON form, results checked against expectations. Numbers
 * compare by exact bits, except the two NaN patterns the spec allows in expectations:
 *
 * <ul>
 *   <li>{@code nan:canonical}: a quiet NaN with an empty payload, of either sign ({@code 0x7fc00000} or
 *       {@code 0xffc00000} for f32);
 *   <li>{@code nan:arithmetic}: any quiet NaN, of either sign: the quiet bit ({@code 0x00400000} for f32,
 *       {@code 0x0008000000000000} for f64) set, whatever the rest of the payload.
 * </ul>
 *
 * <p>A {@code v128} is written as lanes of one type ({@code "lane_type": "f32", "value": ["0", "nan:canonical", ...]});
 * it compares lane by lane, each lane by the rules above.
 */
public final class Values {
    static final int F32_EXPONENT = 0x7f80_0000;
    static final int F32_QUIET = 0x0040_0000;
    static final int F32_PAYLOAD = 0x007f_ffff;
    static final long F64_EXPONENT = 0x7ff0_0000_0000_0000L;
    static final long F64_QUIET = 0x0008_0000_0000_0000L;
    static final long F64_PAYLOAD = 0x000f_ffff_ffff_ffffL;

    private Values() {}

    /** Thrown for values the harness cannot handle yet, such as non-null funcref arguments: the command is skipped. */
    public static final class Unsupported extends RuntimeException {
        public Unsupported(String message) {
            super(message);
        }
    }

    /** The boxed argument for {@link WasmFunction#call}: Integer, Long, Float, Double, V128, {@link Extern} or null. */
    public static Object toArgument(SpecValue v) {
        String s = v.value();
        if (!v.supported()) {
            throw new Unsupported(v.type() + " values");
        }
        if (v.type().equals("v128")) {
            return vector(v);
        }
        if (s == null) {
            throw new IllegalArgumentException("argument " + v + " has no value");
        }
        return switch (v.type()) {
            case "i32" -> (int) parseBits(s, 32);
            case "i64" -> parseBits(s, 64);
            case "f32" -> Float.intBitsToFloat((int) parseBits(s, 32));
            case "f64" -> Double.longBitsToDouble(parseBits(s, 64));
            case "externref", "anyref" -> s.equals("null") ? null : new Extern(Long.parseUnsignedLong(s));
            case "eqref", "i31ref", "structref", "arrayref", "nullref", "nullfuncref", "nullexternref" -> {
                if (s.equals("null")) {
                    yield null;
                }
                throw new Unsupported("non-null " + v.type() + " arguments");
            }
            case "funcref" -> {
                if (s.equals("null")) {
                    yield null;
                }
                throw new Unsupported("non-null funcref arguments");
            }
            default -> throw new Unsupported(v.type() + " values");
        };
    }

    /** Why {@code actual} does not match {@code expected}, or null when it does. */
    public static String mismatch(SpecValue expected, Object actual) {
        if (!expected.supported()) {
            throw new Unsupported(expected.type() + " values");
        }
        String want = expected.value();
        boolean ok = switch (expected.type()) {
            case "i32" -> actual instanceof Integer i && i == (int) parseBits(want, 32);
            case "i64" -> actual instanceof Long l && l == parseBits(want, 64);
            case "f32" -> actual instanceof Float f && matchesF32(want, Float.floatToRawIntBits(f));
            case "f64" -> actual instanceof Double d && matchesF64(want, Double.doubleToRawLongBits(d));
            case "v128" -> actual instanceof V128 vector && matchesV128(expected, vector);
            case "externref" -> want == null ? actual != null && !(actual instanceof WasmFunction)
                    : want.equals("null") ? actual == null
                    : new Extern(Long.parseUnsignedLong(want)).equals(actual);
            case "funcref" -> want == null || !want.equals("null") ? actual instanceof WasmFunction : actual == null;
            // The GC proposal's: a value, or only its kind, since a struct or array has no notation in scripts.
            case "anyref" -> want == null ? actual != null && !(actual instanceof WasmFunction)
                    : want.equals("null") ? actual == null
                    : new Extern(Long.parseUnsignedLong(want)).equals(actual);
            case "eqref" -> want != null && want.equals("null") ? actual == null : actual instanceof GcObject;
            case "i31ref" -> want != null && want.equals("null") ? actual == null : actual instanceof I31;
            case "structref" -> want != null && want.equals("null") ? actual == null : actual instanceof GcStruct;
            case "arrayref" -> want != null && want.equals("null") ? actual == null : actual instanceof GcArray;
            case "nullref", "nullfuncref", "nullexternref" -> actual == null;
            default -> throw new Unsupported(expected.type() + " values");
        };
        return ok ? null : "expected " + describeExpected(expected) + ", got " + describe(actual);
    }

    /** The vector whose lanes {@code v} lists, lane 0 first. */
    static V128 vector(SpecValue v) {
        List<String> lanes = v.lanes();
        int width = laneWidth(v);
        if (lanes == null || lanes.size() * width != 128) {
            throw new IllegalArgumentException("v128 " + v + " does not have 128 bits of lanes");
        }
        long[] halves = new long[2];
        for (int i = 0; i < lanes.size(); i++) {
            long bits = parseBits(lanes.get(i), Math.max(width, 32)) & mask(width);
            int at = i * width;
            halves[at / 64] |= bits << (at % 64);
        }
        return new V128(halves[0], halves[1]);
    }

    /** Lane by lane: integers by bits, floats with the NaN patterns. */
    static boolean matchesV128(SpecValue expected, V128 actual) {
        List<String> lanes = expected.lanes();
        int width = laneWidth(expected);
        if (lanes == null || lanes.size() * width != 128) {
            throw new IllegalArgumentException("v128 " + expected + " does not have 128 bits of lanes");
        }
        long[] halves = {actual.lo(), actual.hi()};
        for (int i = 0; i < lanes.size(); i++) {
            int at = i * width;
            long bits = halves[at / 64] >>> (at % 64) & mask(width);
            String want = lanes.get(i);
            boolean ok = switch (expected.laneType()) {
                case "f32" -> matchesF32(want, (int) bits);
                case "f64" -> matchesF64(want, bits);
                default -> bits == (parseBits(want, Math.max(width, 32)) & mask(width));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int laneWidth(SpecValue v) {
        String type = v.laneType();
        if (type == null) {
            throw new IllegalArgumentException("v128 value without a lane type");
        }
        return switch (type) {
            case "i8" -> 8;
            case "i16" -> 16;
            case "i32", "f32" -> 32;
            case "i64", "f64" -> 64;
            default -> throw new IllegalArgumentException("unknown lane type " + type);
        };
    }

    private static long mask(int width) {
        return width == 64 ? -1L : (1L << width) - 1;
    }

    /** Whether f32 {@code bits} match an expectation: exact bits, {@code nan:canonical} or {@code nan:arithmetic}. */
    public static boolean matchesF32(String expected, int bits) {
        return switch (expected) {
            case "nan:canonical" -> isCanonicalNan(bits);
            case "nan:arithmetic" -> isArithmeticNan(bits);
            default -> bits == (int) parseBits(expected, 32);
        };
    }

    /** Whether f64 {@code bits} match an expectation: exact bits, {@code nan:canonical} or {@code nan:arithmetic}. */
    public static boolean matchesF64(String expected, long bits) {
        return switch (expected) {
            case "nan:canonical" -> isCanonicalNan(bits);
            case "nan:arithmetic" -> isArithmeticNan(bits);
            default -> bits == parseBits(expected, 64);
        };
    }

    public static boolean isCanonicalNan(int bits) {
        return (bits & ~0x8000_0000) == (F32_EXPONENT | F32_QUIET);
    }

    public static boolean isArithmeticNan(int bits) {
        return (bits & F32_EXPONENT) == F32_EXPONENT && (bits & F32_QUIET) != 0;
    }

    public static boolean isCanonicalNan(long bits) {
        return (bits & Long.MAX_VALUE) == (F64_EXPONENT | F64_QUIET);
    }

    public static boolean isArithmeticNan(long bits) {
        return (bits & F64_EXPONENT) == F64_EXPONENT && (bits & F64_QUIET) != 0;
    }

    /**
     * The bits written as wast2json writes them: the unsigned decimal of the bit pattern. A signed decimal is accepted
     * too. Throws IllegalArgumentException for anything that does not fit in {@code width} bits.
     */
    static long parseBits(String s, int width) {
        if (s == null) {
            throw new IllegalArgumentException("no value");
        }
        try {
            if (width == 32) {
                long v = Long.parseLong(s);
                if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
                    throw new NumberFormatException();
                }
                return v & 0xFFFF_FFFFL;
            }
            return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a " + width + "-bit value");
        }
    }

    /** A result as messages show it, with its bits: {@code i32:-1 (0xffffffff)}, {@code f32:NaN (0x7fc00000)}. */
    public static String describe(Object actual) {
        if (actual instanceof Integer i) {
            return "i32:" + i + " (0x" + Integer.toHexString(i) + ")";
        }
        if (actual instanceof Long l) {
            return "i64:" + l + " (0x" + Long.toHexString(l) + ")";
        }
        if (actual instanceof Float f) {
            return "f32:" + f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
        }
        if (actual instanceof Double d) {
            return "f64:" + d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        }
        if (actual instanceof WasmFunction f) {
            return "funcref " + f.name();
        }
        if (actual instanceof V128 v) {
            return "v128:" + v;
        }
        return actual == null ? "null" : actual.getClass().getSimpleName() + " " + actual;
    }

    private static String describeExpected(SpecValue v) {
        String want = v.value();
        if (v.lanes() != null) {
            return v.toString();
        }
        if (want == null) {
            return "a non-null " + v.type();
        }
        if (want.startsWith("nan:") || want.equals("null")) {
            return v.type() + ":" + want;
        }
        try {
            return describe(toArgument(v));
        } catch (IllegalArgumentException e) {
            return v.toString();
        }
    }
}
