package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.model.BlockTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.JvmLimitException;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Structured control flow onto labels: the control stack of blocks, loops, ifs and try_tables ({@link TryTables}),
 * branches (a branch that leaves values below the ones it carries drops them through temporaries), {@code br_table}
 * as a {@code tableswitch}, and returns. Code after an unconditional branch is skipped ({@link #skip}), which also
 * spares the JVM verifier wasm's polymorphic stack. In a part of a split function, a branch to a construct outside
 * it and a return leave the method through {@link PartBoundary}.
 */
final class ControlFlow implements Emitter {
    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final ValueStack stack;
    private final FunctionType type;
    /** How this method leaves for constructs outside it, in a part; null in a function's own method. */
    private final PartBoundary exits;
    private final Deque<ControlFrame> control = new ArrayDeque<>();
    private final TryTables tries;
    /** The loops that get a counter C2 counts, and their final {@code br_if}s ({@link LoopCounters}). */
    private final boolean[] counters;

    ControlFlow(EmitContext ctx, FunctionType type, PartBoundary exits, boolean[] counters) {
        this.counters = counters;
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.stack = ctx.stack;
        this.type = type;
        this.exits = exits;
        this.tries = new TryTables(ctx);
    }

    /** Enters the function body. */
    void enterFunction() {
        push(new ControlFrame(null, type, 0, 0, false, false));
    }

    /**
     * For a part: the constructs around it ({@code around}, innermost first), as frames of another method, except the
     * innermost {@code ending}, blocks whose ends lie in the part (a group of a switch's cases): those are frames of
     * this method, at its stack's bottom, and are returned, innermost first.
     */
    List<ControlFrame> enterOutside(Deque<ControlFrame> around, int ending) {
        List<ControlFrame> frames = new ArrayList<>(around);
        for (int k = frames.size() - 1; k >= ending; k--) {
            push(frames.get(k).asOutside());
        }
        List<ControlFrame> opened = new ArrayList<>();
        for (int k = ending - 1; k >= 0; k--) {
            ControlFrame f = frames.get(k);
            ControlFrame inside = new ControlFrame(f.kind, f.type, f.index, 0, false, false);
            push(inside);
            opened.add(0, inside);
        }
        return opened;
    }

    /**
     * Ends the innermost {@code count} blocks, whose ends a part of a switch's cases translated: a branch to the
     * outermost of them lands here, after the part.
     */
    void endCases(int count) {
        ControlFrame outermost = null;
        for (int k = 0; k < count; k++) {
            outermost = pop();
        }
        if (!outermost.dead) {
            mv.visitLabel(outermost.end);
        }
        stack.truncate(outermost.height);
    }

    /** Whether every construct has ended: the function body too. */
    boolean ended() {
        return control.isEmpty();
    }

    boolean unreachable() {
        return control.peek().unreachable;
    }

    /** Nothing after this point runs until the current construct ends or reaches its else. */
    void markUnreachable() {
        control.peek().unreachable = true;
    }

    /**
     * Emits {@code call} (a tail call, or the throw of a tail callee's exception) outside the ranges of the try_tables
     * around it ({@link TryTables}) and, in a part that hands exceptions back, in an escape range of its own
     * ({@link PartBoundary#ESCAPE}).
     */
    void outsideTryTables(Runnable call) {
        List<TryTables.Handlers> around = new ArrayList<>();
        for (ControlFrame f : control) {
            if (f.handlers != null && !f.dead && !f.outside) {
                around.add(f.handlers);
            }
        }
        Runnable outside = around.isEmpty() ? call : () -> tries.outside(around, call);
        if (exits != null && exits.handsBack()) {
            exits.escapeRange(outside); // a part inside a try_table of a method around it (PartBoundary.ESCAPE)
        } else {
            outside.run();
        }
    }

    /** The control stack, innermost first. */
    Deque<ControlFrame> frames() {
        return control;
    }

    /** An instruction in unreachable code: only the structure is followed, nothing is emitted. */
    void skip(Instruction in) {
        ControlFrame frame = control.peek();
        switch (in.op()) {
            case BLOCK, LOOP, IF, TRY_TABLE -> push(new ControlFrame(in.op(), blockType(in), control.size(),
                    stack.size(), true, false));
            case ELSE -> {
                if (!frame.dead) {
                    elseBranch(frame);
                }
            }
            case END -> end(frame);
            default -> { }
        }
    }

    @Override
    public void emit(Instruction in) {
        ControlFrame frame = control.peek();
        switch (in.op()) {
            case NOP -> { }
            case UNREACHABLE -> {
                Builtin.TRAP_UNREACHABLE.invoke(mv);
                mv.visitInsn(ATHROW);
                frame.unreachable = true;
            }
            case BLOCK -> enter(Op.BLOCK, in);
            case TRY_TABLE -> {
                FunctionType bt = blockType(in);
                ctx.vectors.materializeAll();
                canonicalizeTop(bt.params().size());
                TryTables.Handlers handlers = tries.enter(in, bt.params().size(), this::frameAt);
                enter(Op.TRY_TABLE, in).handlers = handlers;
            }
            case LOOP -> {
                ControlFrame loop = enter(Op.LOOP, in);
                mv.visitLabel(loop.target);
                if (counters[ctx.cursor.position() - 1]) { // k = 0, then the counted loop's head
                    loop.counter = ctx.slots.allocate(1);
                    loop.counted = new Label();
                    mv.visitInsn(ICONST_0);
                    mv.visitVarInsn(ISTORE, loop.counter);
                    mv.visitLabel(loop.counted);
                }
                ctx.polls.loopHead();
            }
            case IF -> {
                stack.pop();
                ControlFrame f = enter(Op.IF, in);
                mv.visitJumpInsn(IFEQ, f.elseLabel);
            }
            case ELSE -> elseBranch(frame);
            case END -> end(frame);
            case BR -> {
                ControlFrame target = frameAt(in.intOperand(0));
                stack.reads(target.branchTypes().size());
                canonicalizeTop(target.branchTypes().size());
                branch(target);
                frame.unreachable = true;
            }
            case BR_IF -> brIf(frameAt(in.intOperand(0)), counters[ctx.cursor.position() - 1]);
            case BR_ON_NULL -> brOnNull(frameAt(in.intOperand(0)));
            case BR_ON_NON_NULL -> brOnNonNull(frameAt(in.intOperand(0)));
            case BR_TABLE -> brTable(in);
            case RETURN -> {
                stack.reads(type.results().size());
                emitReturn();
                frame.unreachable = true;
            }
            default -> throw Emitter.unsupported(in);
        }
    }

    private FunctionType blockType(Instruction in) {
        return BlockTypes.resolve(in.operand(0), ctx.layout.model().types());
    }

    private void push(ControlFrame frame) {
        control.push(frame);
        if (frame.kind == Op.LOOP) {
            ctx.cursor.enterLoop();
        }
    }

    private ControlFrame pop() {
        ControlFrame frame = control.pop();
        if (frame.kind == Op.LOOP) {
            ctx.cursor.leaveLoop();
        }
        return frame;
    }

    private ControlFrame enter(Op kind, Instruction in) {
        FunctionType bt = blockType(in);
        // Inside the block any local may change, and its parameters must be where every path expects them.
        ctx.vectors.materializeAll();
        canonicalizeTop(bt.params().size());
        ControlFrame f = new ControlFrame(kind, bt, control.size(), stack.size() - bt.params().size(), false, false);
        push(f);
        return f;
    }

    private void elseBranch(ControlFrame frame) {
        if (!frame.unreachable) {
            canonicalizeTop(frame.type.results().size());
            mv.visitJumpInsn(GOTO, frame.end);
        }
        mv.visitLabel(frame.elseLabel);
        frame.sawElse = true;
        stack.truncate(frame.height);
        stack.pushAll(frame.type.params());
        frame.unreachable = false;
    }

    private void end(ControlFrame frame) {
        pop();
        if (frame.dead) {
            return;
        }
        if (!frame.unreachable) {
            canonicalizeTop(frame.type.results().size());
        }
        if (frame.kind == Op.IF && !frame.sawElse) {
            mv.visitLabel(frame.elseLabel);
        }
        if (frame.handlers != null) {
            if (!frame.unreachable) {
                mv.visitJumpInsn(GOTO, frame.end);
            }
            stack.truncate(frame.height);
            tries.finish(frame.handlers, this::frameAt, this::branch);
        }
        if (frame.kind != Op.LOOP) {
            mv.visitLabel(frame.end);
        }
        stack.truncate(frame.height);
        stack.pushAll(frame.type.results());
        if (frame.kind == null) {
            emitReturn();
        }
    }

    private ControlFrame frameAt(int depth) {
        int i = 0;
        for (ControlFrame f : control) {
            if (i++ == depth) {
                return f;
            }
        }
        throw new InvalidException("unknown label " + depth);
    }

    /** Jumps to {@code target}, first dropping whatever lies between its height and the values it carries. */
    void branch(ControlFrame target) {
        if (target.kind == null) {
            emitReturn();
            return;
        }
        if (target.outside) {
            exits.leave(target.branchTypes(), target.index);
            return;
        }
        dropBelowCarried(target);
        mv.visitJumpInsn(GOTO, target.target);
    }

    /** A {@code br_if}; {@code counted} for the final one of a loop with a counter ({@link LoopCounters}). */
    private void brIf(ControlFrame target, boolean counted) {
        stack.pop();
        stack.reads(target.branchTypes().size());
        canonicalizeTop(target.branchTypes().size());
        if (counted && target.counted != null && !target.outside && extraValues(target) == 0) {
            // while (true) { k = 0; do { body } while (cond && ++k < MAX); }: C2 counts the inner loop on k
            Label out = new Label();
            mv.visitJumpInsn(IFEQ, out);
            mv.visitIincInsn(target.counter, 1);
            mv.visitVarInsn(ILOAD, target.counter);
            mv.visitLdcInsn(Integer.MAX_VALUE);
            mv.visitJumpInsn(IF_ICMPLT, target.counted);
            mv.visitJumpInsn(GOTO, target.target);
            mv.visitLabel(out);
        } else if (target.kind == null || target.outside || extraValues(target) > 0) {
            Label skip = new Label();
            mv.visitJumpInsn(IFEQ, skip);
            branch(target);
            mv.visitLabel(skip);
        } else {
            mv.visitJumpInsn(IFNE, target.target);
        }
    }

    /**
     * The {@code br_if} of {@code exit} back to a loop ({@link CountedExits}): it branches when {@code jump} would on
     * what {@code operands} pushes (two ints, or a local's int), and {@code exit.guard()} is tested first on the same,
     * alone when it is exact.
     * Both jumps reload their operands, as javac writes {@code while (i < end || i != end)}: C2 counted no loop of
     * the same two jumps on copies of the operands (dup2, and a goto back after the guard fails).
     */
    void countedExit(Peepholes.CountedExit exit, int jump, Runnable operands) {
        ControlFrame target = frameAt(exit.branch().intOperand(0));
        stack.pop();
        stack.reads(target.branchTypes().size());
        canonicalizeTop(target.branchTypes().size());
        if (target.kind != Op.LOOP || target.outside || extraValues(target) > 0) {
            Label skip = new Label();
            operands.run();
            mv.visitJumpInsn(jump == IFNE ? IFEQ : IF_ICMPEQ, skip);
            branch(target);
            mv.visitLabel(skip);
            return;
        }
        operands.run();
        mv.visitJumpInsn(exit.guard(), target.target);
        if (!exit.exact()) {
            operands.run();
            mv.visitJumpInsn(jump, target.target);
        }
    }

    /** {@code br_on_null}: a null reference is dropped and branches; any other stays, known non-null. */
    private void brOnNull(ControlFrame target) {
        int carried = target.branchTypes().size();
        stack.reads(carried + 1);
        ValueType ref = stack.pop();
        canonicalizeTop(carried);
        Label skip = new Label();
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNONNULL, skip);
        mv.visitInsn(POP);
        branch(target);
        mv.visitLabel(skip);
        stack.push(ValueType.ref(ref.heapType(), false));
    }

    /** {@code br_on_non_null}: a reference that is not null branches, carried as the last value; null is dropped. */
    private void brOnNonNull(ControlFrame target) {
        int carried = target.branchTypes().size();
        stack.reads(carried);
        canonicalizeTop(carried);
        Label skip = new Label();
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNULL, skip);
        branch(target);
        mv.visitLabel(skip);
        mv.visitInsn(POP);
        stack.pop();
    }

    /**
     * {@code br_on_cast} ({@code onFailure} false) and {@code br_on_cast_fail}: {@code test} consumes a copy of the
     * reference on top and leaves 1 when it is of the target type; the reference branches, as the last value carried,
     * when the test passes (fails), and otherwise stays.
     */
    void brOnTest(int depth, Runnable test, boolean onFailure) {
        ControlFrame target = frameAt(depth);
        int carried = target.branchTypes().size();
        stack.reads(carried);
        canonicalizeTop(carried);
        Label skip = new Label();
        mv.visitInsn(DUP);
        test.run();
        mv.visitJumpInsn(onFailure ? IFNE : IFEQ, skip);
        branch(target);
        mv.visitLabel(skip);
    }

    /**
     * A {@code tableswitch} takes 13 bytes and four per target, so one of more targets than this could never fit in
     * a JVM method (65,535 bytes); a hostile br_table of millions is refused before ASM spends minutes on its edges.
     */
    static final int MAX_BR_TABLE_TARGETS = 16_380;

    private void brTable(Instruction in) {
        long[] depths = in.operands();
        if (depths.length - 1 > MAX_BR_TABLE_TARGETS) {
            throw new JvmLimitException("a br_table with " + depths.length + " targets needs more than the JVM's "
                    + "64 KiB per method; wasm2jar compiles up to " + MAX_BR_TABLE_TARGETS);
        }
        stack.pop();
        int carried = frameAt((int) depths[depths.length - 1]).branchTypes().size();
        stack.reads(carried);
        canonicalizeTop(carried);
        int n = depths.length - 1;
        Map<Integer, Label> direct = new HashMap<>();
        Map<Integer, Label> trampolines = new HashMap<>();
        Label[] labels = new Label[n];
        Label dflt = null;
        for (int i = 0; i <= n; i++) {
            int depth = (int) depths[i];
            ControlFrame f = frameAt(depth);
            Label l;
            if (f.kind != null && !f.outside && extraValues(f) == 0) {
                l = direct.computeIfAbsent(depth, d -> f.target);
            } else {
                l = trampolines.computeIfAbsent(depth, d -> new Label());
            }
            if (i < n) {
                labels[i] = l;
            } else {
                dflt = l;
            }
        }
        if (n == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
        } else {
            mv.visitTableSwitchInsn(0, n - 1, dflt, labels);
        }
        for (var e : trampolines.entrySet()) {
            mv.visitLabel(e.getValue());
            branch(frameAt(e.getKey()));
        }
        control.peek().unreachable = true;
    }

    private int extraValues(ControlFrame target) {
        return stack.size() - target.branchTypes().size() - target.height;
    }

    /**
     * Emits code that removes the values between {@code target}'s height and the values a branch to it carries,
     * keeping the carried ones on top; carried vectors move down to the target's positions. The tracked stack is left
     * as it was: the code after may still need it.
     */
    private void dropBelowCarried(ControlFrame target) {
        int extra = extraValues(target);
        if (extra <= 0) {
            return;
        }
        List<ValueType> carried = target.branchTypes();
        for (int i = 0; i < carried.size(); i++) {
            if (carried.get(i) == ValueType.V128) {
                ctx.vectors.move(stack.size() - carried.size() + i, target.height + i);
            }
        }
        List<ValueType> carriedScalars = carried.stream().filter(x -> x != ValueType.V128).toList();
        int[] temps = spill(carriedScalars);
        for (int i = 0; i < extra; i++) {
            ValueType dropped = stack.peek(carried.size() + i);
            if (dropped != ValueType.V128) {
                mv.visitInsn(JvmTypes.size(dropped) == 2 ? POP2 : POP);
            }
        }
        for (int i = 0; i < carriedScalars.size(); i++) {
            mv.visitVarInsn(JvmTypes.load(carriedScalars.get(i)), temps[i]);
        }
    }

    /** Puts the top {@code n} values, where they are vectors, in canonical form in their own slots. */
    private void canonicalizeTop(int n) {
        for (int p = stack.size() - n; p < stack.size(); p++) {
            if (stack.type(p) == ValueType.V128) {
                ctx.vectors.canonicalize(p);
            }
        }
    }

    /** Stores the top {@code types.size()} values (bottom first in {@code types}) into new temporaries. */
    private int[] spill(List<ValueType> types) {
        int[] temps = new int[types.size()];
        for (int i = types.size() - 1; i >= 0; i--) {
            temps[i] = ctx.slots.temp(types.get(i));
            mv.visitVarInsn(JvmTypes.store(types.get(i)), temps[i]);
        }
        return temps;
    }

    /** Returns the function's results from the top of the stack (values below them are simply abandoned). */
    void emitReturn() {
        List<ValueType> results = type.results();
        if (exits != null) {
            exits.leave(results, PartBoundary.RETURN);
            return;
        }
        ctx.polls.beforeReturn();
        if (results.isEmpty()) {
            mv.visitInsn(RETURN);
        } else if (results.size() == 1) {
            if (results.get(0) == ValueType.V128) {
                ctx.vectors.box(stack.size() - 1);
            }
            mv.visitInsn(JvmTypes.type(results.get(0)).getOpcode(IRETURN));
        } else {
            Results.pack(ctx, results);
            mv.visitInsn(ARETURN);
        }
    }
}
