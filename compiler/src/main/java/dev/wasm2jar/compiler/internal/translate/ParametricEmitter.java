package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.ValueType;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/** {@code drop} and {@code select}: stack shuffling, with vectors (which live in locals) handled apart. */
final class ParametricEmitter implements Emitter {
    private final EmitContext ctx;
    private final MethodVisitor mv;

    ParametricEmitter(EmitContext ctx) {
        this.ctx = ctx;
        this.mv = ctx.mv;
    }

    @Override
    public void emit(Instruction in) {
        switch (in.op()) {
            case DROP -> {
                ValueType dropped = ctx.stack.pop();
                if (dropped != ValueType.V128) {
                    mv.visitInsn(JvmTypes.size(dropped) == 2 ? POP2 : POP);
                }
            }
            case SELECT, SELECT_T -> select();
            default -> throw Emitter.unsupported(in);
        }
    }

    private void select() {
        ctx.stack.reads(3); // both operands stay in place until the condition picks one
        ctx.stack.pop();
        if (ctx.stack.peek(0) == ValueType.V128) {
            // Keep the first operand, in its own slots; on a false condition overwrite it with the second.
            int p = ctx.stack.size() - 2;
            Shape s = ctx.stack.shape(p);
            ctx.vectors.linkOperands(p, p + 1);
            ctx.vectors.own(p, s);
            Label done = new Label();
            mv.visitJumpInsn(IFNE, done);
            ctx.vectors.copy(p + 1, p, s);
            mv.visitLabel(done);
            ctx.stack.pop();
            return;
        }
        ValueType type = ctx.stack.pop();
        boolean wide = JvmTypes.size(type) == 2;
        Label second = new Label();
        Label done = new Label();
        mv.visitJumpInsn(IFEQ, second);
        mv.visitInsn(wide ? POP2 : POP);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(second);
        if (wide) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
        } else {
            mv.visitInsn(SWAP);
            mv.visitInsn(POP);
        }
        mv.visitLabel(done);
    }
}
