package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.compiler.internal.model.BlockTypes;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.ConstExpr;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.util.Locale;
import java.util.Set;
import run.endive.wasm.types.OpCode;

/**
 * Which feature each construct of a module belongs to, and the check that it is both enabled and one wasm2jar
 * compiles; otherwise an {@link UnsupportedFeatureException} that names the feature and where the module needs it.
 * Constructs that WebAssembly 2.0 itself calls invalid while their feature is off (two memories, for one) are
 * {@link Wasm2Profile}'s, which runs first.
 */
final class FeatureCheck {
    /** Per {@link Feature}, whether the options enable it; asked for every instruction, so an array. */
    private final boolean[] enabled = new boolean[Feature.values().length];
    /** Per {@link Op}, whether it may be compiled. */
    private final boolean[] allowedOps = new boolean[Op.values().length];
    /**
     * For a module with GC types, what each type index defines (func, struct or array), which decides how references
     * to it are carried; null for other modules. Kept here since this check goes wherever a body is decoded.
     */
    private HeapType.Kind[] definitions;

    FeatureCheck(Set<Feature> features) {
        features.forEach(f -> enabled[f.ordinal()] = true);
        for (Op op : Op.values()) {
            allowedOps[op.ordinal()] = allowed(featureOf(op));
        }
    }

    void definitions(HeapType.Kind[] kinds) {
        definitions = kinds;
    }

    /** {@code t}, a reference to a type index made a reference to a struct or array type where one is defined there. */
    ValueType typed(ValueType t) {
        return t.isReference() ? ValueType.ref(typed(t.heapType()), t.nullable()) : t;
    }

    HeapType typed(HeapType h) {
        if (definitions == null || !h.isConcrete() || h.function() != null) {
            return h;
        }
        int index = h.typeIndex();
        if (index >= definitions.length) {
            throw new dev.wasm2jar.runtime.InvalidException("unknown type " + index);
        }
        return HeapType.concrete(index, definitions[index]);
    }

    /** Whether the options enable {@code f}: the module is judged by the language that includes it. */
    boolean enabled(Feature f) {
        return enabled[f.ordinal()];
    }

    /** Throws unless {@code f} is supported and enabled; {@code where} says what needs it. */
    void require(Feature f, String where) {
        if (!f.supported()) {
            throw UnsupportedFeatureException.unsupported(f, where);
        }
        requireEnabled(f, where);
    }

    /** Throws unless {@code f} is enabled: for what wasm2jar compiles of a feature it does not support as a whole. */
    void requireEnabled(Feature f, String where) {
        if (!enabled(f)) {
            throw UnsupportedFeatureException.notEnabled(f, where);
        }
    }

    private boolean allowed(Feature f) {
        return f.supported() && enabled(f);
    }

    /** An instruction of a function body that decoded to one of our ops. */
    void instruction(Op op, int functionIndex, int offset) {
        if (!allowedOps[op.ordinal()]) {
            require(featureOf(op), at(functionIndex, offset) + ": " + name(op.name()));
        }
    }

    /** The type of a block, loop or if ({@link BlockTypes}): a type index came with multi-value. */
    void blockType(long encoded, int functionIndex, int offset) {
        if (encoded >= 0) {
            if (!allowed(Feature.MULTI_VALUE)) {
                require(Feature.MULTI_VALUE, at(functionIndex, offset) + ": a block typed by a type index");
            }
        } else if (encoded != BlockTypes.EMPTY) {
            ValueType result = BlockTypes.result(encoded);
            if (!allowed(result)) {
                valueType(result, at(functionIndex, offset) + ": a block");
            }
        }
    }

    /** The type immediate of {@code select t} or {@code ref.null}. */
    void immediateType(ValueType t, Op op, int functionIndex, int offset) {
        if (!allowed(t)) {
            valueType(t, at(functionIndex, offset) + ": " + name(op.name()));
        }
    }

    /** The type of a function's local (the messages are made only when one is needed: there are millions of locals). */
    void local(ValueType t, int functionIndex, int index) {
        if (!allowed(t)) {
            valueType(t, "function " + functionIndex + ": local " + index);
        }
    }

    /** An instruction Endive decodes and we have no op for: the feature it belongs to, or null for none we know. */
    static Feature featureOf(OpCode code) {
        String name = code.name().toUpperCase(Locale.ROOT);
        if (name.equals("THROW") || name.equals("THROW_REF") || name.equals("TRY_TABLE")) {
            return Feature.EXCEPTIONS;
        }
        if (name.contains("ATOMIC")) {
            return Feature.THREADS;
        }
        if (name.startsWith("STRUCT_") || name.startsWith("ARRAY_") || name.startsWith("REF_TEST")
                || name.startsWith("CAST_TEST") || name.startsWith("BR_ON_CAST") || name.startsWith("I31_")
                || name.equals("REF_I31") || name.equals("REF_EQ") || name.equals("ANY_CONVERT_EXTERN")
                || name.equals("EXTERN_CONVERT_ANY")) {
            return Feature.GC;
        }
        return null;
    }

    /** The feature an op of ours came with. */
    static Feature featureOf(Op op) {
        String name = op.name();
        if (name.contains("_RELAXED_")) {
            return Feature.RELAXED_SIMD;
        }
        if (name.startsWith("V128_") || name.startsWith("I8X16_") || name.startsWith("I16X8_")
                || name.startsWith("I32X4_") || name.startsWith("I64X2_") || name.startsWith("F32X4_")
                || name.startsWith("F64X2_")) {
            return Feature.SIMD;
        }
        return switch (op) {
            case I32_EXTEND_8_S, I32_EXTEND_16_S, I64_EXTEND_8_S, I64_EXTEND_16_S, I64_EXTEND_32_S -> Feature.SIGN_EXT;
            case I32_TRUNC_SAT_F32_S, I32_TRUNC_SAT_F32_U, I32_TRUNC_SAT_F64_S, I32_TRUNC_SAT_F64_U,
                    I64_TRUNC_SAT_F32_S, I64_TRUNC_SAT_F32_U, I64_TRUNC_SAT_F64_S, I64_TRUNC_SAT_F64_U ->
                    Feature.SAT_CONVERSIONS;
            case MEMORY_INIT, DATA_DROP, MEMORY_COPY, MEMORY_FILL, TABLE_INIT, ELEM_DROP, TABLE_COPY ->
                    Feature.BULK_MEMORY;
            case REF_NULL, REF_IS_NULL, REF_FUNC, TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL,
                    SELECT_T -> Feature.REFERENCE_TYPES;
            case CALL_REF, REF_AS_NON_NULL, BR_ON_NULL, BR_ON_NON_NULL -> Feature.FUNCTION_REFERENCES;
            case STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U, STRUCT_SET, ARRAY_NEW,
                    ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED, ARRAY_NEW_DATA, ARRAY_NEW_ELEM, ARRAY_GET, ARRAY_GET_S,
                    ARRAY_GET_U, ARRAY_SET, ARRAY_LEN, ARRAY_FILL, ARRAY_COPY, ARRAY_INIT_DATA, ARRAY_INIT_ELEM,
                    REF_TEST, REF_TEST_NULL, CAST_TEST, CAST_TEST_NULL, BR_ON_CAST, BR_ON_CAST_FAIL,
                    ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY, REF_I31, I31_GET_S, I31_GET_U, REF_EQ -> Feature.GC;
            case RETURN_CALL, RETURN_CALL_INDIRECT -> Feature.TAIL_CALL;
            case TRY_TABLE, THROW, THROW_REF -> Feature.EXCEPTIONS;
            case RETURN_CALL_REF -> Feature.TAIL_CALL; // and function-references, for its typed reference
            default -> Feature.MVP;
        };
    }

    /**
     * The feature a value type came with. References: funcref and externref came with reference-types (as a table's
     * element type funcref is 1.0's), non-null and typed function references with function-references, exnref with
     * exceptions, the rest of the heap types with gc.
     */
    static Feature featureOf(ValueType t) {
        return switch (t.kind()) {
            case I32, I64, F32, F64 -> Feature.MVP;
            case V128 -> Feature.SIMD;
            case REF -> switch (t.heapType().kind()) {
                case FUNC, EXTERN -> t.nullable() ? Feature.REFERENCE_TYPES : Feature.FUNCTION_REFERENCES;
                case CONCRETE -> Feature.FUNCTION_REFERENCES;
                case EXN, NOEXN -> Feature.EXCEPTIONS;
                default -> Feature.GC;
            };
        };
    }

    void valueType(ValueType t, String where) {
        if (!allowed(t)) {
            Feature f = featureOf(t);
            if (compilesAsNullable(t)) {
                requireEnabled(f, where + " has type " + t);
            } else {
                require(f, where + " has type " + t);
            }
        }
    }

    private boolean allowed(ValueType t) {
        Feature f = featureOf(t);
        return f == Feature.MVP || (compilesAsNullable(t) ? enabled(f) : allowed(f));
    }

    /** funcref and externref; (ref func) and (ref extern) too, which compile as their nullable kin. */
    private static boolean compilesAsNullable(ValueType t) {
        return t.heapType() == HeapType.FUNC || t.heapType() == HeapType.EXTERN;
    }

    void functionType(FunctionType type, String where) {
        for (ValueType t : type.params()) {
            valueType(t, where + ": a parameter");
        }
        for (ValueType t : type.results()) {
            valueType(t, where + ": a result");
        }
        if (type.results().size() > 1) {
            require(Feature.MULTI_VALUE, where + " has " + type.results().size() + " results");
        }
    }

    /** Everything outside function bodies. */
    void module(ModuleModel model) {
        for (int i = 0; i < model.types().size(); i++) {
            functionType(model.types().get(i), "type " + i);
        }
        int memories = model.importCount(ExternKind.MEMORY) + model.memories().size();
        if (memories > 1) {
            require(Feature.MULTI_MEMORY, "it has " + memories + " memories");
        }
        int tables = model.importCount(ExternKind.TABLE) + model.tables().size();
        if (tables > 1) {
            require(Feature.REFERENCE_TYPES, "it has " + tables + " tables");
        }
        for (ModuleShape.Import im : model.imports()) {
            String where = "import " + im.module() + "." + im.name();
            switch (im.kind()) {
                case TABLE -> tableType(im.valueType(), where);
                case GLOBAL -> valueType(im.valueType(), where);
                default -> { }
            }
        }
        for (int i = 0; i < model.tables().size(); i++) {
            ModuleShape.TableType t = model.tables().get(i);
            tableType(t.elementType(), "table " + i);
            constExpr(t.init(), "the initializer of table " + i);
        }
        for (int i = 0; i < model.globals().size(); i++) {
            ModuleShape.GlobalType g = model.globals().get(i);
            valueType(g.type(), "global " + i);
            constExpr(g.init(), "the initializer of global " + i);
        }
        for (int i = 0; i < model.elements().size(); i++) {
            ModuleShape.ElementSegment e = model.elements().get(i);
            String where = "element segment " + i;
            if (e.type().heapType() != HeapType.FUNC) {
                tableType(e.type(), where); // 3.0 types a segment of function indices (ref func): 1.0's own kind
            }
            if (e.mode() != ModuleShape.SegmentMode.ACTIVE) {
                require(Feature.BULK_MEMORY, where + " is " + e.mode().name().toLowerCase(Locale.ROOT));
            }
            constExpr(e.offset(), "the offset of " + where);
            e.items().forEach(item -> constExpr(item, "an item of " + where));
        }
        for (int i = 0; i < model.data().size(); i++) {
            ModuleShape.DataSegment d = model.data().get(i);
            if (d.mode() != ModuleShape.SegmentMode.ACTIVE) {
                require(Feature.BULK_MEMORY, "data segment " + i + " is passive");
            }
            constExpr(d.offset(), "the offset of data segment " + i);
        }
    }

    private void tableType(ValueType element, String where) {
        if (!ValueType.FUNCREF.equals(element)) {
            valueType(element, where);
        }
    }

    private void constExpr(ConstExpr expr, String where) {
        if (expr == null) {
            return;
        }
        for (byte op : expr.ops()) {
            switch (op) {
                case ConstExpr.I32_ADD, ConstExpr.I32_SUB, ConstExpr.I32_MUL, ConstExpr.I64_ADD, ConstExpr.I64_SUB,
                        ConstExpr.I64_MUL -> require(Feature.EXTENDED_CONST, where + " uses arithmetic");
                case ConstExpr.V128_CONST -> require(Feature.SIMD, where + " is a v128.const");
                case ConstExpr.REF_I31, ConstExpr.STRUCT_NEW, ConstExpr.STRUCT_NEW_DEFAULT, ConstExpr.ARRAY_NEW,
                        ConstExpr.ARRAY_NEW_DEFAULT, ConstExpr.ARRAY_NEW_FIXED, ConstExpr.ANY_CONVERT_EXTERN,
                        ConstExpr.EXTERN_CONVERT_ANY -> require(Feature.GC, where + " makes a GC value");
                default -> { }
            }
        }
    }

    /** {@code function 3 at byte 0x2a}. */
    static String at(int functionIndex, int offset) {
        return "function " + functionIndex + " at byte 0x" + Integer.toHexString(offset);
    }

    /** The text format's name of an instruction, near enough for a message: {@code struct.new} for STRUCT_NEW. */
    static String name(String constant) {
        String name = constant.toLowerCase(Locale.ROOT);
        int underscore = name.indexOf('_');
        return underscore > 0 && NAMESPACES.contains(name.substring(0, underscore))
                ? name.substring(0, underscore) + "." + name.substring(underscore + 1) : name;
    }

    private static final Set<String> NAMESPACES = Set.of("i32", "i64", "f32", "f64", "v128", "i8x16", "i16x8",
            "i32x4", "i64x2", "f32x4", "f64x2", "local", "global", "table", "memory", "data", "elem", "ref", "struct",
            "array", "i31", "any", "extern");
}
