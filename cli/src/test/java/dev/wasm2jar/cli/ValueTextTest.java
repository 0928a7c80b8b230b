package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.ValueType;
import org.junit.jupiter.api.Test;

class ValueTextTest {
    @Test
    void integers() {
        assertEquals(-1, ValueText.parse(ValueType.I32, "-1"));
        assertEquals(-1, ValueText.parse(ValueType.I32, "4294967295"));
        assertEquals(-1, ValueText.parse(ValueType.I32, "0xffff_ffff"));
        assertEquals(Integer.MIN_VALUE, ValueText.parse(ValueType.I32, "-2147483648"));
        assertEquals(255, ValueText.parse(ValueType.I32, "0XFF"));
        assertEquals(-16, ValueText.parse(ValueType.I32, "-0x10"));
        assertEquals(-1L, ValueText.parse(ValueType.I64, "18446744073709551615"));
        assertEquals(Long.MIN_VALUE, ValueText.parse(ValueType.I64, "-9223372036854775808"));
        assertEquals(7L, ValueText.parse(ValueType.I64, "+7"));
        for (String bad : new String[] {"4294967296", "-2147483649", "1.5", "", "-", "0x", "--1", "abc", "1e3"}) {
            assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValueType.I32, bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValueType.I64, "18446744073709551616"));
    }

    @Test
    void floats() {
        assertEquals(1.5f, ValueText.parse(ValueType.F32, "1.5"));
        assertEquals(0.1f, ValueText.parse(ValueType.F32, "0.1"));
        assertEquals(0.125, ValueText.parse(ValueType.F64, "0x1p-3"));
        assertEquals(1.5, ValueText.parse(ValueType.F64, "0x1.8"));
        assertEquals(Float.POSITIVE_INFINITY, ValueText.parse(ValueType.F32, "inf"));
        assertEquals(Double.NEGATIVE_INFINITY, ValueText.parse(ValueType.F64, "-inf"));
        assertEquals(0x7fc0_0000, Float.floatToRawIntBits(ValueText.parseF32("nan")));
        assertEquals(0xffc0_0000, Float.floatToRawIntBits(ValueText.parseF32("-nan")));
        assertEquals(0x7fa0_0000, Float.floatToRawIntBits(ValueText.parseF32("nan:0x200000")));
        assertEquals(0x7ff8_0000_0000_0000L, Double.doubleToRawLongBits(ValueText.parseF64("NaN")));
        assertEquals(0x7ff0_0000_0000_0001L, Double.doubleToRawLongBits(ValueText.parseF64("nan:0x1")));
        assertEquals(0x8000_0000_0000_0000L, Double.doubleToRawLongBits(ValueText.parseF64("-0")));
        for (String bad : new String[] {"", "x", "1.5f", "1d", "nan:0x0", "nan:0x800000", "infinite"}) {
            assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValueType.F32, bad), bad);
        }
    }

    @Test
    void references() {
        assertNull(ValueText.parse(ValueType.FUNCREF, "null"));
        assertNull(ValueText.parse(ValueType.EXTERNREF, "null"));
        assertEquals("hello", ValueText.parse(ValueType.EXTERNREF, "hello"));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValueType.FUNCREF, "f"));
    }

    @Test
    void vectors() {
        assertEquals(V128.ofInts(1, 2, 3, -1), ValueText.parse(ValueType.V128, "i32x4:1,2,3,-1"));
        assertEquals(V128.ofInts(1, 2, 3, -1), ValueText.parse(ValueType.V128, "i32x4:1, 2, 3, 0xffffffff"));
        assertEquals(new V128(0xff01, 0), ValueText.parse(ValueType.V128, "i8x16:1,-1,0,0,0,0,0,0,0,0,0,0,0,0,0,0"));
        assertEquals(new V128(-1, 0x8000), ValueText.parse(ValueType.V128, "i16x8:-1,-1,-1,65535,-32768,0,0,0"));
        assertEquals(new V128(-1, Long.MIN_VALUE), ValueText.parse(ValueType.V128, "i64x2:-1,0x8000000000000000"));
        assertEquals(V128.ofInts(0x3fc0_0000, 0x7fc0_0000, 0, 0xff80_0000),
                ValueText.parse(ValueType.V128, "f32x4:1.5,nan,0,-inf"));
        assertEquals(new V128(0x3ff0_0000_0000_0000L, 0x8000_0000_0000_0000L),
                ValueText.parse(ValueType.V128, "f64x2:1,-0"));
        for (String bad : new String[] {"1,2,3,4", "i32x4:1,2,3", "i8x16:256,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0",
            "f32x4:1,2,3,x", "v128:0"}) {
            assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValueType.V128, bad), bad);
        }
    }

    @Test
    void formatsResults() {
        assertEquals("-1", ValueText.format(-1));
        assertEquals("-9223372036854775808", ValueText.format(Long.MIN_VALUE));
        assertEquals("1.5", ValueText.format(1.5f));
        assertEquals("NaN", ValueText.format(Double.NaN));
        assertEquals("null", ValueText.format(null));
    }
}
