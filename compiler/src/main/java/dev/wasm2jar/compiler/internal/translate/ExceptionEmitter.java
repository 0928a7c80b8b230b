package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
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
                pack(values);
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

    /** Pushes an {@code Object[]} of the top {@code types.size()} values, boxed; they stay on the tracked stack. */
    private void pack(List<ValueType> types) {
        int first = ctx.stack.size() - types.size();
        int[] temps = new int[types.size()];
        for (int i = types.size() - 1; i >= 0; i--) {
            if (types.get(i) != ValueType.V128) {
                temps[i] = ctx.slots.temp(types.get(i));
                mv.visitVarInsn(JvmTypes.store(types.get(i)), temps[i]);
            }
        }
        ctx.pushInt(types.size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < types.size(); i++) {
            mv.visitInsn(DUP);
            ctx.pushInt(i);
            if (types.get(i) == ValueType.V128) {
                ctx.vectors.box(first + i);
            } else {
                mv.visitVarInsn(JvmTypes.load(types.get(i)), temps[i]);
                Results.box(mv, types.get(i));
            }
            mv.visitInsn(AASTORE);
        }
    }
}
