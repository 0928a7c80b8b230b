package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Several results travel between JVM methods in one array ({@link FunctionType#resultJavaType}): {@code long[]} of
 * raw bits when all are numbers, else {@code Object[]} of boxed values ({@code V128} for vectors). Packs them at a
 * return, unpacks after a call.
 */
final class Results {
    private Results() {}

    /** Replaces the top {@code types.size()} values with one array holding them (vectors boxed from their slots). */
    static void pack(EmitContext ctx, List<ValueType> types) {
        pack(ctx, types, FunctionType.resultJavaType(types) == long[].class);
    }

    /** Replaces the top {@code types.size()} values with an {@code Object[]} of them, boxed (an exception's). */
    static void packBoxed(EmitContext ctx, List<ValueType> types) {
        pack(ctx, types, false);
    }

    private static void pack(EmitContext ctx, List<ValueType> types, boolean bits) {
        MethodVisitor mv = ctx.mv;
        int first = ctx.stack.size() - types.size();
        int[] temps = new int[types.size()];
        for (int i = types.size() - 1; i >= 0; i--) {
            if (types.get(i) != ValueType.V128) {
                temps[i] = ctx.slots.temp(types.get(i));
                mv.visitVarInsn(JvmTypes.store(types.get(i)), temps[i]);
            }
        }
        ctx.pushInt(types.size());
        if (bits) {
            mv.visitIntInsn(NEWARRAY, T_LONG);
        } else {
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        }
        for (int i = 0; i < types.size(); i++) {
            ValueType type = types.get(i);
            mv.visitInsn(DUP);
            ctx.pushInt(i);
            if (type == ValueType.V128) {
                ctx.vectors.box(first + i);
            } else {
                mv.visitVarInsn(JvmTypes.load(type), temps[i]);
            }
            if (bits) {
                toBits(mv, type);
                mv.visitInsn(LASTORE);
            } else {
                box(mv, type);
                mv.visitInsn(AASTORE);
            }
        }
    }

    /**
     * Replaces the array on top with the values it holds; they are on the tracked stack already, from position
     * {@code first} (vectors go to their slots there).
     */
    static void unpack(EmitContext ctx, List<ValueType> types, int first) {
        MethodVisitor mv = ctx.mv;
        boolean bits = FunctionType.resultJavaType(types) == long[].class;
        int array = ctx.slots.temp(ValueType.EXTERNREF);
        mv.visitVarInsn(ASTORE, array);
        for (int i = 0; i < types.size(); i++) {
            ValueType type = types.get(i);
            mv.visitVarInsn(ALOAD, array);
            ctx.pushInt(i);
            if (bits) {
                mv.visitInsn(LALOAD);
                fromBits(mv, type);
            } else {
                mv.visitInsn(AALOAD);
                unbox(mv, type);
                if (type == ValueType.V128) {
                    ctx.vectors.unbox(first + i);
                }
            }
        }
    }

    private static void toBits(MethodVisitor mv, ValueType type) {
        switch (type.kind()) {
            case I32 -> mv.visitInsn(I2L);
            case I64 -> { }
            case F32 -> {
                Builtin.FLOAT_TO_RAW_BITS.invoke(mv);
                mv.visitInsn(I2L);
            }
            case F64 -> Builtin.DOUBLE_TO_RAW_BITS.invoke(mv);
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    private static void fromBits(MethodVisitor mv, ValueType type) {
        switch (type.kind()) {
            case I32 -> mv.visitInsn(L2I);
            case I64 -> { }
            case F32 -> {
                mv.visitInsn(L2I);
                Builtin.FLOAT_FROM_BITS.invoke(mv);
            }
            case F64 -> Builtin.DOUBLE_FROM_BITS.invoke(mv);
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    /** Boxes the value of {@code type} on the stack as {@code WasmFunction.call} takes it (references as they are). */
    static void box(MethodVisitor mv, ValueType type) {
        switch (type.kind()) {
            case I32 -> Builtin.INTEGER_BOX.invoke(mv);
            case I64 -> Builtin.LONG_BOX.invoke(mv);
            case F32 -> Builtin.FLOAT_BOX.invoke(mv);
            case F64 -> Builtin.DOUBLE_BOX.invoke(mv);
            default -> { }
        }
    }

    /** The value of {@code type} from the object on the stack that {@link #box} (or a handle's boxing) made. */
    static void unbox(MethodVisitor mv, ValueType type) {
        switch (type.kind()) {
            case I32 -> unbox(mv, Builtin.INTEGER_UNBOX);
            case I64 -> unbox(mv, Builtin.LONG_UNBOX);
            case F32 -> unbox(mv, Builtin.FLOAT_UNBOX);
            case F64 -> unbox(mv, Builtin.DOUBLE_UNBOX);
            case V128 -> mv.visitTypeInsn(CHECKCAST, RuntimeTypes.V128_CLASS);
            case REF -> {
                if (type.javaType() != Object.class) {
                    mv.visitTypeInsn(CHECKCAST, Type.getInternalName(type.javaType()));
                }
            }
        }
    }

    private static void unbox(MethodVisitor mv, Builtin value) {
        mv.visitTypeInsn(CHECKCAST, value.owner());
        value.invoke(mv);
    }
}
