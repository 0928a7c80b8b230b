package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.split.Region;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * A part's side of the protocol between the methods of a split function. A part takes the locals it uses and the
 * operands it pops from the frame when it starts, and returns an exit code: 0 when it runs to its end (its
 * operands and the locals it wrote back in the frame), -1 when the function returns (the results in the frame), or
 * the index of the enclosing construct it branches to (the carried values in the frame). Every branch out goes
 * through one exit block, so locals are written back once per part rather than at each branch.
 */
final class PartBoundary {
    /** The exit code of a return from the function. */
    static final int RETURN = -1;
    /**
     * The exit code of a wasm exception that escaped the part, inside a try_table of a method that called it: the
     * exception is in the frame ({@link FrameMoves#storeException}), the locals the part wrote too, and the caller
     * throws it again where its own handlers see it.
     */
    static final int THROW = -2;
    /**
     * The exit code of a wasm exception thrown by the callee of a tail call in the part: the callee runs in place of
     * the function, so no try_table of the function may catch it; each method passes the code on, and the
     * function's own method throws the exception (in the frame) again outside every range.
     */
    static final int ESCAPE = -3;

    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final FrameMoves moves;
    private final Region region;
    private final SortedSet<Integer> exits = new TreeSet<>();
    private boolean completes;
    private List<ValueType> produced = List.of();
    /** Where every branch out goes, with an empty operand stack and its exit code in {@link #exitSlot}. */
    private Label exitBlock;
    private int exitSlot = -1;
    /**
     * For a part inside a try_table's range, the range that hands exceptions back, in pieces (a tail call leaves it);
     * null for any other part.
     */
    private List<Label> starts;
    private final List<Label> ends = new ArrayList<>();
    /** For such a part, the ranges of its tail calls, whose exceptions leave with {@link #ESCAPE}. */
    private final List<Label> escapes = new ArrayList<>();

    PartBoundary(EmitContext ctx, FrameMoves moves, Region region) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.moves = moves;
        this.region = region;
    }

    /** At the start of the part: the locals it uses, the memory, and the operands it pops, from the frame. */
    void enter(List<ValueType> consumed, boolean insideTry) {
        region.directUses.stream().forEach(moves::loadLocal);
        ctx.memory.reload();
        moves.pushOperands(consumed);
        if (insideTry) {
            starts = new ArrayList<>();
            openRange();
        }
    }

    /** At the end of the part's code: returns 0 if it runs to there, then the exit block. */
    void finish(boolean reachesEnd) {
        Label handler = null;
        if (starts != null) {
            // Listed after the part's own try_tables, which ended before: theirs catch first.
            closeRange();
            handler = new Label();
            for (int i = 0; i < starts.size(); i++) {
                mv.visitTryCatchBlock(starts.get(i), ends.get(i), handler, RuntimeTypes.THROWN_EXCEPTION_CLASS);
            }
        }
        if (reachesEnd) {
            completes = true;
            produced = ctx.stack.slice(0);
            moves.storeOperands(produced);
            moves.flushLocals(region.directWrites);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
        }
        if (handler != null) {
            mv.visitLabel(handler);
            handBack(THROW);
        }
        if (!escapes.isEmpty()) {
            Label escape = new Label();
            for (int i = 0; i < escapes.size(); i += 2) {
                mv.visitTryCatchBlock(escapes.get(i), escapes.get(i + 1), escape, RuntimeTypes.THROWN_EXCEPTION_CLASS);
            }
            mv.visitLabel(escape);
            handBack(ESCAPE);
        }
        if (exitBlock != null) {
            mv.visitLabel(exitBlock);
            moves.flushLocals(region.directWrites);
            mv.visitVarInsn(ILOAD, exitSlot);
            mv.visitInsn(IRETURN);
        }
    }

    /** The exception on the stack to the frame, and {@code code} to the exit block. */
    private void handBack(int code) {
        moves.storeException();
        exits.add(code);
        ctx.pushInt(code);
        mv.visitVarInsn(ISTORE, exitSlot());
        if (exitBlock == null) {
            exitBlock = new Label();
        }
        mv.visitJumpInsn(GOTO, exitBlock);
    }

    /**
     * Emits a tail call ({@code call}) outside the hand-back range, in a range of its own whose exceptions leave
     * with {@link #ESCAPE}.
     */
    void escapeRange(Runnable call) {
        closeRange();
        Label start = new Label();
        Label end = new Label();
        mv.visitLabel(start);
        call.run();
        mv.visitLabel(end);
        escapes.add(start);
        escapes.add(end);
        openRange();
    }

    /** A branch to enclosing construct {@code exit}, or a return ({@link #RETURN}), with the values it carries. */
    void leave(List<ValueType> carried, int exit) {
        List<ValueType> top = ctx.stack.slice(ctx.stack.size() - carried.size());
        moves.storeOperands(top);
        exits.add(exit);
        if (exit == RETURN) {
            ctx.pushInt(RETURN);
            mv.visitInsn(IRETURN);
            return;
        }
        ctx.pushInt(exit);
        mv.visitVarInsn(ISTORE, exitSlot());
        goToExitBlock(top.size());
    }

    /** Passes on the exits {@code passed} of a part this part called, whose exit code is in local {@code code}. */
    void passOn(Set<Integer> passed, int code) {
        exits.addAll(passed);
        mv.visitVarInsn(ILOAD, code);
        mv.visitVarInsn(ISTORE, exitSlot());
        goToExitBlock(0);
    }

    /** Whether the part hands exceptions back to the method that called it ({@link #THROW}). */
    boolean handsBack() {
        return starts != null;
    }

    /** Opens a piece of the hand-back range (after a tail call, which it leaves out). */
    void openRange() {
        Label start = new Label();
        starts.add(start);
        mv.visitLabel(start);
        mv.visitInsn(NOP); // a range must not be empty
    }

    /** Closes the current piece of the hand-back range. */
    void closeRange() {
        Label end = new Label();
        ends.add(end);
        mv.visitLabel(end);
    }

    /** The exit codes the part returns besides 0. */
    SortedSet<Integer> exits() {
        return exits;
    }

    /** Whether the part can run to its end. */
    boolean completes() {
        return completes;
    }

    /** The types the part leaves on the stack when it runs to its end. */
    List<ValueType> produced() {
        return produced;
    }

    /** Empties the JVM operand stack (the tracked stack says what is on it) and goes to the exit block. */
    private void goToExitBlock(int keptOnTop) {
        ValueStack stack = ctx.stack;
        for (int i = keptOnTop; i < stack.size(); i++) {
            ValueType t = stack.peek(i);
            if (t != ValueType.V128) {
                mv.visitInsn(JvmTypes.size(t) == 2 ? POP2 : POP);
            }
        }
        if (exitBlock == null) {
            exitBlock = new Label();
        }
        mv.visitJumpInsn(GOTO, exitBlock);
    }

    private int exitSlot() {
        if (exitSlot < 0) {
            exitSlot = ctx.slots.temp(ValueType.I32);
        }
        return exitSlot;
    }
}
