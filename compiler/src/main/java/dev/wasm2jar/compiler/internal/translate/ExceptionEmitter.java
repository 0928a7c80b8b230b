package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code throw} and {@code throw_ref}: a {@code ThrownException} thrown with {@code athrow} (catching is
 * {@link TryTables}'). The values of a {@code throw} travel boxed in an {@code Object[]}, as the public
 * {@code ThrownException} holds them.
 */
final class ExceptionEmitter implements Emitter {
    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final ControlFlow control;

    ExceptionEmitter(EmitContext ctx, ControlFlow control) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.control = control;
    }

    @Override
    public void emit(Instruction in) {
        switch (in.op()) {
            case THROW -> {
                int tag = in.intOperand(0);
                List<ValueType> values = ctx.layout.model().tagType(tag).params();
                Results.packBoxed(ctx, values);
                ctx.loadLink();
                ctx.pushInt(tag);
                Builtin.LINK_TAG.invoke(mv);
                Builtin.EXCEPTION_NEW.invoke(mv);
                mv.visitInsn(ATHROW);
                ctx.stack.pop(values.size());
            }
            case THROW_REF -> {
                Builtin.EXCEPTION_RETHROW.invoke(mv);
                mv.visitInsn(ATHROW);
                ctx.stack.pop();
            }
            default -> throw Emitter.unsupported(in);
        }
        control.markUnreachable();
    }
}
