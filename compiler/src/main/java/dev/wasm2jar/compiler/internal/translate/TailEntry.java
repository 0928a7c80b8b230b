package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.layout.ModuleLayout;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The entry of a function that makes tail calls (RATIONALE.md, "Tail calls"): {@code fN$entry(params..., self)}
 * calls the body {@code fN}; when a tail call was deferred on the way (the body then returned a dummy result), it
 * runs that call, and each one deferred while it runs, and returns the last result instead. Ordinary calls and the
 * function's handle go here; tail calls go to the body.
 */
public final class TailEntry {
    private TailEntry() {}

    public static void write(ClassVisitor cw, ModuleLayout layout, int function) {
        FunctionType type = layout.model().functionType(function);
        String descriptor = layout.functionDescriptor(type);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, layout.entryMethod(function), descriptor, null,
                null);
        mv.visitCode();
        int slot = 0;
        for (ValueType t : type.params()) {
            mv.visitVarInsn(JvmTypes.load(t), slot);
            slot += JvmTypes.size(t);
        }
        mv.visitVarInsn(ALOAD, slot);
        int result = slot + 1;
        int taken = result + 2;
        mv.visitMethodInsn(INVOKESTATIC, layout.functionOwner(function), layout.functionMethod(function), descriptor,
                false);
        Type resultType = JvmTypes.resultType(type.results());
        boolean none = resultType.getSort() == Type.VOID;
        if (!none) {
            mv.visitVarInsn(resultType.getOpcode(ISTORE), result);
        }
        Label done = new Label();
        Builtin.TAIL_CALL_ANY.invoke(mv);
        mv.visitJumpInsn(IFEQ, done);
        Builtin.TAIL_CALL_TAKE.invoke(mv);
        mv.visitVarInsn(ASTORE, taken);
        mv.visitVarInsn(ALOAD, taken);
        mv.visitJumpInsn(IFNULL, done);
        mv.visitVarInsn(ALOAD, taken);
        Builtin.TAIL_CALL_RUN.invoke(mv);
        List<ValueType> results = type.results();
        if (none) {
            mv.visitInsn(POP);
            mv.visitInsn(RETURN);
        } else {
            if (results.size() == 1) {
                Results.unbox(mv, results.get(0));
            } else {
                mv.visitTypeInsn(CHECKCAST, resultType.getInternalName());
            }
            mv.visitInsn(resultType.getOpcode(IRETURN));
        }
        mv.visitLabel(done);
        if (!none) {
            mv.visitVarInsn(resultType.getOpcode(ILOAD), result);
        }
        mv.visitInsn(resultType.getOpcode(IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
