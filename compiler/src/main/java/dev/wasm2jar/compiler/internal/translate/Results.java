package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.classfile.JvmTypes;
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
    static void pack(FunctionTranslator t, List<ValueType> types) {
        MethodVisitor mv = t.mv;
        boolean bits = FunctionType.resultJavaType(types) == long[].class;
        int first = t.stack.size() - types.size();
        int[] temps = new int[types.size()];
        for (int i = types.size() - 1; i >= 0; i--) {
            if (types.get(i) != ValueType.V128) {
                temps[i] = t.newTemp(types.get(i));
                mv.visitVarInsn(JvmTypes.store(types.get(i)), temps[i]);
            }
        }
        t.pushInt(types.size());
        if (bits) {
            mv.visitIntInsn(NEWARRAY, T_LONG);
        } else {
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        }
        for (int i = 0; i < types.size(); i++) {
            ValueType type = types.get(i);
            mv.visitInsn(DUP);
            t.pushInt(i);
            if (type == ValueType.V128) {
                t.vectors.box(first + i);
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
    static void unpack(FunctionTranslator t, List<ValueType> types, int first) {
        MethodVisitor mv = t.mv;
        boolean bits = FunctionType.resultJavaType(types) == long[].class;
        int array = t.newTemp(ValueType.EXTERNREF);
        mv.visitVarInsn(ASTORE, array);
        for (int i = 0; i < types.size(); i++) {
            ValueType type = types.get(i);
            mv.visitVarInsn(ALOAD, array);
            t.pushInt(i);
            if (bits) {
                mv.visitInsn(LALOAD);
                fromBits(mv, type);
            } else {
                mv.visitInsn(AALOAD);
                unbox(mv, type);
                if (type == ValueType.V128) {
                    t.vectors.unbox(first + i);
                }
            }
        }
    }

    private static void toBits(MethodVisitor mv, ValueType type) {
        switch (type.kind()) {
            case I32 -> mv.visitInsn(I2L);
            case I64 -> { }
            case F32 -> {
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitInsn(I2L);
            }
            case F64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    private static void fromBits(MethodVisitor mv, ValueType type) {
        switch (type.kind()) {
            case I32 -> mv.visitInsn(L2I);
            case I64 -> { }
            case F32 -> {
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            }
            case F64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    private static void box(MethodVisitor mv, ValueType type) {
        switch (type.kind()) {
            case I32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
            case I64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
            case F32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "valueOf", "(F)Ljava/lang/Float;", false);
            case F64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false);
            default -> { }
        }
    }

    private static void unbox(MethodVisitor mv, ValueType type) {
        switch (type.kind()) {
            case I32 -> unbox(mv, "java/lang/Integer", "intValue", "()I");
            case I64 -> unbox(mv, "java/lang/Long", "longValue", "()J");
            case F32 -> unbox(mv, "java/lang/Float", "floatValue", "()F");
            case F64 -> unbox(mv, "java/lang/Double", "doubleValue", "()D");
            case V128 -> mv.visitTypeInsn(CHECKCAST, "dev/wasm2jar/runtime/V128");
            case REF -> {
                if (type.javaType() != Object.class) {
                    mv.visitTypeInsn(CHECKCAST, Type.getInternalName(type.javaType()));
                }
            }
        }
    }

    private static void unbox(MethodVisitor mv, String owner, String method, String descriptor) {
        mv.visitTypeInsn(CHECKCAST, owner);
        mv.visitMethodInsn(INVOKEVIRTUAL, owner, method, descriptor, false);
    }
}
