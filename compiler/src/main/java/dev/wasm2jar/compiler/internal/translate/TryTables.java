package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code try_table} as a range of the JVM's exception table. Its body is the range; the handler, placed after the
 * body where nothing falls into it, catches {@code ThrownException} only (a trap is never one), compares the tag of
 * what it caught with each clause's by identity, and branches to the clause's label with the exception's values (and
 * for {@code catch_ref} and {@code catch_all_ref} the exception itself, the {@code exnref}); when no clause matches,
 * it throws the exception on. A body without a throw costs nothing: the JVM keeps exception ranges in a table beside
 * the code.
 *
 * <p>The JVM empties the operand stack when it enters a handler, so the wasm values below the try_table that a
 * clause's label keeps are copied to locals on entry, and only when some clause's label keeps a value there. Nested
 * try_tables list their ranges inner first, because the JVM takes the first range that matches: each range is entered
 * into the table when its try_table ends, and inner ones end first.
 */
final class TryTables {
    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final ValueStack stack;

    /** A try_table's catch clauses, its range and the locals that keep the values below it. */
    static final class Handlers {
        final Instruction in;
        /** The range, in pieces: a tail call leaves the try_table's frame, so the range leaves it out. */
        final List<Label> starts = new ArrayList<>();
        final List<Label> ends = new ArrayList<>();
        final Label handler = new Label();
        /** Per stack position below the try_table, the local its value is copied to, or -1 (a vector, or not kept). */
        final int[] kept;

        Handlers(Instruction in, int[] kept) {
            this.in = in;
            this.kept = kept;
        }

        int clauses() {
            return (in.operands().length - 1) / 3;
        }

        int kind(int clause) {
            return in.intOperand(1 + 3 * clause);
        }

        int tag(int clause) {
            return in.intOperand(2 + 3 * clause);
        }

        int label(int clause) {
            return in.intOperand(3 + 3 * clause);
        }
    }

    TryTables(EmitContext ctx) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.stack = ctx.stack;
    }

    /**
     * Before the try_table's frame is pushed: copies the values below it that its clauses' labels keep
     * ({@code labels} gives the frame of each depth, counted outside the try_table) and opens its range. Returns null
     * for a try_table without clauses, a plain block.
     */
    Handlers enter(Instruction in, int params, IntFunction<ControlFrame> labels) {
        if (in.operands().length == 1) {
            return null;
        }
        int below = stack.size() - params;
        int keep = 0;
        for (int c = 0; c < (in.operands().length - 1) / 3; c++) {
            keep = Math.max(keep, labels.apply(in.intOperand(3 + 3 * c)).height);
        }
        int[] kept = new int[keep];
        Arrays.fill(kept, -1);
        boolean scalarKept = false;
        for (int p = 0; p < keep; p++) {
            scalarKept |= stack.type(p) != ValueType.V128;
        }
        if (scalarKept) {
            // Store everything down to the lowest kept value, then load it all back: the JVM stack is as it was.
            int[] temps = new int[stack.size()];
            for (int p = stack.size() - 1; p >= 0; p--) {
                ValueType t = stack.type(p);
                if (t != ValueType.V128) {
                    temps[p] = ctx.slots.temp(t);
                    mv.visitVarInsn(JvmTypes.store(t), temps[p]);
                    if (p < keep) {
                        kept[p] = temps[p];
                    }
                }
            }
            for (int p = 0; p < stack.size(); p++) {
                ValueType t = stack.type(p);
                if (t != ValueType.V128) {
                    mv.visitVarInsn(JvmTypes.load(t), temps[p]);
                }
            }
        }
        Handlers h = new Handlers(in, kept);
        open(h);
        return h;
    }

    private void open(Handlers h) {
        Label start = new Label();
        h.starts.add(start);
        mv.visitLabel(start);
        mv.visitInsn(NOP); // a range must not be empty, even around a body that is
    }

    private void close(Handlers h) {
        Label end = new Label();
        h.ends.add(end);
        mv.visitLabel(end);
    }

    /**
     * Emits a tail call ({@code call}) outside the ranges of the try_tables around it in this method
     * ({@code around}): its callee runs in place of this function, so what it throws is not theirs to catch.
     */
    void outside(List<Handlers> around, Runnable call) {
        around.forEach(this::close);
        call.run();
        around.forEach(this::open);
    }

    /**
     * At the try_table's end, its frame popped and the stack at the height below it: closes the range and emits the
     * handler; {@code labels} gives the frame of each depth, {@code branch} emits a branch to one.
     */
    void finish(Handlers h, IntFunction<ControlFrame> labels, Consumer<ControlFrame> branch) {
        close(h);
        for (int i = 0; i < h.starts.size(); i++) {
            mv.visitTryCatchBlock(h.starts.get(i), h.ends.get(i), h.handler, RuntimeTypes.THROWN_EXCEPTION_CLASS);
        }
        mv.visitLabel(h.handler);
        int caught = ctx.slots.temp(ValueType.EXTERNREF);
        mv.visitVarInsn(ASTORE, caught);
        ctx.memory.reload(); // what was thrown may have come from a call that grew the memory
        ValueStack before = stack.snapshot();
        for (int c = 0; c < h.clauses(); c++) {
            int kind = h.kind(c);
            Label next = null;
            List<ValueType> values = List.of();
            if (kind == Instruction.CATCH || kind == Instruction.CATCH_REF) {
                next = new Label();
                mv.visitVarInsn(ALOAD, caught);
                Builtin.EXCEPTION_TAG.invoke(mv);
                ctx.loadLink();
                ctx.pushInt(h.tag(c));
                Builtin.LINK_TAG.invoke(mv);
                mv.visitJumpInsn(IF_ACMPNE, next);
                FunctionType tag = ctx.layout.model().tagType(h.tag(c));
                values = tag.params();
            }
            ControlFrame target = labels.apply(h.label(c));
            stack.truncate(target.height);
            for (int p = 0; p < target.height; p++) {
                if (h.kept[p] >= 0) {
                    mv.visitVarInsn(JvmTypes.load(stack.type(p)), h.kept[p]);
                }
            }
            for (int i = 0; i < values.size(); i++) {
                ValueType t = values.get(i);
                mv.visitVarInsn(ALOAD, caught);
                ctx.pushInt(i);
                Builtin.EXCEPTION_VALUE.invoke(mv);
                Results.unbox(mv, t);
                stack.push(t);
                if (t == ValueType.V128) {
                    ctx.vectors.unbox(stack.size() - 1);
                }
            }
            if (kind == Instruction.CATCH_REF || kind == Instruction.CATCH_ALL_REF) {
                mv.visitVarInsn(ALOAD, caught);
                stack.push(ValueType.ref(HeapType.EXN, false));
            }
            branch.accept(target);
            stack.restore(before);
            if (next == null) {
                return; // a catch_all takes everything: the clauses after it never run
            }
            mv.visitLabel(next);
        }
        mv.visitVarInsn(ALOAD, caught);
        mv.visitInsn(ATHROW);
    }
}
