package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code call}, {@code call_indirect} and {@code call_ref}: an {@code invokestatic} of the callee's method (or of the
 * stub that checks and invokes a table element, or invokes a reference), with the instance last (not for references), then the memory reloaded since the callee may have grown it.
 */
final class CallEmitter implements Emitter {
    private final EmitContext ctx;
    private final MethodVisitor mv;

    CallEmitter(EmitContext ctx) {
        this.ctx = ctx;
        this.mv = ctx.mv;
    }

    @Override
    public void emit(Instruction in) {
        switch (in.op()) {
            case CALL -> call(in.intOperand(0));
            case CALL_INDIRECT -> callIndirect(in.intOperand(0), in.intOperand(1));
            case CALL_REF -> callRef(in.intOperand(0));
            default -> throw Emitter.unsupported(in);
        }
    }

    private void call(int function) {
        FunctionType callee = ctx.layout.model().functionType(function);
        passVectors(callee.params());
        ctx.stack.pop(callee.params().size());
        ctx.loadSelf();
        mv.visitMethodInsn(INVOKESTATIC, ctx.layout.functionOwner(function), ctx.layout.functionMethod(function),
                ctx.layout.functionDescriptor(callee), false);
        afterCall(callee);
    }

    private void callIndirect(int typeIndex, int tableIndex) {
        FunctionType callee = ctx.layout.model().types().get(typeIndex);
        ctx.stack.pop();
        if (callee.params().contains(ValueType.V128)) {
            int index = ctx.slots.temp(ValueType.I32);
            mv.visitVarInsn(ISTORE, index);
            passVectors(callee.params());
            mv.visitVarInsn(ILOAD, index);
        }
        ctx.stack.pop(callee.params().size());
        ctx.loadSelf();
        mv.visitMethodInsn(INVOKESTATIC, ctx.layout.className(), ctx.layout.callIndirectStub(typeIndex, tableIndex),
                ctx.layout.callIndirectDescriptor(callee), false);
        afterCall(callee);
    }

    /** {@code call_ref}: the reference is on top of the arguments, as the stub takes it. */
    private void callRef(int typeIndex) {
        FunctionType callee = ctx.layout.model().types().get(typeIndex);
        ctx.stack.pop();
        if (callee.params().contains(ValueType.V128)) {
            int ref = ctx.slots.temp(ValueType.FUNCREF);
            mv.visitVarInsn(ASTORE, ref);
            passVectors(callee.params());
            mv.visitVarInsn(ALOAD, ref);
        }
        ctx.stack.pop(callee.params().size());
        mv.visitMethodInsn(INVOKESTATIC, ctx.layout.className(), ctx.layout.callRefStub(typeIndex),
                ctx.layout.callRefDescriptor(callee), false);
        afterCall(callee);
    }

    /**
     * Vectors are not on the JVM stack, but a callee takes them as {@code V128} objects among its other arguments:
     * takes the scalar arguments off the JVM stack and pushes all arguments in order, vectors boxed.
     */
    private void passVectors(List<ValueType> params) {
        if (!params.contains(ValueType.V128)) {
            return;
        }
        int first = ctx.stack.size() - params.size();
        int[] temps = new int[params.size()];
        for (int i = params.size() - 1; i >= 0; i--) {
            if (params.get(i) != ValueType.V128) {
                temps[i] = ctx.slots.temp(params.get(i));
                mv.visitVarInsn(JvmTypes.store(params.get(i)), temps[i]);
            }
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == ValueType.V128) {
                ctx.vectors.box(first + i);
            } else {
                mv.visitVarInsn(JvmTypes.load(params.get(i)), temps[i]);
            }
        }
    }

    private void afterCall(FunctionType callee) {
        int first = ctx.stack.size();
        ctx.stack.pushAll(callee.results());
        if (callee.results().size() > 1) {
            Results.unpack(ctx, callee.results(), first);
        } else if (callee.results().size() == 1 && callee.results().get(0) == ValueType.V128) {
            ctx.vectors.unbox(first);
        }
        ctx.memory.reload();
    }
}
