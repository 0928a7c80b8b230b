package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.compiler.internal.model.BlockTypes;
import dev.wasm2jar.compiler.internal.model.JvmLimitException;
import dev.wasm2jar.compiler.internal.model.TypeDefinitions;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.ConstExpr;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.runtime.abi.TypeCodec;
import java.util.ArrayList;
import java.util.List;
import run.endive.wasm.types.BlockType;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.OpCode;
import run.endive.wasm.types.RecType;
import run.endive.wasm.types.SubType;
import run.endive.wasm.types.TableLimits;
import run.endive.wasm.types.ValType;

/**
 * Endive's types, limits and constant expressions in our model: value and heap types, function types resolved to
 * what the types they refer to define, block types, memory and table limits. The JVM's limits on what a type may be
 * (parameter slots, the size of a type written out in a constant) are checked here, where types enter.
 */
final class EndiveTypes {
    private EndiveTypes() {}

    /** A block type as Endive gives it, in our encoding ({@link BlockTypes}). */
    static long blockType(long bt, FeatureCheck check) {
        if (BlockType.isEmpty(bt)) {
            return BlockTypes.EMPTY;
        }
        if (BlockType.isTypeIndex(bt)) {
            return BlockType.typeIndex(bt);
        }
        return BlockTypes.ofValue(check.typed(valueType(ValType.builder().fromId(BlockType.valueTypeId(bt)).build())));
    }

    /** A heap type as Endive gives it: the binary format's s33, negative for the abstract ones. */
    static HeapType heapType(long heapType) {
        try {
            return heapType >= 0 ? HeapType.concrete(Math.toIntExact(heapType))
                    : TypeCodec.heapTypeOfCode((int) heapType + 0x80);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidException("unknown heap type " + heapType);
        }
    }

    static ValueType valueTypeOfCode(int code) {
        return switch (code) {
            case 0x7F -> ValueType.I32;
            case 0x7E -> ValueType.I64;
            case 0x7D -> ValueType.F32;
            case 0x7C -> ValueType.F64;
            case 0x7B -> ValueType.V128;
            case 0x70 -> ValueType.FUNCREF;
            case 0x6F -> ValueType.EXTERNREF;
            default -> valueType(ValType.builder().fromId(code).build());
        };
    }

    static ValueType valueType(ValType t) {
        if (t.equals(ValType.I32)) {
            return ValueType.I32;
        } else if (t.equals(ValType.I64)) {
            return ValueType.I64;
        } else if (t.equals(ValType.F32)) {
            return ValueType.F32;
        } else if (t.equals(ValType.F64)) {
            return ValueType.F64;
        } else if (t.equals(ValType.V128)) {
            return ValueType.V128;
        } else if (t.isReference()) {
            return ValueType.ref(heapType(t.typeIdx()), t.isNullable());
        }
        throw new InvalidException("unknown value type " + t);
    }

    /**
     * Why function type {@code index} needs the GC proposal's recursion groups: it refers to itself or to a later type
     * (which {@link #resolve} refuses); null when it does not.
     */
    static String recursion(run.endive.wasm.types.FunctionType t, int index) {
        for (List<ValType> list : List.of(t.params(), t.returns())) {
            for (ValType v : list) {
                if (v.isReference() && v.typeIdx() >= index) {
                    return "type " + index + " refers to type " + v.typeIdx() + ", a recursive type";
                }
            }
        }
        return null;
    }

    /** What a type group that is not a plain function type needs from the GC proposal, for the message. */
    static String gcTypes(RecType group, int first) {
        SubType[] members = group.subTypes();
        for (int k = 0; k < members.length; k++) {
            var comp = members[k].compType();
            if (comp.structType() != null) {
                return "type " + (first + k) + " is a struct type";
            }
            if (comp.arrayType() != null) {
                return "type " + (first + k) + " is an array type";
            }
        }
        return members.length == 1 ? "type " + first + " declares subtyping"
                : "types " + first + " to " + (first + members.length - 1) + " form a recursive group";
    }

    /**
     * A function type's size in value types ({@link FunctionType#size()}) beyond which a module is refused: each type
     * is written out whole in a string constant of generated code, which holds at most 65,535 bytes.
     */
    private static final int MAX_TYPE_SIZE = 2_000;

    /**
     * Type {@code index}'s references to earlier types resolved to what those define ({@link HeapType#function}), so
     * that the type means the same in every module. A type that refers to itself or a later one is recursive: that
     * needs the GC proposal's recursion groups.
     */
    static FunctionType resolve(FunctionType t, List<FunctionType> earlier, int index, int count) {
        boolean concrete = false;
        for (ValueType v : t.params()) {
            concrete |= v.isReference() && v.heapType().isConcrete();
        }
        for (ValueType v : t.results()) {
            concrete |= v.isReference() && v.heapType().isConcrete();
        }
        if (!concrete) {
            return t;
        }
        List<ValueType> params = new ArrayList<>();
        List<ValueType> results = new ArrayList<>();
        for (ValueType v : t.params()) {
            params.add(resolve(v, earlier, index, count));
        }
        for (ValueType v : t.results()) {
            results.add(resolve(v, earlier, index, count));
        }
        FunctionType resolved = FunctionType.of(params, results);
        if (resolved.size() > MAX_TYPE_SIZE) {
            throw new JvmLimitException("type " + index + " nests more than " + MAX_TYPE_SIZE
                    + " value types through the function types it refers to");
        }
        return resolved;
    }

    static ValueType resolve(ValueType v, List<FunctionType> earlier, int index, int count) {
        if (!v.isReference() || !v.heapType().isConcrete()) {
            return v;
        }
        int target = v.heapType().typeIndex();
        if (target >= count) {
            throw new InvalidException("unknown type " + target);
        }
        if (target >= index) {
            throw UnsupportedFeatureException.unsupported(Feature.GC, "type " + index + " refers to type " + target
                    + ", a recursive type");
        }
        return ValueType.ref(HeapType.function(target, earlier.get(target)), v.nullable());
    }

    /** A value type of the module outside the type section, its concrete heap type resolved. */
    static ValueType resolve(ValueType v, List<FunctionType> types) {
        return resolve(v, types, types.size(), types.size());
    }

    /**
     * A function's parameters become its JVM method's, and a JVM method takes at most 255 slots (i64 and f64 take
     * two); two are kept for the instance and a spare.
     */
    private static final int MAX_PARAMETER_SLOTS = 253;

    static FunctionType functionType(run.endive.wasm.types.FunctionType t) {
        List<ValueType> params = t.params().stream().map(EndiveTypes::valueType).toList();
        int slots = 0;
        for (ValueType param : params) {
            slots += param.javaType() == long.class || param.javaType() == double.class ? 2 : 1;
        }
        if (slots > MAX_PARAMETER_SLOTS) {
            throw new JvmLimitException("a function type with " + params.size() + " parameters needs " + slots
                    + " JVM parameter slots; wasm2jar compiles up to " + MAX_PARAMETER_SLOTS);
        }
        return FunctionType.of(params, t.returns().stream().map(EndiveTypes::valueType).toList());
    }

    static ModuleShape.Limits limits(MemoryLimits l, String where, FeatureCheck check) {
        if (l.shared()) {
            check.require(Feature.THREADS, where + " is shared");
        }
        // Endive reports an absent maximum as MAX_PAGES; a declared maximum of exactly that behaves the same.
        return new ModuleShape.Limits(l.initialPages(), l.maximumPages() >= MemoryLimits.MAX_PAGES ? -1 : l.maximumPages());
    }

    static ModuleShape.Limits limits(TableLimits l) {
        return new ModuleShape.Limits(l.min(), l.max() >= TableLimits.LIMIT_MAX ? -1 : l.max());
    }

    static ConstExpr constExpr(List<run.endive.wasm.types.Instruction> code, TypeDefinitions definitions) {
        List<run.endive.wasm.types.Instruction> ins = code.stream().filter(i -> i.opcode() != OpCode.END).toList();
        java.io.ByteArrayOutputStream ops = new java.io.ByteArrayOutputStream();
        List<Long> args = new ArrayList<>();
        for (var in : ins) {
            long arg = in.operandCount() > 0 ? in.operand(0) : 0;
            byte op = switch (in.opcode()) {
                case I32_CONST -> ConstExpr.I32_CONST;
                case I64_CONST -> ConstExpr.I64_CONST;
                case F32_CONST -> ConstExpr.F32_CONST;
                case F64_CONST -> ConstExpr.F64_CONST;
                case V128_CONST -> {
                    // Two entries: the low half here, the high half in a V128_HIGH after it.
                    ops.write(ConstExpr.V128_CONST);
                    args.add(arg);
                    arg = in.operand(1);
                    yield ConstExpr.V128_HIGH;
                }
                case REF_NULL -> {
                    arg = TypeCodec.pack(heapType(arg));
                    yield ConstExpr.REF_NULL;
                }
                case REF_FUNC -> ConstExpr.REF_FUNC;
                case GLOBAL_GET -> ConstExpr.GLOBAL_GET;
                case I32_ADD -> ConstExpr.I32_ADD;
                case I32_SUB -> ConstExpr.I32_SUB;
                case I32_MUL -> ConstExpr.I32_MUL;
                case I64_ADD -> ConstExpr.I64_ADD;
                case I64_SUB -> ConstExpr.I64_SUB;
                case I64_MUL -> ConstExpr.I64_MUL;
                case REF_I31 -> ConstExpr.REF_I31;
                case ANY_CONVERT_EXTERN -> ConstExpr.ANY_CONVERT_EXTERN;
                case EXTERN_CONVERT_ANY -> ConstExpr.EXTERN_CONVERT_ANY;
                case STRUCT_NEW -> {
                    arg |= (long) definitions.type((int) arg).fields().size() << 32;
                    yield ConstExpr.STRUCT_NEW;
                }
                case STRUCT_NEW_DEFAULT -> ConstExpr.STRUCT_NEW_DEFAULT;
                case ARRAY_NEW -> ConstExpr.ARRAY_NEW;
                case ARRAY_NEW_DEFAULT -> ConstExpr.ARRAY_NEW_DEFAULT;
                case ARRAY_NEW_FIXED -> {
                    arg |= in.operand(1) << 32;
                    yield ConstExpr.ARRAY_NEW_FIXED;
                }
                default -> throw new InvalidException("constant expression required, found " + in.opcode());
            };
            ops.write(op);
            args.add(arg);
        }
        return new ConstExpr(ops.toByteArray(), args.stream().mapToLong(Long::longValue).toArray());
    }
}
