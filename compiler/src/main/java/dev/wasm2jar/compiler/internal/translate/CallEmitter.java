package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.layout.Names;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.TailCalls;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code call}, {@code call_indirect} and {@code call_ref}: an {@code invokestatic} of the callee's method (or of the
 * stub that checks and invokes a table element, or that invokes a reference), with the instance last (not for a
 * reference), then the memory reloaded since the callee may have grown it. The tail calls {@code return_call},
 * {@code return_call_indirect} and {@code return_call_ref} are the same calls of the callee's body, and a return,
 * below a bound (RATIONALE.md, "Tail calls").
 */
final class CallEmitter implements Emitter {
    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final ControlFlow control;

    CallEmitter(EmitContext ctx, ControlFlow control) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.control = control;
    }

    @Override
    public void emit(Instruction in) {
        switch (in.op()) {
            case CALL -> call(in.intOperand(0));
            case CALL_INDIRECT -> {
                narrowIndex(in.intOperand(1));
                callIndirect(in.intOperand(0), in.intOperand(1));
            }
            case CALL_REF -> callRef(in.intOperand(0));
            default -> control.outsideTryTables(() -> tailCall(in));
        }
    }

    private void tailCall(Instruction in) {
        switch (in.op()) {
            case RETURN_CALL -> {
                int function = in.intOperand(0);
                FunctionType callee = ctx.layout.model().functionType(function);
                if (function < ctx.layout.importedFunctions()) {
                    // An imported function may be another module's that makes tail calls: its tail handle, as a
                    // reference's, so that a chain across modules does not stack their entries.
                    int type = ctx.layout.model().functionTypes()[function];
                    ctx.loadLink();
                    ctx.pushInt(function);
                    Builtin.LINK_FUNCTION.invoke(mv);
                    ctx.stack.push(ValueType.FUNCREF);
                    tailCall(callee, Tail.REF, type, () -> invokeRef(type, true));
                } else {
                    tailCall(callee, Tail.DIRECT, function, () -> invoke(function, true));
                }
            }
            case RETURN_CALL_INDIRECT -> {
                int type = in.intOperand(0);
                int table = in.intOperand(1);
                narrowIndex(table);
                tailCall(ctx.layout.model().types().get(type), Tail.INDIRECT, type, table,
                        () -> invokeIndirect(type, table, true));
            }
            case RETURN_CALL_REF -> {
                int type = in.intOperand(0);
                tailCall(ctx.layout.model().types().get(type), Tail.REF, type, () -> invokeRef(type, true));
            }
            default -> throw Emitter.unsupported(in);
        }
    }

    private void call(int function) {
        invoke(function, false);
        afterCall(ctx.layout.model().functionType(function));
    }

    /** Invokes {@code function}: its entry if it makes tail calls, unless this is a tail call (its body then). */
    private void invoke(int function, boolean tail) {
        FunctionType callee = ctx.layout.model().functionType(function);
        passVectors(callee.params());
        ctx.stack.pop(callee.params().size());
        ctx.loadSelf();
        mv.visitMethodInsn(INVOKESTATIC, ctx.layout.functionOwner(function),
                tail ? ctx.layout.functionMethod(function) : ctx.layout.callMethod(function),
                ctx.layout.functionDescriptor(callee), false);
    }

    /** A 64-bit table's index (memory64), on top of the stack, as the int the stubs take ({@link Narrowing}). */
    private void narrowIndex(int table) {
        if (ctx.layout.tableAddress64(table)) {
            Builtin.TABLE_U32.invoke(mv);
        }
    }

    private void callIndirect(int typeIndex, int tableIndex) {
        invokeIndirect(typeIndex, tableIndex, false);
        afterCall(ctx.layout.model().types().get(typeIndex));
    }

    private void invokeIndirect(int typeIndex, int tableIndex, boolean tail) {
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
        mv.visitMethodInsn(INVOKESTATIC, ctx.layout.className(),
                tail ? ctx.layout.tailCallIndirectStub(typeIndex, tableIndex)
                        : ctx.layout.callIndirectStub(typeIndex, tableIndex, ctx.cursor.functionIndex()),
                ctx.layout.callIndirectDescriptor(callee), false);
    }

    /** {@code call_ref}: the reference is on top of the arguments, as the stub takes it. */
    private void callRef(int typeIndex) {
        invokeRef(typeIndex, false);
        afterCall(ctx.layout.model().types().get(typeIndex));
    }

    private void invokeRef(int typeIndex, boolean tail) {
        FunctionType callee = ctx.layout.model().types().get(typeIndex);
        ctx.stack.pop();
        if (callee.params().contains(ValueType.V128)) {
            int ref = ctx.slots.temp(ValueType.FUNCREF);
            mv.visitVarInsn(ASTORE, ref);
            passVectors(callee.params());
            mv.visitVarInsn(ALOAD, ref);
        }
        ctx.stack.pop(callee.params().size());
        mv.visitMethodInsn(INVOKESTATIC, ctx.layout.className(),
                tail ? ctx.layout.tailCallRefStub(typeIndex) : ctx.layout.callRefStub(typeIndex),
                ctx.layout.callRefDescriptor(callee), false);
    }

    /** How a tail call names its callee, after its arguments: by index, by a table index on the stack, by reference. */
    private enum Tail { DIRECT, INDIRECT, REF }

    private void tailCall(FunctionType callee, Tail how, int index, Runnable call) {
        tailCall(callee, how, index, -1, call);
    }

    /**
     * A tail call (RATIONALE.md, "Tail calls"): while the instance's count of tail calls is below the bound, an
     * ordinary call of the callee's body ({@code invoke}) and a return; at the bound, the count reset, the call
     * deferred to the entry below the chain (the callee and its boxed arguments) and a dummy result returned in its
     * place. The scalar arguments (and the table index or reference) go to temporaries first, since the bound's path
     * boxes them; vectors stay where they are.
     */
    private void tailCall(FunctionType callee, Tail how, int index, int table, Runnable invoke) {
        List<ValueType> params = callee.params();
        int first = ctx.stack.size() - params.size() - (how == Tail.DIRECT ? 0 : 1);
        int extra = -1;
        if (how == Tail.INDIRECT) {
            extra = ctx.slots.temp(ValueType.I32);
            mv.visitVarInsn(ISTORE, extra);
        } else if (how == Tail.REF) {
            extra = ctx.slots.temp(ValueType.FUNCREF);
            mv.visitVarInsn(ASTORE, extra);
        }
        int[] temps = new int[params.size()];
        for (int i = params.size() - 1; i >= 0; i--) {
            if (params.get(i) != ValueType.V128) {
                temps[i] = ctx.slots.temp(params.get(i));
                mv.visitVarInsn(JvmTypes.store(params.get(i)), temps[i]);
            }
        }
        String owner = ctx.layout.className();
        Label belowBound = new Label();
        Label returned = new Label();
        ctx.loadSelf();
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, owner, Names.TAIL_DEPTH, "I");
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitInsn(DUP_X1);
        mv.visitFieldInsn(PUTFIELD, owner, Names.TAIL_DEPTH, "I");
        ctx.pushInt(TailCalls.BOUND);
        mv.visitJumpInsn(IF_ICMPLT, belowBound);

        // At the bound: reset the count, defer the call to the entry below, and return a dummy result.
        ctx.loadSelf();
        mv.visitInsn(ICONST_0);
        mv.visitFieldInsn(PUTFIELD, owner, Names.TAIL_DEPTH, "I");
        switch (how) {
            case DIRECT -> {
                ctx.loadLink();
                ctx.pushInt(index);
                Builtin.LINK_FUNCTION.invoke(mv);
            }
            case INDIRECT -> {
                mv.visitVarInsn(ILOAD, extra);
                ctx.loadSelf();
                mv.visitFieldInsn(GETFIELD, owner, ctx.layout.tableField(table), RuntimeTypes.TABLE);
                mv.visitFieldInsn(GETSTATIC, owner, ctx.layout.typeConstant(index), RuntimeTypes.FUNCTION_TYPE);
                Builtin.TABLE_ELEMENT.invoke(mv);
            }
            case REF -> mv.visitVarInsn(ALOAD, extra);
        }
        ctx.pushInt(params.size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < params.size(); i++) {
            mv.visitInsn(DUP);
            ctx.pushInt(i);
            if (params.get(i) == ValueType.V128) {
                ctx.vectors.box(first + i);
            } else {
                mv.visitVarInsn(JvmTypes.load(params.get(i)), temps[i]);
                Results.box(mv, params.get(i));
            }
            mv.visitInsn(AASTORE);
        }
        Builtin.TAIL_CALL_DEFER.invoke(mv);
        dummyResult(callee.results());
        mv.visitJumpInsn(GOTO, returned);

        // Below the bound: an ordinary call in tail position.
        mv.visitLabel(belowBound);
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) != ValueType.V128) {
                mv.visitVarInsn(JvmTypes.load(params.get(i)), temps[i]);
            }
        }
        if (extra >= 0) {
            mv.visitVarInsn(how == Tail.INDIRECT ? ILOAD : ALOAD, extra);
        }
        invoke.run();
        mv.visitLabel(returned);
        afterCall(callee);
        control.emitReturn();
        control.markUnreachable();
    }

    /** What a call of a function with these results leaves on the JVM stack, zero or null throughout. */
    private void dummyResult(List<ValueType> results) {
        if (results.size() == 1) {
            dummy(results.get(0));
        } else if (results.size() > 1) {
            boolean numbers = results.stream().allMatch(ValueType::isNumeric);
            ctx.pushInt(results.size());
            if (numbers) {
                mv.visitIntInsn(NEWARRAY, T_LONG);
                return;
            }
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
            for (int i = 0; i < results.size(); i++) {
                mv.visitInsn(DUP);
                ctx.pushInt(i);
                dummy(results.get(i));
                Results.box(mv, results.get(i));
                mv.visitInsn(AASTORE);
            }
        }
    }

    private void dummy(ValueType type) {
        if (type == ValueType.V128) {
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCONST_0);
            Builtin.V128_BOX.invoke(mv);
        } else {
            ctx.pushZero(type);
        }
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
