package dev.wasm2jar.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.ValueType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How binaryen 108's lines are read and compared with wasm2jar's values (ModuleCheck). */
class ComparisonTest {
    @Test
    void floatsCompareBitForBitAsBinaryenPrintsThem() {
        assertTrue(Values.matches("1.e+300", ValueType.F64, 1e300));
        assertTrue(Values.matches("1000000015047466219876688e6", ValueType.F32, 1e30f));
        assertTrue(Values.matches("-0", ValueType.F64, -0.0));
        assertFalse(Values.matches("0", ValueType.F64, -0.0));
        assertTrue(Values.matches("-inf", ValueType.F32, Float.NEGATIVE_INFINITY));
        assertTrue(Values.matches("1.401298464324817e-45", ValueType.F32, Float.MIN_VALUE));
        assertFalse(Values.matches("1.401298464324817e-45", ValueType.F32, 0f));
        assertTrue(Values.matches("0.10000000149011612", ValueType.F32, 0.1f));
        assertFalse(Values.matches("0.1", ValueType.F32, 0.1f)); // not an f32's exact value: binaryen never prints it
    }

    @Test
    void aQuietNanMatchesAnyQuietNanAndASignallingOneOnlyItself() {
        float canonical = Float.intBitsToFloat(0x7FC0_0000);
        float otherQuiet = Float.intBitsToFloat(0xFFC1_2345);
        float signalling = Float.intBitsToFloat(0x7FA0_0001);
        assertTrue(Values.matches("nan:0x400000", ValueType.F32, canonical));
        assertTrue(Values.matches("nan:0x400000", ValueType.F32, otherQuiet));
        assertFalse(Values.matches("nan:0x400000", ValueType.F32, signalling));
        assertTrue(Values.matches("nan:0x200001", ValueType.F32, signalling));
        assertFalse(Values.matches("-nan:0x200001", ValueType.F32, signalling));
        assertFalse(Values.matches("nan:0x200001", ValueType.F32, canonical));
        assertTrue(Values.matches("-nan:0xfffffffffe617", ValueType.F64, f64(0xFFFF_FFFF_FFFF_E617L)));
        assertTrue(Values.matches("nan:0x8000000000000", ValueType.F64, f64(0xFFF8_0000_0000_0001L)));
        assertFalse(Values.matches("nan:0x8000000000000", ValueType.F64, 1.0));
    }

    @Test
    void vectorsCompareByLanesNanAwareOnlyWhereEveryLaneIsAFloatOfOneWidth() {
        V128 v = V128.ofInts(1, 0x7FC0_0000, -1, 0x1234_5678);
        assertTrue(Values.matches("i32x4 0x00000001 0x7fc00000 0xffffffff 0x12345678", ValueType.V128, v));
        assertFalse(Values.matches("i32x4 0x00000001 0x7fc00000 0xffffffff 0x12345679", ValueType.V128, v));
        assertTrue(Values.matches("i32x4 0x00000001 0xffc00001 0xffffffff 0x12345678", ValueType.V128, v));
        assertFalse(Values.matches("i32x4 0x00000001 0x7fa00000 0xffffffff 0x12345678", ValueType.V128, v));
    }

    @Test
    void aLoggedI64PrintsAsItsTwoHalves() {
        assertTrue(Values.logMatches("9 305419896", ValueType.I64, 0x1234_5678_0000_0009L));
        assertFalse(Values.logMatches("9", ValueType.I64, 9L));
    }

    @Test
    void referencesCompareByNullness() {
        assertTrue(Values.matches("funcref(null)", ValueType.FUNCREF, null));
        assertFalse(Values.matches("funcref(3)", ValueType.FUNCREF, null));
        assertTrue(Values.matches("anyref", ValueType.EXTERNREF, null));
        assertTrue(Values.matches("anyref(null)", ValueType.EXTERNREF, null)); // in a tuple (seed 4002, module 2711)
        assertFalse(Values.matches("anyref", ValueType.EXTERNREF, "a host object"));
    }

    @Test
    void trapsCompareByKind() {
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, TrapKind.ofBinaryen("final > memory: 70000 > 65536"));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, TrapKind.ofBinaryen("out of bounds segment access in memory.init"));
        assertEquals(TrapKind.INTEGER_OVERFLOW, TrapKind.ofBinaryen("i32.div_s overflow"));
        assertEquals(TrapKind.INTEGER_OVERFLOW, TrapKind.ofBinaryen("i64.truncUFloat overflow"));
        assertEquals(TrapKind.INVALID_CONVERSION, TrapKind.ofBinaryen("truncSFloat of nan"));
        assertEquals(TrapKind.DIVIDE_BY_ZERO, TrapKind.ofBinaryen("i32.rem_u by 0"));
        assertEquals(TrapKind.UNDEFINED_ELEMENT, TrapKind.ofBinaryen("callTable overflow"));
        assertEquals(TrapKind.SIGNATURE_MISMATCH, TrapKind.ofBinaryen("callIndirect: function types don't match"));
        assertEquals(TrapKind.UNKNOWN, TrapKind.ofBinaryen("something new"));
        assertEquals(TrapKind.DIVIDE_BY_ZERO, TrapKind.ofWasm2jar(new TrapException("integer divide by zero")));
        assertEquals(TrapKind.UNINITIALIZED_ELEMENT, TrapKind.ofWasm2jar(new TrapException("uninitialized element 7")));
    }

    @Test
    void accountsDifferAtTheirFirstDifferentLine() {
        List<Expected> expected = Expected.parse("""
                [fuzz-exec] calling f
                [LoggingExternalInterface logging 7]
                [fuzz-exec] note result: f => (1, -nan:0x400000)
                [fuzz-exec] calling g
                [trap unreachable]
                warning: binaryen's own note
                """);
        List<Observed> same = List.of(Observed.call("f"), Observed.log(ValueType.I32, 7),
                Observed.result("f", List.of(ValueType.I32, ValueType.F32), Arrays.asList(1, Float.NaN)),
                Observed.call("g"), Observed.trap(TrapKind.UNREACHABLE, "unreachable"));
        assertNull(ModuleCheck.difference(expected, same));
        List<Observed> other = List.of(Observed.call("f"), Observed.log(ValueType.I32, 8));
        String difference = ModuleCheck.difference(expected, other);
        assertTrue(difference.startsWith("line 2 differs"), difference);
        assertTrue(difference.contains("binaryen: [LoggingExternalInterface logging 7]"), difference);
        assertTrue(ModuleCheck.difference(expected, same.subList(0, 4)).contains("wasm2jar: (nothing more)"));
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }
}
