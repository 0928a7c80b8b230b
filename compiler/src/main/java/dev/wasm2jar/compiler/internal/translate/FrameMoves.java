package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.model.FunctionBody;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.MethodVisitor;

/**
 * Moves values between one method of a split function and the function's frame ({@link FunctionTranslator.Frame}):
 * locals written back and reloaded where control passes between methods, operands passed into and out of parts.
 * Numbers are raw bits in {@code long[] frame}, references in {@code Object[] refs}, a vector two longs.
 */
final class FrameMoves {
    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final List<ValueType> localTypes;
    private final int[] frameSlots;
    private final FunctionTranslator.Frame frame;
    private final int frameSlot;
    private final int refsSlot;
    /** Locals that live in the frame in this method ({@code Region.resident}): never moved, read and written there. */
    private final java.util.BitSet resident;

    FrameMoves(EmitContext ctx, List<ValueType> localTypes, int[] frameSlots, FunctionTranslator.Frame frame,
            java.util.BitSet resident) {
        this.resident = (java.util.BitSet) resident.clone();
        for (int i = 0; i < localTypes.size(); i++) {
            if (localTypes.get(i) == ValueType.V128) {
                this.resident.clear(i); // vectors live in Vectors' slots
            }
        }
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.localTypes = localTypes;
        this.frameSlots = frameSlots;
        this.frame = frame;
        this.frameSlot = ctx.slots.frame();
        this.refsSlot = ctx.slots.refs();
    }

    /** The top function of a split function: allocate the frame and put the parameters in it. */
    void allocate(int params) {
        ctx.pushInt(frame.size());
        mv.visitIntInsn(NEWARRAY, T_LONG);
        mv.visitVarInsn(ASTORE, frameSlot);
        ctx.pushInt(frame.refs());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        mv.visitVarInsn(ASTORE, refsSlot);
        for (int i = 0; i < params; i++) {
            flushLocal(i);
        }
    }

    /** Writes {@code locals} back to the frame, but those that live there. */
    void flushLocals(java.util.BitSet locals) {
        locals.stream().filter(l -> !resident.get(l)).forEach(this::flushLocal);
    }

    /** Whether {@code local} lives in the frame in this method. */
    boolean resident(int local) {
        return resident.get(local);
    }

    /** {@code local.get} of a local that lives in the frame. */
    void getResident(int local) {
        getSlot(localTypes.get(local), frameSlots[local]);
    }

    /** {@code local.set} of a local that lives in the frame: pops the value. */
    void setResident(int local) {
        putSlot(localTypes.get(local), frameSlots[local]);
    }

    private void flushLocal(int local) {
        ValueType type = localTypes.get(local);
        if (type == ValueType.V128) {
            ctx.vectors.pushLocalHalves(local);
            putHalves(frameSlots[local]);
            return;
        }
        if (type.kind() == ValueType.Kind.I32 || type.kind() == ValueType.Kind.I64 || type.isReference()) {
            // Written out rather than through FrameOps: the JVM's interpreter, which runs a split function's cold
            // parts, pays for every call, and the array store is no larger than the call.
            mv.visitVarInsn(ALOAD, type.isReference() ? refsSlot : frameSlot);
            ctx.pushInt(frameSlots[local]);
            mv.visitVarInsn(JvmTypes.load(type), ctx.slots.local(local));
            if (type.kind() == ValueType.Kind.I32) {
                mv.visitInsn(I2L);
            }
            mv.visitInsn(type.isReference() ? AASTORE : LASTORE);
            return;
        }
        mv.visitVarInsn(JvmTypes.load(type), ctx.slots.local(local));
        putSlot(type, frameSlots[local]);
    }

    /** Reloads {@code local} from the frame, unless it lives there. */
    void loadLocal(int local) {
        if (resident.get(local)) {
            return;
        }
        ValueType type = localTypes.get(local);
        if (type == ValueType.V128) {
            getHalves(frameSlots[local]);
            ctx.vectors.storeLocalHalves(local);
            return;
        }
        getSlot(type, frameSlots[local]);
        mv.visitVarInsn(JvmTypes.store(type), ctx.slots.local(local));
    }

    /**
     * Stores the top {@code types.size()} values (bottom first in {@code types}) into the operand slots, two per
     * value so a vector fits. Scalars leave the JVM stack; vectors are read from their positions' slots. The tracked
     * stack is left as it was.
     */
    void storeOperands(List<ValueType> types) {
        int first = ctx.stack.size() - types.size();
        for (int i = types.size() - 1; i >= 0; i--) {
            int slot = frame.locals() + 2 * i;
            if (types.get(i) == ValueType.V128) {
                ctx.vectors.canonicalize(first + i);
                ctx.vectors.pushHalves(ctx.vectors.base(first + i), Shape.L2);
                putHalves(slot);
            } else {
                putSlot(types.get(i), slot);
            }
        }
    }

    /** Pushes values of {@code types} from the operand slots, onto the JVM stack and the tracked one. */
    void pushOperands(List<ValueType> types) {
        for (int i = 0; i < types.size(); i++) {
            int slot = frame.locals() + 2 * i;
            if (types.get(i) == ValueType.V128) {
                ctx.stack.push(ValueType.V128);
                getHalves(slot);
                ctx.vectors.storeHalves(ctx.vectors.base(ctx.stack.size() - 1), Shape.L2);
            } else {
                getSlot(types.get(i), slot);
                ctx.stack.push(types.get(i));
            }
        }
    }

    /** Pops the entry into a part of a switch's cases into the frame's first operand slot (it consumes none). */
    void storeEntry() {
        putSlot(ValueType.I32, frame.locals());
    }

    /** Pushes the entry {@link #storeEntry} stored. */
    void loadEntry() {
        getSlot(ValueType.I32, frame.locals());
    }

    /**
     * Pops the exception a part lets escape into the frame's first operand slot (a part that throws carries no
     * operands), for the method that called it to throw again ({@link PartBoundary#THROW}).
     */
    void storeException() {
        putSlot(ValueType.EXTERNREF, frame.locals());
    }

    /** Pushes the exception {@link #storeException} stored. */
    void loadException() {
        getSlot(ValueType.EXTERNREF, frame.locals());
        mv.visitTypeInsn(CHECKCAST, RuntimeTypes.THROWN_EXCEPTION_CLASS);
    }

    /** Pops a vector's two halves (high on top) into frame slots {@code slot} and {@code slot + 1}. */
    private void putHalves(int slot) {
        putSlot(ValueType.I64, slot + 1);
        putSlot(ValueType.I64, slot);
    }

    /** Pushes a vector's halves from frame slots {@code slot} and {@code slot + 1}, low first. */
    private void getHalves(int slot) {
        getSlot(ValueType.I64, slot);
        getSlot(ValueType.I64, slot + 1);
    }

    /** The frame of a function of this type and body, for operand stacks up to {@code maxHeight}. */
    static FunctionTranslator.Frame frame(FunctionType type, FunctionBody body, int maxHeight, boolean references) {
        int locals = frameSlots(type, body)[type.params().size() + body.locals().size()];
        int size = locals + 2 * (maxHeight + type.results().size() + 1);
        return new FunctionTranslator.Frame(size, locals, references ? size : 0);
    }

    /** The frame slot of every local (one each, two for a vector), and after them the first free slot. */
    static int[] frameSlots(FunctionType type, FunctionBody body) {
        List<ValueType> all = new ArrayList<>(type.params());
        all.addAll(body.locals());
        int[] slots = new int[all.size() + 1];
        for (int i = 0; i < all.size(); i++) {
            slots[i + 1] = slots[i] + (all.get(i) == ValueType.V128 ? 2 : 1);
        }
        return slots;
    }

    private void putSlot(ValueType type, int slot) {
        if (type.kind() == ValueType.Kind.I32 || type.kind() == ValueType.Kind.I64 || type.isReference()) {
            // Written out, as in flushLocal: the value under the array and the index, then moved above them.
            if (type.kind() == ValueType.Kind.I32) {
                mv.visitInsn(I2L);
            }
            mv.visitVarInsn(ALOAD, type.isReference() ? refsSlot : frameSlot);
            ctx.pushInt(slot);
            mv.visitInsn(type.isReference() ? DUP2_X1 : DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(type.isReference() ? AASTORE : LASTORE);
            return;
        }
        mv.visitVarInsn(ALOAD, type.isReference() ? refsSlot : frameSlot);
        ctx.pushInt(slot);
        (switch (type.kind()) {
            case I32 -> Builtin.FRAME_PUT_I32;
            case I64 -> Builtin.FRAME_PUT_I64;
            case F32 -> Builtin.FRAME_PUT_F32;
            case F64 -> Builtin.FRAME_PUT_F64;
            case REF -> Builtin.FRAME_PUT_REF;
            case V128 -> throw new IllegalArgumentException("a vector is two long slots");
        }).invoke(mv);
    }

    private void getSlot(ValueType type, int slot) {
        mv.visitVarInsn(ALOAD, type.isReference() ? refsSlot : frameSlot);
        ctx.pushInt(slot);
        if (type.kind() == ValueType.Kind.I32 || type.kind() == ValueType.Kind.I64) {
            mv.visitInsn(LALOAD); // as in flushLocal: no call for the interpreter to make
            if (type.kind() == ValueType.Kind.I32) {
                mv.visitInsn(L2I);
            }
            return;
        }
        (switch (type.kind()) {
            case I32 -> Builtin.FRAME_GET_I32;
            case I64 -> Builtin.FRAME_GET_I64;
            case F32 -> Builtin.FRAME_GET_F32;
            case F64 -> Builtin.FRAME_GET_F64;
            case REF -> Builtin.FRAME_GET_REF;
            case V128 -> throw new IllegalArgumentException("a vector is two long slots");
        }).invoke(mv);
        if (type.javaType() == dev.wasm2jar.runtime.WasmFunction.class) {
            mv.visitTypeInsn(CHECKCAST, RuntimeTypes.WASM_FUNCTION_CLASS);
        }
    }
}
