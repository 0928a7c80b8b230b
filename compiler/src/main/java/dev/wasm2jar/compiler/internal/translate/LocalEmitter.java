package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.MethodVisitor;

/** {@code local.get}, {@code local.set} and {@code local.tee}: JVM locals, vectors in {@link Vectors}' slots. */
final class LocalEmitter implements Emitter {
    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final ControlFlow control;
    private final List<ValueType> localTypes;
    private final FrameMoves moves;

    LocalEmitter(EmitContext ctx, ControlFlow control, List<ValueType> localTypes, FrameMoves moves) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.control = control;
        this.localTypes = localTypes;
        this.moves = moves;
    }

    @Override
    public void emit(Instruction in) {
        int local = in.intOperand(0);
        ValueType type = localTypes.get(local);
        int slot = ctx.slots.local(local);
        if (moves.resident(local)) {
            emitResident(in.op(), local, type);
            return;
        }
        switch (in.op()) {
            case LOCAL_GET -> {
                if (type == ValueType.V128) {
                    ctx.vectors.get(local);
                } else {
                    mv.visitVarInsn(JvmTypes.load(type), slot);
                    ctx.stack.push(type);
                }
            }
            case LOCAL_SET -> {
                if (type == ValueType.V128) {
                    ctx.vectors.set(local);
                } else {
                    mv.visitVarInsn(JvmTypes.store(type), slot);
                    ctx.stack.pop();
                }
            }
            case LOCAL_TEE -> {
                ctx.stack.reads(1);
                if (type == ValueType.V128) {
                    ctx.vectors.tee(local);
                } else if (ctx.cursor.fused() instanceof Peepholes.CountedExit exit) {
                    mv.visitVarInsn(ISTORE, slot); // the br_if tests the local
                    control.countedExit(exit, IFNE, () -> mv.visitVarInsn(ILOAD, slot));
                } else {
                    mv.visitInsn(JvmTypes.size(type) == 2 ? DUP2 : DUP);
                    mv.visitVarInsn(JvmTypes.store(type), slot);
                }
            }
            default -> throw Emitter.unsupported(in);
        }
    }

    /** The same for a local that lives in the frame in this method ({@link FrameMoves#resident}). */
    private void emitResident(Op op, int local, ValueType type) {
        switch (op) {
            case LOCAL_GET -> {
                moves.getResident(local);
                ctx.stack.push(type);
            }
            case LOCAL_SET -> {
                moves.setResident(local);
                ctx.stack.pop();
            }
            case LOCAL_TEE -> {
                ctx.stack.reads(1);
                if (ctx.cursor.fused() instanceof Peepholes.CountedExit exit) {
                    moves.setResident(local); // the br_if tests the local
                    control.countedExit(exit, IFNE, () -> moves.getResident(local));
                } else {
                    mv.visitInsn(JvmTypes.size(type) == 2 ? DUP2 : DUP);
                    moves.setResident(local);
                }
            }
            default -> throw new IllegalArgumentException(op.toString());
        }
    }
}
