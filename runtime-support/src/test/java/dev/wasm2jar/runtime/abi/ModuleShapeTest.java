package dev.wasm2jar.runtime.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.ModuleShape.DataSegment;
import dev.wasm2jar.runtime.abi.ModuleShape.ElementSegment;
import dev.wasm2jar.runtime.abi.ModuleShape.Export;
import dev.wasm2jar.runtime.abi.ModuleShape.GlobalType;
import dev.wasm2jar.runtime.abi.ModuleShape.Import;
import dev.wasm2jar.runtime.abi.ModuleShape.Limits;
import dev.wasm2jar.runtime.abi.ModuleShape.SegmentMode;
import dev.wasm2jar.runtime.abi.ModuleShape.TableType;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata codec of compiled jars: every kind of entry survives a round trip, and the tags are explicit. */
class ModuleShapeTest {
    private static final ValueType NON_NULL_FUNC = ValueType.ref(HeapType.FUNC, false);

    /** Every constant expression operation, with an immediate of its kind. */
    private static final ConstExpr EVERY_OP = new ConstExpr(
            new byte[] {ConstExpr.I32_CONST, ConstExpr.I64_CONST, ConstExpr.F32_CONST, ConstExpr.F64_CONST,
                    ConstExpr.REF_NULL, ConstExpr.REF_NULL, ConstExpr.REF_FUNC, ConstExpr.GLOBAL_GET,
                    ConstExpr.I32_ADD, ConstExpr.I32_SUB, ConstExpr.I32_MUL, ConstExpr.I64_ADD, ConstExpr.I64_SUB,
                    ConstExpr.I64_MUL, ConstExpr.V128_CONST, ConstExpr.V128_HIGH},
            new long[] {-1, Long.MIN_VALUE, Float.floatToRawIntBits(1.5f), Double.doubleToRawLongBits(-0.0),
                    TypeCodec.pack(HeapType.EXTERN), TypeCodec.pack(HeapType.concrete(5)), 3, 0, 0, 0, 0, 0, 0,
                    0, 0x0102030405060708L, -2});

    static ModuleShape everyKindOfEntry() {
        List<ValueType> everyType = TypeCodecTest.everyType();
        List<FunctionType> types = List.of(FunctionType.of(List.of(), List.of()),
                FunctionType.of(everyType, List.of(ValueType.I32)), FunctionType.of(List.of(), everyType));
        List<Import> imports = List.of(
                new Import("env", "f", ExternKind.FUNCTION, 1, null, false, null),
                new Import("env", "t", ExternKind.TABLE, -1, ValueType.FUNCREF, false, new Limits(1, -1)),
                new Import("env", "m", ExternKind.MEMORY, -1, null, false, new Limits(1, 65536)),
                new Import("env", "g", ExternKind.GLOBAL, -1, ValueType.ref(HeapType.ANY, false), true, null));
        List<GlobalType> globals = new ArrayList<>();
        for (ValueType t : everyType) {
            globals.add(new GlobalType(t, t.isNumeric(), ConstExpr.of(ConstExpr.I32_CONST, 7)));
        }
        globals.add(new GlobalType(ValueType.I64, false, EVERY_OP));
        return new ModuleShape(types, imports, new int[] {1, 0, 2}, List.of("a.B", "a.B$1"), new int[] {0, 1},
                new String[] {"f1", "f2_x"}, new String[] {null, "one", "x"},
                List.of(new TableType(ValueType.EXTERNREF, new Limits(0, 10, true), null),
                        new TableType(NON_NULL_FUNC, new Limits(2, -1), ConstExpr.of(ConstExpr.REF_FUNC, 1))),
                List.of(new Limits(0, -1), new Limits(3, 4), new Limits(1, 1L << 48, true)), globals,
                List.of(new Export("f", ExternKind.FUNCTION, 2), new Export("t", ExternKind.TABLE, 1),
                        new Export("m", ExternKind.MEMORY, 0), new Export("g", ExternKind.GLOBAL, 3)),
                List.of(new ElementSegment(SegmentMode.ACTIVE, 1, ConstExpr.of(ConstExpr.I32_CONST, 0), NON_NULL_FUNC,
                                List.of(ConstExpr.of(ConstExpr.REF_FUNC, 1))),
                        new ElementSegment(SegmentMode.PASSIVE, 0, null, ValueType.EXTERNREF,
                                List.of(ConstExpr.of(ConstExpr.REF_NULL, TypeCodec.pack(HeapType.EXTERN)))),
                        new ElementSegment(SegmentMode.DECLARATIVE, 0, null, ValueType.FUNCREF, List.of())),
                List.of(new DataSegment(SegmentMode.ACTIVE, 1, ConstExpr.of(ConstExpr.GLOBAL_GET, 0), new byte[] {1, 2}),
                        new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[0])),
                2, new int[] {0, 2});
    }

    @Test
    void everyKindOfEntryRoundTrips() {
        ModuleShape shape = everyKindOfEntry();
        byte[] bytes = shape.toBytes();
        ModuleShape back = ModuleShape.fromBytes(bytes);
        assertEquals(shape.types(), back.types());
        assertEquals(shape.imports(), back.imports());
        assertArrayEquals(shape.functionTypes(), back.functionTypes());
        assertEquals(shape.functionClasses(), back.functionClasses());
        assertArrayEquals(shape.functionClass(), back.functionClass());
        assertArrayEquals(shape.functionMethods(), back.functionMethods());
        assertArrayEquals(shape.functionNames(), back.functionNames());
        assertEquals(shape.tables(), back.tables());
        assertEquals(shape.memories(), back.memories());
        assertEquals(shape.globals(), back.globals());
        assertEquals(shape.exports(), back.exports());
        assertEquals(shape.elements(), back.elements());
        assertEquals(shape.data().size(), back.data().size());
        for (int i = 0; i < shape.data().size(); i++) {
            DataSegment d = shape.data().get(i);
            DataSegment e = back.data().get(i);
            assertEquals(List.of(d.mode(), d.memory(), String.valueOf(d.offset())),
                    List.of(e.mode(), e.memory(), String.valueOf(e.offset())));
            assertArrayEquals(d.bytes(), e.bytes());
        }
        assertEquals(shape.start(), back.start());
        assertArrayEquals(shape.tags(), back.tags());
        assertArrayEquals(bytes, back.toBytes());
    }

    /** The stored tags are the binary format's (extern kinds, types) or our own fixed ones, never enum order. */
    @Test
    void tagsAreExplicit() {
        ModuleShape one = new ModuleShape(List.of(), List.of(new Import("m", "g", ExternKind.GLOBAL, -1,
                ValueType.EXTERNREF, false, null)), new int[0], List.of(), new int[0], new String[0], new String[0],
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), -1, new int[0]);
        byte[] bytes = one.toBytes();
        // magic, version, 0 types, 1 import, "m", "g", then the kind and the type.
        int at = 4 + 4 + 4 + 4 + 3 + 3;
        assertEquals(3, bytes[at], "global is external kind 3");
        int type = at + 1 + 4;
        assertEquals(0x63, bytes[type] & 0xFF, "ref null");
        assertEquals(0x6F, bytes[type + 1] & 0xFF, "extern");
    }

    @Test
    void anotherVersionIsRefusedClearly() {
        byte[] bytes = everyKindOfEntry().toBytes();
        bytes[7] = 1;
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ModuleShape.fromBytes(bytes));
        assertTrue(e.getMessage().contains("format version 1, this runtime reads version " + ModuleShape.VERSION),
                e.getMessage());
    }

    @Test
    void unknownTagsAreRefused() {
        ModuleShape one = new ModuleShape(List.of(), List.of(), new int[0], List.of(), new int[0], new String[0],
                new String[0], List.of(), List.of(), List.of(),
                List.of(new Export("e", ExternKind.MEMORY, 0)), List.of(), List.of(), -1, new int[0]);
        byte[] bytes = one.toBytes();
        int kind = bytes.length - 1 - 4 - 4 - 4 - 4 - 4; // then the export's index, two empty lists, start, no tags
        assertEquals(2, bytes[kind], "memory is external kind 2");
        bytes[kind] = 9;
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ModuleShape.fromBytes(bytes));
        assertTrue(e.getMessage().contains("unknown extern kind tag 9"), e.getMessage());
    }
}
