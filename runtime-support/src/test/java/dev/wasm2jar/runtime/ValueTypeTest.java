package dev.wasm2jar.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypeTest {
    @Test
    void referencesAreStructural() {
        assertSame(ValueType.FUNCREF, ValueType.ref(HeapType.FUNC, true));
        assertSame(ValueType.EXTERNREF, ValueType.ref(HeapType.of(HeapType.Kind.EXTERN), true));
        assertNotEquals(ValueType.FUNCREF, ValueType.ref(HeapType.FUNC, false));
        assertEquals(ValueType.ref(HeapType.concrete(3), false), ValueType.ref(HeapType.concrete(3), false));
        assertEquals(ValueType.ref(HeapType.concrete(3), true).hashCode(),
                ValueType.ref(HeapType.concrete(3), true).hashCode());
        assertNotEquals(ValueType.ref(HeapType.concrete(3), true), ValueType.ref(HeapType.concrete(4), true));
        assertNotEquals(ValueType.ref(HeapType.concrete(3), true), ValueType.ref(HeapType.concrete(3), false));
        assertThrows(IllegalArgumentException.class, () -> HeapType.of(HeapType.Kind.CONCRETE));
    }

    @Test
    void kindsAndCarriers() {
        assertTrue(ValueType.I64.isNumeric());
        assertTrue(ValueType.V128.isVector());
        assertFalse(ValueType.V128.isNumeric());
        assertEquals(ValueType.Kind.REF, ValueType.EXTERNREF.kind());
        assertEquals(int.class, ValueType.I32.javaType());
        assertEquals(V128.class, ValueType.V128.javaType());
        assertEquals(WasmFunction.class, ValueType.FUNCREF.javaType());
        assertEquals(WasmFunction.class, ValueType.ref(HeapType.NOFUNC, true).javaType());
        assertEquals(Object.class, ValueType.EXTERNREF.javaType());
        assertEquals(Object.class, ValueType.ref(HeapType.STRUCT, false).javaType());
        assertEquals(WasmFunction.class, ValueType.ref(HeapType.concrete(0), true).javaType());
    }

    @Test
    void textFormatNames() {
        assertEquals("f64", ValueType.F64.toString());
        assertEquals("funcref", ValueType.FUNCREF.toString());
        assertEquals("nullfuncref", ValueType.ref(HeapType.NOFUNC, true).toString());
        assertEquals("i31ref", ValueType.ref(HeapType.I31, true).toString());
        assertEquals("(ref extern)", ValueType.ref(HeapType.EXTERN, false).toString());
        assertEquals("(ref null 7)", ValueType.ref(HeapType.concrete(7), true).toString());
    }

    @Test
    void functionTypesAreInternedOnTheirStructure() {
        FunctionType a = FunctionType.of(List.of(ValueType.I32, ValueType.ref(HeapType.concrete(2), false)),
                List.of(ValueType.I64));
        FunctionType b = FunctionType.of(List.of(ValueType.I32, ValueType.ref(HeapType.concrete(2), false)),
                List.of(ValueType.I64));
        assertSame(a, b);
        assertNotEquals(a, FunctionType.of(List.of(ValueType.I32, ValueType.ref(HeapType.concrete(2), true)),
                List.of(ValueType.I64)));
        assertSame(FunctionType.parse("iF:l"), FunctionType.of(List.of(ValueType.I32, ValueType.FUNCREF),
                List.of(ValueType.I64)));
        assertEquals("vE:d", FunctionType.parse("vE:d").signature());
        assertThrows(IllegalStateException.class, a::signature);
        assertEquals(java.lang.invoke.MethodType.methodType(long.class, int.class, WasmFunction.class),
                a.methodType());
    }

    /** A concrete heap type the decoder resolved is known by the function type it defines, not by its index. */
    @Test
    void resolvedConcreteTypesAreEqualAcrossModules() {
        FunctionType ii = FunctionType.parse("i:i");
        ValueType here = ValueType.ref(HeapType.function(0, ii), false);
        ValueType there = ValueType.ref(HeapType.function(5, ii), false);
        assertEquals(here, there);
        assertEquals(here.hashCode(), there.hashCode());
        assertSame(FunctionType.of(List.of(here), List.of()), FunctionType.of(List.of(there), List.of()));
        assertNotEquals(here, ValueType.ref(HeapType.function(0, FunctionType.parse("l:i")), false));
        assertNotEquals(here, ValueType.ref(HeapType.concrete(0), false));
        assertEquals(5, FunctionType.of(List.of(here), List.of(ValueType.I32)).size()); // 1 + (1 + 1 + 1) + 1
    }

    @Test
    void referencesMatchTheirSupertypes() {
        ValueType ref = ValueType.ref(HeapType.function(0, FunctionType.parse("i:i")), false);
        ValueType nullable = ValueType.ref(ref.heapType(), true);
        assertTrue(ref.matches(nullable));
        assertTrue(ref.matches(ValueType.FUNCREF));
        assertTrue(ref.matches(ValueType.ref(HeapType.FUNC, false)));
        assertTrue(nullable.matches(ValueType.FUNCREF));
        assertFalse(nullable.matches(ref));
        assertFalse(ValueType.FUNCREF.matches(nullable));
        assertFalse(ref.matches(ValueType.EXTERNREF));
        assertTrue(ValueType.ref(HeapType.NOFUNC, true).matches(nullable));
        assertFalse(ValueType.I32.matches(ValueType.I64));
    }
}
