package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.classfile.JvmTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code call} and {@code call_indirect}: an {@code invokestatic} of the callee's method (or of the stub that checks
 * and invokes a table element), with the instance last, then the memory reloaded since the callee may have grown it.
 */
final class CallEmitter {
    private final FunctionTranslator t;
    private final MethodVisitor mv;

    CallEmitter(FunctionTranslator t) {
        this.t = t;
        this.mv = t.mv;
    }

    boolean emit(Instruction in) {
        switch (in.op()) {
            case CALL -> call(in.intOperand(0));
            case CALL_INDIRECT -> callIndirect(in.intOperand(0), in.intOperand(1));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void call(int function) {
        FunctionType callee = t.layout.model().functionType(function);
        passVectors(callee.params());
        t.stack.pop(callee.params().size());
        t.loadSelf();
        mv.visitMethodInsn(INVOKESTATIC, t.layout.functionOwner(function), t.layout.functionMethod(function),
                t.layout.functionDescriptor(callee), false);
        afterCall(callee);
    }

    private void callIndirect(int typeIndex, int tableIndex) {
        FunctionType callee = t.layout.model().types().get(typeIndex);
        t.stack.pop();
        if (callee.params().contains(ValueType.V128)) {
            int index = t.newTemp(ValueType.I32);
            mv.visitVarInsn(ISTORE, index);
            passVectors(callee.params());
            mv.visitVarInsn(ILOAD, index);
        }
        t.stack.pop(callee.params().size());
        t.loadSelf();
        mv.visitMethodInsn(INVOKESTATIC, t.layout.className(), t.layout.callIndirectStub(typeIndex, tableIndex),
                t.layout.callIndirectDescriptor(callee), false);
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
        int first = t.stack.size() - params.size();
        int[] temps = new int[params.size()];
        for (int i = params.size() - 1; i >= 0; i--) {
            if (params.get(i) != ValueType.V128) {
                temps[i] = t.newTemp(params.get(i));
                mv.visitVarInsn(JvmTypes.store(params.get(i)), temps[i]);
            }
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == ValueType.V128) {
                t.vectors.box(first + i);
            } else {
                mv.visitVarInsn(JvmTypes.load(params.get(i)), temps[i]);
            }
        }
    }

    private void afterCall(FunctionType callee) {
        int first = t.stack.size();
        t.stack.pushAll(callee.results());
        if (callee.results().size() > 1) {
            Results.unpack(t, callee.results(), first);
        } else if (callee.results().size() == 1 && callee.results().get(0) == ValueType.V128) {
            t.vectors.unbox(first);
        }
        t.reloadMemory();
    }
}
