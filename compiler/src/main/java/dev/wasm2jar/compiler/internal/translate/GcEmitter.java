package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.layout.Names;
import dev.wasm2jar.compiler.internal.layout.StructLayout;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.JvmLimitException;
import dev.wasm2jar.compiler.internal.model.TypeDefinitions;
import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.GcType;
import dev.wasm2jar.runtime.abi.TypeCodec;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The GC proposal's instructions. A struct is an object of its type's own class ({@link StructLayout}), so
 * {@code struct.get} is a {@code checkcast} and a {@code getfield}; an array a {@code GcArray} of its element's kind,
 * so {@code array.get} is a {@code getfield} of its JVM array and an array load. A null reference fails the
 * {@code getfield} (a trap at the boundary), an index out of bounds the array load. Casts test the value's class,
 * and for a struct or array type its canonical type's supertype chain ({@code GcOps.test}). Everything that
 * allocates or works on ranges is a call to {@code GcOps}.
 */
final class GcEmitter implements Emitter {
    /** {@code array.new_fixed} keeps its values in locals: more than this would make too large a method. */
    private static final int MAX_FIXED_ELEMENTS = 2_000;

    private final EmitContext ctx;
    private final ControlFlow control;
    private final MethodVisitor mv;
    /** The slot that holds an array index while the array is cast below it; the value stored has a scratch slot. */
    private int indexSlot = -1;

    GcEmitter(EmitContext ctx, ControlFlow control) {
        this.ctx = ctx;
        this.control = control;
        this.mv = ctx.mv;
    }

    @Override
    public void emit(Instruction in) {
        refuseVectors(in);
        switch (in.op()) {
            case STRUCT_NEW -> structNew(in.intOperand(0));
            case STRUCT_NEW_DEFAULT -> {
                int t = in.intOperand(0);
                String struct = ctx.layout.structClass(t);
                mv.visitTypeInsn(NEW, struct);
                mv.visitInsn(DUP);
                loadType(t);
                mv.visitMethodInsn(INVOKESPECIAL, struct, "<init>", "(" + RuntimeTypes.GC_TYPE + ")V", false);
                ctx.stack.push(ref(t));
            }
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                int t = in.intOperand(0);
                int field = in.intOperand(1);
                TypeDefinitions.Field f = definitions().type(t).fields().get(field);
                String struct = ctx.layout.structClass(t);
                mv.visitTypeInsn(CHECKCAST, struct);
                mv.visitFieldInsn(GETFIELD, struct, Names.field(field), StructLayout.descriptor(f));
                if (in.op() == dev.wasm2jar.compiler.internal.model.Op.STRUCT_GET_U) {
                    unsigned(f);
                }
                ctx.stack.pop();
                ctx.stack.push(f.type());
            }
            case STRUCT_SET -> {
                int t = in.intOperand(0);
                int field = in.intOperand(1);
                TypeDefinitions.Field f = definitions().type(t).fields().get(field);
                String struct = ctx.layout.structClass(t);
                int value = ctx.slots.scratch(JvmTypes.type(f.type()));
                mv.visitVarInsn(JvmTypes.store(f.type()), value);
                mv.visitTypeInsn(CHECKCAST, struct);
                mv.visitVarInsn(JvmTypes.load(f.type()), value);
                StructLayout.narrow(mv, f);
                mv.visitFieldInsn(PUTFIELD, struct, Names.field(field), StructLayout.descriptor(f));
                ctx.stack.pop(2);
            }
            case ARRAY_NEW -> {
                int t = in.intOperand(0);
                loadType(t);
                newBuiltin(element(t)).invoke(mv);
                ctx.stack.pop(2);
                ctx.stack.push(ref(t));
            }
            case ARRAY_NEW_DEFAULT -> {
                int t = in.intOperand(0);
                loadType(t);
                Builtin.GC_NEW_DEFAULT.invoke(mv);
                ctx.stack.pop();
                ctx.stack.push(ref(t));
            }
            case ARRAY_NEW_FIXED -> newFixed(in.intOperand(0), in.intOperand(1));
            case ARRAY_NEW_DATA -> {
                int t = in.intOperand(0);
                loadType(t);
                ctx.loadLink();
                ctx.pushInt(in.intOperand(1));
                Builtin.LINK_DATA.invoke(mv);
                Builtin.GC_NEW_DATA.invoke(mv);
                ctx.stack.pop(2);
                ctx.stack.push(ref(t));
            }
            case ARRAY_NEW_ELEM -> {
                int t = in.intOperand(0);
                loadType(t);
                ctx.loadLink();
                ctx.pushInt(in.intOperand(1));
                Builtin.LINK_ELEMENTS.invoke(mv);
                Builtin.GC_NEW_ELEM.invoke(mv);
                ctx.stack.pop(2);
                ctx.stack.push(ref(t));
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                TypeDefinitions.Field f = element(in.intOperand(0));
                int index = indexSlot();
                mv.visitVarInsn(ISTORE, index);
                loadValues(f);
                mv.visitVarInsn(ILOAD, index);
                mv.visitInsn(arrayType(f).getElementType().getOpcode(IALOAD));
                if (f.type().isReference() && f.type().javaType() != Object.class) {
                    mv.visitTypeInsn(CHECKCAST, Type.getInternalName(f.type().javaType()));
                }
                if (in.op() == dev.wasm2jar.compiler.internal.model.Op.ARRAY_GET_U) {
                    unsigned(f);
                }
                ctx.stack.pop(2);
                ctx.stack.push(f.type());
            }
            case ARRAY_SET -> {
                TypeDefinitions.Field f = element(in.intOperand(0));
                int value = ctx.slots.scratch(JvmTypes.type(f.type()));
                int index = indexSlot();
                mv.visitVarInsn(JvmTypes.store(f.type()), value);
                mv.visitVarInsn(ISTORE, index);
                loadValues(f);
                mv.visitVarInsn(ILOAD, index);
                mv.visitVarInsn(JvmTypes.load(f.type()), value);
                mv.visitInsn(arrayType(f).getElementType().getOpcode(IASTORE));
                ctx.stack.pop(3);
            }
            case ARRAY_LEN -> {
                mv.visitTypeInsn(CHECKCAST, RuntimeTypes.GC_ARRAY_CLASS);
                mv.visitFieldInsn(GETFIELD, RuntimeTypes.GC_ARRAY_CLASS, "length", "I");
                ctx.stack.pop();
                ctx.stack.push(ValueType.I32);
            }
            case ARRAY_FILL -> {
                fillBuiltin(element(in.intOperand(0))).invoke(mv);
                ctx.stack.pop(4);
            }
            case ARRAY_COPY -> {
                Builtin.GC_COPY.invoke(mv);
                ctx.stack.pop(5);
            }
            case ARRAY_INIT_DATA -> {
                ctx.loadLink();
                ctx.pushInt(in.intOperand(1));
                Builtin.LINK_DATA.invoke(mv);
                Builtin.GC_INIT_DATA.invoke(mv);
                ctx.stack.pop(4);
            }
            case ARRAY_INIT_ELEM -> {
                ctx.loadLink();
                ctx.pushInt(in.intOperand(1));
                Builtin.LINK_ELEMENTS.invoke(mv);
                Builtin.GC_INIT_ELEM.invoke(mv);
                ctx.stack.pop(4);
            }
            case REF_I31 -> {
                Builtin.GC_I31.invoke(mv);
                ctx.stack.pop();
                ctx.stack.push(ValueType.ref(HeapType.I31, false));
            }
            case I31_GET_S, I31_GET_U -> {
                mv.visitTypeInsn(CHECKCAST, RuntimeTypes.I31_CLASS);
                mv.visitFieldInsn(GETFIELD, RuntimeTypes.I31_CLASS, "value", "I");
                if (in.op() == dev.wasm2jar.compiler.internal.model.Op.I31_GET_U) {
                    ctx.pushInt(0x7FFF_FFFF);
                    mv.visitInsn(IAND);
                }
                ctx.stack.pop();
                ctx.stack.push(ValueType.I32);
            }
            case REF_EQ -> {
                Builtin.GC_REF_EQ.invoke(mv);
                ctx.stack.pop(2);
                ctx.stack.push(ValueType.I32);
            }
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> {
                // Host values and GC values are the same Java objects on both sides; only the static type changes.
                ValueType from = ctx.stack.pop();
                HeapType to = in.op() == dev.wasm2jar.compiler.internal.model.Op.ANY_CONVERT_EXTERN ? HeapType.ANY
                        : HeapType.EXTERN;
                ctx.stack.push(ValueType.ref(to, from.nullable()));
            }
            case REF_TEST, REF_TEST_NULL -> {
                test(TypeCodec.unpackHeapType(in.operand(0)),
                        in.op() == dev.wasm2jar.compiler.internal.model.Op.REF_TEST_NULL);
                ctx.stack.pop();
                ctx.stack.push(ValueType.I32);
            }
            case CAST_TEST, CAST_TEST_NULL -> {
                HeapType target = TypeCodec.unpackHeapType(in.operand(0));
                boolean nullable = in.op() == dev.wasm2jar.compiler.internal.model.Op.CAST_TEST_NULL;
                Label ok = new Label();
                mv.visitInsn(DUP);
                test(target, nullable);
                mv.visitJumpInsn(IFNE, ok);
                Builtin.GC_CAST_FAILURE.invoke(mv);
                mv.visitInsn(ATHROW);
                mv.visitLabel(ok);
                ValueType from = ctx.stack.pop();
                ctx.stack.push(sameCarrier(ValueType.ref(target, nullable), from));
            }
            case BR_ON_CAST, BR_ON_CAST_FAIL -> {
                HeapType target = TypeCodec.unpackHeapType(in.operand(1));
                boolean nullable = (in.operand(2) & 2) != 0;
                control.brOnTest(in.intOperand(0), () -> test(target, nullable),
                        in.op() == dev.wasm2jar.compiler.internal.model.Op.BR_ON_CAST_FAIL);
            }
            default -> throw Emitter.unsupported(in);
        }
    }

    /**
     * Vectors live in JVM locals inside a function ({@link Vectors}), not on the operand stack these instructions
     * use: a struct field or array element of type v128 may be declared, not read or written.
     */
    private void refuseVectors(Instruction in) {
        boolean vector = switch (in.op()) {
            case STRUCT_NEW -> definitions().type(in.intOperand(0)).fields().stream()
                    .anyMatch(f -> f.type() == ValueType.V128);
            case STRUCT_GET, STRUCT_SET -> definitions().type(in.intOperand(0)).fields().get(in.intOperand(1)).type()
                    == ValueType.V128;
            case ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED, ARRAY_NEW_DATA, ARRAY_GET, ARRAY_SET, ARRAY_FILL,
                    ARRAY_INIT_DATA -> element(in.intOperand(0)).type() == ValueType.V128;
            default -> false;
        };
        if (vector) {
            throw new UnsupportedOperationException(in.op().name().toLowerCase(java.util.Locale.ROOT).replaceFirst("_", ".")
                    + " of a v128 field or element is not compiled yet (GC)");
        }
    }

    /** The stack keeps the JVM type of what is there: a cast never changes how a value is carried. */
    private static ValueType sameCarrier(ValueType cast, ValueType from) {
        return cast.javaType() == from.javaType() ? cast : from;
    }

    /** Consumes a reference and leaves 1 when it is of heap type {@code h} (or null, when {@code nullable}). */
    private void test(HeapType h, boolean nullable) {
        Label isNull = new Label();
        Label done = new Label();
        if (nullable) {
            mv.visitInsn(DUP);
            mv.visitJumpInsn(IFNULL, isNull);
        }
        switch (h.kind()) {
            case ANY, EXTERN, FUNC, EXN -> ctx.pushCondition(IFNONNULL);
            case EQ -> mv.visitTypeInsn(INSTANCEOF, RuntimeTypes.GC_OBJECT_CLASS);
            case I31 -> mv.visitTypeInsn(INSTANCEOF, RuntimeTypes.I31_CLASS);
            case STRUCT -> mv.visitTypeInsn(INSTANCEOF, RuntimeTypes.GC_STRUCT_CLASS);
            case ARRAY -> mv.visitTypeInsn(INSTANCEOF, RuntimeTypes.GC_ARRAY_CLASS);
            case NONE, NOFUNC, NOEXTERN, NOEXN -> {
                mv.visitInsn(POP);
                mv.visitInsn(ICONST_0);
            }
            case CONCRETE -> {
                if (h.definition() == HeapType.Kind.FUNC && ctx.layout.model().hasGcTypes()) {
                    loadType(h.typeIndex());
                    mv.visitFieldInsn(GETSTATIC, ctx.layout.className(), ctx.layout.typeConstant(h.typeIndex()),
                            RuntimeTypes.FUNCTION_TYPE);
                    Builtin.GC_TEST_FUNCTION_TYPE.invoke(mv);
                } else if (h.definition() == HeapType.Kind.FUNC) {
                    mv.visitFieldInsn(GETSTATIC, ctx.layout.className(), ctx.layout.typeConstant(h.typeIndex()),
                            RuntimeTypes.FUNCTION_TYPE);
                    Builtin.GC_TEST_FUNCTION.invoke(mv);
                } else {
                    loadType(h.typeIndex());
                    Builtin.GC_TEST.invoke(mv);
                }
            }
        }
        if (nullable) {
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(isNull);
            mv.visitInsn(POP);
            mv.visitInsn(ICONST_1);
            mv.visitLabel(done);
        }
    }

    private void structNew(int t) {
        var fields = definitions().type(t).fields();
        String struct = ctx.layout.structClass(t);
        loadType(t);
        mv.visitMethodInsn(INVOKESTATIC, struct, StructLayout.FACTORY,
                StructLayout.factoryDescriptor(struct, fields), false);
        ctx.stack.pop(fields.size());
        ctx.stack.push(ref(t));
    }

    private void newFixed(int t, int n) {
        if (n > MAX_FIXED_ELEMENTS) {
            throw new JvmLimitException("an array.new_fixed of " + n + " elements; wasm2jar compiles up to "
                    + MAX_FIXED_ELEMENTS);
        }
        TypeDefinitions.Field f = element(t);
        int[] temps = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            temps[i] = ctx.slots.temp(f.type());
            mv.visitVarInsn(JvmTypes.store(f.type()), temps[i]);
        }
        ctx.pushInt(n);
        loadType(t);
        Builtin.GC_NEW_DEFAULT.invoke(mv);
        mv.visitTypeInsn(CHECKCAST, arrayClass(f));
        for (int i = 0; i < n; i++) {
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, arrayClass(f), "values", arrayType(f).getDescriptor());
            ctx.pushInt(i);
            mv.visitVarInsn(JvmTypes.load(f.type()), temps[i]);
            mv.visitInsn(arrayType(f).getElementType().getOpcode(IASTORE));
        }
        ctx.stack.pop(n);
        ctx.stack.push(ref(t));
    }

    private int indexSlot() {
        if (indexSlot < 0) {
            indexSlot = ctx.slots.allocate(1);
        }
        return indexSlot;
    }

    /** Casts the array below and loads its JVM array of values. */
    private void loadValues(TypeDefinitions.Field f) {
        mv.visitTypeInsn(CHECKCAST, arrayClass(f));
        mv.visitFieldInsn(GETFIELD, arrayClass(f), "values", arrayType(f).getDescriptor());
    }

    private void unsigned(TypeDefinitions.Field f) {
        ctx.pushInt(f.packed() == GcType.I8 ? 0xFF : 0xFFFF);
        mv.visitInsn(IAND);
    }

    private void loadType(int typeIndex) {
        mv.visitFieldInsn(GETSTATIC, ctx.layout.className(), Names.GC_TYPES, RuntimeTypes.GC_TYPE_ARRAY);
        ctx.pushInt(typeIndex);
        mv.visitInsn(AALOAD);
    }

    private TypeDefinitions definitions() {
        return ctx.layout.model().definitions();
    }

    private TypeDefinitions.Field element(int arrayType) {
        return definitions().type(arrayType).fields().get(0);
    }

    private ValueType ref(int typeIndex) {
        return ValueType.ref(HeapType.concrete(typeIndex, definitions().type(typeIndex).kind()), false);
    }

    /** {@code GcArray$I32} ... */
    private static String arrayClass(TypeDefinitions.Field f) {
        return RuntimeTypes.GC_ARRAY_CLASS + "$" + kind(f);
    }

    private static String kind(TypeDefinitions.Field f) {
        if (f.packed() != 0) {
            return f.packed() == GcType.I8 ? "I8" : "I16";
        }
        return switch (f.type().kind()) {
            case I32 -> "I32";
            case I64 -> "I64";
            case F32 -> "F32";
            case F64 -> "F64";
            default -> "Ref";
        };
    }

    /** The JVM array that holds the elements: {@code byte[]}, {@code short[]} ... {@code Object[]}. */
    private static Type arrayType(TypeDefinitions.Field f) {
        return Type.getType(switch (kind(f)) {
            case "I8" -> "[B";
            case "I16" -> "[S";
            case "I32" -> "[I";
            case "I64" -> "[J";
            case "F32" -> "[F";
            case "F64" -> "[D";
            default -> "[Ljava/lang/Object;";
        });
    }

    private static Builtin newBuiltin(TypeDefinitions.Field f) {
        return switch (kind(f)) {
            case "I8" -> Builtin.GC_NEW_I8;
            case "I16" -> Builtin.GC_NEW_I16;
            case "I32" -> Builtin.GC_NEW_I32;
            case "I64" -> Builtin.GC_NEW_I64;
            case "F32" -> Builtin.GC_NEW_F32;
            case "F64" -> Builtin.GC_NEW_F64;
            default -> Builtin.GC_NEW_REF;
        };
    }

    private static Builtin fillBuiltin(TypeDefinitions.Field f) {
        return switch (kind(f)) {
            case "I8", "I16", "I32" -> Builtin.GC_FILL_I32;
            case "I64" -> Builtin.GC_FILL_I64;
            case "F32" -> Builtin.GC_FILL_F32;
            case "F64" -> Builtin.GC_FILL_F64;
            default -> Builtin.GC_FILL_REF;
        };
    }
}
