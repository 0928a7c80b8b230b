package dev.wasm2jar.runtime.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeCodecTest {
    /** Every kind of value type: numbers, v128, and references to each heap type, nullable and not. */
    static List<ValueType> everyType() {
        List<ValueType> all = new ArrayList<>(List.of(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64,
                ValueType.V128));
        for (HeapType.Kind kind : HeapType.Kind.values()) {
            HeapType heap = kind == HeapType.Kind.CONCRETE ? HeapType.concrete(70_000) : HeapType.of(kind);
            all.add(ValueType.ref(heap, true));
            all.add(ValueType.ref(heap, false));
        }
        all.add(ValueType.ref(HeapType.concrete(0), false));
        return all;
    }

    @Test
    void packedTypesRoundTrip() {
        for (ValueType t : everyType()) {
            long packed = TypeCodec.pack(t);
            assertTrue(packed >= 0, t.toString());
            assertEquals(t, TypeCodec.unpack(packed), t.toString());
        }
        assertSame(ValueType.FUNCREF, TypeCodec.unpack(TypeCodec.pack(ValueType.FUNCREF)));
    }

    /** The binary format's own codes, which compiled jars hold. */
    @Test
    void codesAreTheBinaryFormats() {
        assertEquals(0x7F, TypeCodec.pack(ValueType.I32));
        assertEquals(0x7B, TypeCodec.pack(ValueType.V128));
        assertEquals(0x7063, TypeCodec.pack(ValueType.FUNCREF));
        assertEquals(0x6F64, TypeCodec.pack(ValueType.ref(HeapType.EXTERN, false)));
        assertEquals(0x6E, TypeCodec.code(HeapType.ANY));
        assertEquals(0x74, TypeCodec.code(HeapType.NOEXN));
        assertThrows(IllegalArgumentException.class, () -> TypeCodec.unpack(0x55));
    }

    @Test
    void functionTypeConstantsRoundTrip() {
        List<ValueType> all = everyType();
        FunctionType t = FunctionType.of(all, all.subList(3, 9));
        assertSame(t, TypeCodec.functionType(TypeCodec.toConstant(t)));
        FunctionType empty = FunctionType.of(List.of(), List.of());
        assertSame(empty, TypeCodec.functionType(TypeCodec.toConstant(empty)));
        // A resolved concrete type is written with its definition, and reads back equal in any module.
        FunctionType nested = FunctionType.of(List.of(ValueType.ref(HeapType.function(3, t), true)), List.of());
        assertSame(nested, TypeCodec.functionType(TypeCodec.toConstant(nested)));
    }
}
