package dev.wasm2jar.cli.spectest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.WasmFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static SpecValue v(String type, String value) {
        return new SpecValue(type, value, null, null);
    }

    @Test
    void canonicalNanF32() {
        assertTrue(Values.isCanonicalNan(0x7fc0_0000));
        assertTrue(Values.isCanonicalNan(0xffc0_0000));
        assertFalse(Values.isCanonicalNan(0x7fc0_0001)); // payload
        assertFalse(Values.isCanonicalNan(0x7fa0_0000)); // signalling
        assertFalse(Values.isCanonicalNan(0x7f80_0000)); // infinity
        assertFalse(Values.isCanonicalNan(0x3fc0_0000));
    }

    @Test
    void arithmeticNanF32() {
        assertTrue(Values.isArithmeticNan(0x7fc0_0000));
        assertTrue(Values.isArithmeticNan(0xffc0_0000));
        assertTrue(Values.isArithmeticNan(0x7fc0_0001));
        assertTrue(Values.isArithmeticNan(0xffff_ffff));
        assertFalse(Values.isArithmeticNan(0x7fa0_0000)); // quiet bit clear
        assertFalse(Values.isArithmeticNan(0x7f80_0001));
        assertFalse(Values.isArithmeticNan(0x7f80_0000));
        assertFalse(Values.isArithmeticNan(0x0040_0000)); // quiet bit without the exponent
    }

    @Test
    void canonicalAndArithmeticNanF64() {
        assertTrue(Values.isCanonicalNan(0x7ff8_0000_0000_0000L));
        assertTrue(Values.isCanonicalNan(0xfff8_0000_0000_0000L));
        assertFalse(Values.isCanonicalNan(0x7ff8_0000_0000_0001L));
        assertFalse(Values.isCanonicalNan(0x7ff4_0000_0000_0000L));
        assertTrue(Values.isArithmeticNan(0x7ff8_0000_0000_0001L));
        assertTrue(Values.isArithmeticNan(0xfff8_0000_0000_0000L));
        assertFalse(Values.isArithmeticNan(0x7ff4_0000_0000_0000L));
        assertFalse(Values.isArithmeticNan(0x7ff0_0000_0000_0000L));
        assertFalse(Values.isArithmeticNan(0x0008_0000_0000_0000L));
    }

    @Test
    void nanExpectationsOnResults() {
        assertNull(Values.mismatch(v("f32", "nan:canonical"), Float.intBitsToFloat(0xffc0_0000)));
        String payload = Values.mismatch(v("f32", "nan:canonical"), Float.intBitsToFloat(0x7fc0_0001));
        assertTrue(payload.contains("0x7fc00001"), payload);
        assertNull(Values.mismatch(v("f32", "nan:arithmetic"), Float.intBitsToFloat(0x7fc0_0001)));
        assertNull(Values.mismatch(v("f64", "nan:canonical"), Double.longBitsToDouble(0x7ff8_0000_0000_0000L)));
        assertNull(Values.mismatch(v("f64", "nan:arithmetic"), Double.longBitsToDouble(0xfff8_0000_0000_0123L)));
        assertTrue(Values.mismatch(v("f64", "nan:arithmetic"), 1.0).startsWith("expected f64:nan:arithmetic"));
    }

    @Test
    void floatsCompareByExactBits() {
        // -0.0 is not 0.0, and a NaN payload must match exactly
        assertNull(Values.mismatch(v("f32", "2147483648"), -0.0f));
        assertTrue(Values.mismatch(v("f32", "0"), -0.0f) != null);
        assertNull(Values.mismatch(v("f32", "2143289345"), Float.intBitsToFloat(0x7fc0_0001)));
        assertTrue(Values.mismatch(v("f32", "2143289345"), Float.intBitsToFloat(0x7fc0_0000)) != null);
        assertNull(Values.mismatch(v("f64", "9223372036854775808"), -0.0));
        assertNull(Values.mismatch(v("f64", "4607182418800017408"), 1.0));
    }

    @Test
    void integersAreUnsignedDecimalOfTheirBits() {
        assertNull(Values.mismatch(v("i32", "4294967295"), -1));
        assertNull(Values.mismatch(v("i32", "2147483648"), Integer.MIN_VALUE));
        assertNull(Values.mismatch(v("i64", "18446744073709551615"), -1L));
        assertEquals("expected i32:2 (0x2), got i32:3 (0x3)", Values.mismatch(v("i32", "2"), 3));
        // types must match too: an i64 result is not an i32
        assertTrue(Values.mismatch(v("i32", "1"), 1L) != null);
        assertEquals(-1, Values.toArgument(v("i32", "4294967295")));
        assertEquals(Long.MIN_VALUE, Values.toArgument(v("i64", "9223372036854775808")));
        assertEquals(0x7fc0_0001, Float.floatToRawIntBits((Float) Values.toArgument(v("f32", "2143289345"))));
        assertThrows(IllegalArgumentException.class, () -> Values.toArgument(v("i32", "4294967296")));
    }

    @Test
    void references() {
        assertEquals(new Extern(42), Values.toArgument(v("externref", "42")));
        assertNull(Values.toArgument(v("externref", "null")));
        assertNull(Values.toArgument(v("funcref", "null")));
        assertNull(Values.mismatch(v("externref", "42"), new Extern(42)));
        assertTrue(Values.mismatch(v("externref", "42"), new Extern(43)) != null);
        assertTrue(Values.mismatch(v("externref", "42"), null) != null);
        assertNull(Values.mismatch(v("externref", "null"), null));
        assertNull(Values.mismatch(v("funcref", "null"), null));
        WasmFunction f = WasmFunction.host(FunctionType.parse(":"), "f", args -> new Object[0]);
        assertTrue(Values.mismatch(v("funcref", "null"), f) != null);
        assertNull(Values.mismatch(v("funcref", null), f));
    }

    @Test
    void v128ArgumentsFromLanesOfEveryType() {
        assertEquals(V128.ofInts(1, 2, 3, -1), Values.toArgument(v128("i32", "1", "2", "3", "4294967295")));
        assertEquals(new V128(0x0807_0605_0403_0201L, 0x100f_0e0d_0c0b_0a09L), Values.toArgument(v128("i8",
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16")));
        assertEquals(new V128(0x0004_0003_0002_ffffL, 0), Values.toArgument(v128("i16",
                "65535", "2", "3", "4", "0", "0", "0", "0")));
        assertEquals(new V128(-1, 5), Values.toArgument(v128("i64", "18446744073709551615", "5")));
        assertEquals(V128.ofInts(0x3f80_0000, 0x7fc0_0000, 0, 0x8000_0000),
                Values.toArgument(v128("f32", "1065353216", "2143289344", "0", "2147483648")));
        assertEquals(new V128(0x3ff0_0000_0000_0000L, 0), Values.toArgument(v128("f64", "4607182418800017408", "0")));
        assertThrows(IllegalArgumentException.class, () -> Values.toArgument(v128("i32", "1", "2", "3")));
    }

    @Test
    void v128ResultsCompareLaneByLaneWithNanPatterns() {
        V128 ints = V128.ofInts(1, 2, 3, -1);
        assertNull(Values.mismatch(v128("i32", "1", "2", "3", "4294967295"), ints));
        assertEquals("expected v128.i32[1, 2, 3, 4], got v128:i32x4 0x00000001 0x00000002 0x00000003 0xffffffff",
                Values.mismatch(v128("i32", "1", "2", "3", "4"), ints));
        assertTrue(Values.mismatch(v128("i32", "1", "2", "3", "4294967295"), 1) != null);
        // f32 lanes: a canonical NaN of either sign, an arithmetic NaN with a payload, exact bits elsewhere.
        V128 floats = V128.ofInts(0x7fc0_0000, 0xffc0_0000, 0x7fc0_0001, 0x3f80_0000);
        assertNull(Values.mismatch(v128("f32", "nan:canonical", "nan:canonical", "nan:arithmetic", "1065353216"),
                floats));
        assertTrue(Values.mismatch(v128("f32", "nan:canonical", "nan:canonical", "nan:canonical", "1065353216"),
                floats) != null);
        assertTrue(Values.mismatch(v128("f32", "nan:arithmetic", "nan:arithmetic", "nan:arithmetic",
                "nan:arithmetic"), floats) != null);
        // f64 lanes: a signalling NaN is no arithmetic NaN.
        V128 doubles = new V128(0x7ff8_0000_0000_0000L, 0x7ff0_0000_0000_0001L);
        assertNull(Values.mismatch(v128("f64", "nan:canonical", "9218868437227405313"), doubles));
        assertTrue(Values.mismatch(v128("f64", "nan:canonical", "nan:arithmetic"), doubles) != null);
        // i8 lanes compare their own 8 bits only.
        assertNull(Values.mismatch(v128("i8", "255", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0",
                "0", "0"), new V128(0xff, 0)));
    }

    private static SpecValue v128(String laneType, String... lanes) {
        return new SpecValue("v128", null, laneType, List.of(lanes));
    }
}
