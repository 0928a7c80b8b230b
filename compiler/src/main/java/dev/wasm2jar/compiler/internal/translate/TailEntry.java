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
 * calls the body {@code fN} inside a handler for {@code TailCall}, which runs the unwound call and what it unwinds in
 * turn, and returns the result as the body would have. Ordinary calls and the function's handle go here.
 */
public final class TailEntry {
    private static final String TAIL_CALL = Type.getInternalName(dev.wasm2jar.runtime.abi.TailCalls.TailCall.class);

    private TailEntry() {}

    public static void write(ClassVisitor cw, ModuleLayout layout, int function) {
        FunctionType type = layout.model().functionType(function);
        String descriptor = layout.functionDescriptor(type);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, layout.entryMethod(function), descriptor, null,
                null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, TAIL_CALL);
        mv.visitLabel(start);
        int slot = 0;
        for (ValueType t : type.params()) {
            mv.visitVarInsn(JvmTypes.load(t), slot);
            slot += JvmTypes.size(t);
        }
        mv.visitVarInsn(ALOAD, slot);
        mv.visitMethodInsn(INVOKESTATIC, layout.functionOwner(function), layout.functionMethod(function), descriptor,
                false);
        mv.visitLabel(end);
        Type result = JvmTypes.resultType(type.results());
        mv.visitInsn(result.getOpcode(IRETURN));
        mv.visitLabel(handler);
        Builtin.TAIL_CALL_RUN.invoke(mv);
        List<ValueType> results = type.results();
        if (results.isEmpty()) {
            mv.visitInsn(POP);
        } else if (results.size() == 1) {
            Results.unbox(mv, results.get(0));
        } else {
            mv.visitTypeInsn(CHECKCAST, result.getInternalName());
        }
        mv.visitInsn(result.getOpcode(IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
