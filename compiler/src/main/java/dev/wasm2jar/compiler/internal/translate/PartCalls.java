package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.split.Region;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The caller's side of the protocol between the methods of a split function ({@link PartBoundary} is the part's):
 * before a part, the locals it reads that this method wrote go to the frame, and so do the operands it pops; after
 * it, the locals it wrote that this method reads come back, and its exit code decides what runs next.
 */
final class PartCalls {
    /** Translates a part into its own method and says how it leaves. */
    @FunctionalInterface
    interface PartTranslator {
        PartBoundary translate(Region part, Deque<ControlFrame> around, List<ValueType> consumed);
    }

    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final ValueStack stack;
    private final ControlFlow control;
    private final FrameMoves moves;
    private final Region region;
    private final FunctionType type;
    /** This method's own boundary when it is a part itself, else null. */
    private final PartBoundary own;
    private final PartTranslator parts;
    private final String owner;
    private final String descriptor;

    PartCalls(EmitContext ctx, ControlFlow control, FrameMoves moves, Region region, FunctionType type,
            PartBoundary own, PartTranslator parts, String owner, String descriptor) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.stack = ctx.stack;
        this.control = control;
        this.moves = moves;
        this.region = region;
        this.type = type;
        this.own = own;
        this.parts = parts;
        this.owner = owner;
        this.descriptor = descriptor;
    }

    /** Translates part {@code child} into its own method, calls it here, and follows its exit. */
    void call(Region child) {
        // The part may write any local; vectors on the stack must not read locals' slots after it.
        ctx.vectors.materializeAll();
        List<ValueType> consumed = stack.slice(stack.size() - child.consumed);
        moves.storeOperands(consumed);
        stack.pop(child.consumed);
        BitSet flush = (BitSet) region.directWrites.clone();
        flush.and(child.uses);
        moves.flushLocals(flush);

        PartBoundary part = parts.translate(child, control.frames(), consumed);

        mv.visitVarInsn(ALOAD, ctx.slots.frame());
        mv.visitVarInsn(ALOAD, ctx.slots.refs());
        ctx.loadSelf();
        mv.visitMethodInsn(INVOKESTATIC, owner, child.method, descriptor, false);
        ctx.memory.reload();
        BitSet reload = (BitSet) child.writes.clone();
        reload.and(region.directUses);
        reload.stream().forEach(moves::loadLocal);

        dispatch(part);
    }

    /**
     * Calls {@code child}, a part of a switch's cases that ends the innermost {@code child.closes} blocks: control
     * enters it where it falls in (entry 0) or at a branch to any of those blocks but the outermost (entry 1 for the
     * innermost ...), then continues after the outermost's end. Nothing is emitted for blocks of unreachable code.
     */
    void callCases(Region child, boolean unreachable) {
        List<ControlFrame> ending = new ArrayList<>(control.frames()).subList(0, child.closes);
        if (!ending.get(0).dead && (!unreachable || child.closes > 1)) {
            Label call = new Label();
            if (!unreachable) {
                ctx.vectors.materializeAll();
                ctx.pushInt(0);
                mv.visitJumpInsn(GOTO, call);
            }
            for (int entry = 1; entry < child.closes; entry++) {
                mv.visitLabel(ending.get(entry - 1).end);
                ctx.pushInt(entry);
                mv.visitJumpInsn(GOTO, call);
            }
            mv.visitLabel(call);
            moves.storeEntry();
            call(child);
        }
        control.endCases(child.closes);
    }

    /**
     * Continues after {@code part} returned its exit code: 0 runs on here; exits to constructs around this method
     * (and, in a part, returns) are passed on in one place, since constructs outside have the lowest indices; exits
     * to constructs in this method branch to them.
     */
    private void dispatch(PartBoundary part) {
        if (part.exits().isEmpty()) {
            mv.visitInsn(POP);
        } else {
            int code = ctx.slots.temp(ValueType.I32);
            mv.visitVarInsn(ISTORE, code);
            Label normal = new Label();
            if (part.completes()) {
                mv.visitVarInsn(ILOAD, code);
                mv.visitJumpInsn(IFEQ, normal);
            }
            int firstInside = control.frames().size();
            for (ControlFrame f : control.frames()) {
                if (!f.outside) {
                    firstInside = Math.min(firstInside, f.index);
                }
            }
            List<Integer> here = new ArrayList<>();
            Set<Integer> passed = new TreeSet<>();
            for (int exit : part.exits()) {
                boolean passOn = exit == PartBoundary.ESCAPE ? own != null && own.handsBack()
                        : own != null && exit < firstInside && exit != PartBoundary.THROW;
                if (passOn) {
                    passed.add(exit);
                } else {
                    here.add(exit);
                }
            }
            // The exceptions handled here first: their codes are below firstInside too.
            for (int exit : here) {
                if (exit == PartBoundary.THROW || exit == PartBoundary.ESCAPE) {
                    followExitIf(exit, code);
                }
            }
            if (!passed.isEmpty()) {
                Label stays = new Label();
                mv.visitVarInsn(ILOAD, code);
                ctx.pushInt(firstInside);
                mv.visitJumpInsn(IF_ICMPGE, stays);
                own.passOn(passed, code);
                mv.visitLabel(stays);
            }
            for (int exit : here) {
                if (exit != PartBoundary.THROW && exit != PartBoundary.ESCAPE) {
                    followExitIf(exit, code);
                }
            }
            // No other code comes back; the JVM still needs this path closed.
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ATHROW);
            if (part.completes()) {
                mv.visitLabel(normal);
            }
        }
        if (part.completes()) {
            moves.pushOperands(part.produced());
        } else {
            if (part.exits().isEmpty()) {
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(ATHROW);
            }
            control.markUnreachable();
        }
    }

    /** Follows {@code exit} when the exit code in local {@code code} is it. */
    private void followExitIf(int exit, int code) {
        Label next = new Label();
        mv.visitVarInsn(ILOAD, code);
        ctx.pushInt(exit);
        mv.visitJumpInsn(IF_ICMPNE, next);
        followExit(exit);
        mv.visitLabel(next);
    }

    /** After a part left with an exit this method handles: the function's return, or a branch to a construct here. */
    private void followExit(int exit) {
        if (exit == PartBoundary.ESCAPE) {
            // A tail callee's exception: thrown again here outside every range, as if from this function's caller.
            control.outsideTryTables(() -> {
                moves.loadException();
                mv.visitInsn(ATHROW);
            });
            return;
        }
        if (exit == PartBoundary.THROW) {
            // Thrown again here, inside this method's try_table ranges (or, in a part, its own hand-back range).
            moves.loadException();
            mv.visitInsn(ATHROW);
            return;
        }
        if (exit == PartBoundary.RETURN) {
            moves.pushOperands(type.results());
            control.emitReturn();
            stack.pop(type.results().size());
            return;
        }
        ControlFrame target = null;
        for (ControlFrame f : control.frames()) {
            if (f.index == exit && !f.outside) {
                target = f;
            }
        }
        if (target == null) {
            throw new IllegalStateException("a part branches to construct " + exit + ", which is not here");
        }
        List<ValueType> carried = target.branchTypes();
        moves.pushOperands(carried);
        control.branch(target);
        stack.pop(carried.size());
    }
}
