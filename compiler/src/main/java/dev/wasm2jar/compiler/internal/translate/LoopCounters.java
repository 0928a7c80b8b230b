package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import java.util.List;

/**
 * Loops that step by an amount C2 does not know, and a counter that lets it count them. C2 makes a counted loop
 * (no safepoint poll per iteration, unrolling, a loop of its own for the register allocator to favour) only of a loop
 * whose back branch compares an induction variable stepped by a constant with a signed or {@code !=} test. A loop
 * that adds a loop-invariant local to its variable ({@code j += i}: a sieve crossing out multiples) and exits on an
 * unsigned comparison, as LLVM writes {@code while (j < n)} over sizes, is none of that. Such a loop gets an int counter
 * of its own: the {@code br_if} at its end becomes {@code if (!cond) exit; if (++k < MAX) continue counted; restart},
 * javac's {@code while (true) for (k = 0; k < MAX; k++) { body; if (!cond) break; }}, which C2 counts on {@code k}.
 * RATIONALE.md, "Loops with an invariant stride: a counter C2 counts".
 *
 * <p>Only innermost loops without calls qualify, with a {@code br_if} back to the loop as their last instruction whose
 * condition is an unsigned comparison reading such a variable. Loops stepped by a constant are left alone: a counter
 * made sort's and memops's loops slower (short trip counts pay for the counted loop's pre- and post-loops).
 */
final class LoopCounters {
    private LoopCounters() {}

    /** For each instruction of {@code code}: true at a {@code loop} that gets a counter and at its final {@code br_if}. */
    static boolean[] find(List<Instruction> code) {
        boolean[] counted = new boolean[code.size()];
        int[] ends = CountedExits.ends(code);
        for (int loop = 0; loop < code.size(); loop++) {
            if (code.get(loop).op() != Op.LOOP || code.get(loop).operands()[0] >= 0) {
                continue; // a loop typed by a type index may take parameters
            }
            int tail = ends[loop] - 1;
            if (tail > loop + 2 && code.get(tail).op() == Op.BR_IF && code.get(tail).intOperand(0) == 0
                    && unsigned(code.get(tail - 1).op()) && simple(code, loop, tail)
                    && readsInvariantStep(code, loop, tail)) {
                counted[loop] = true;
                counted[tail] = true;
            }
        }
        return counted;
    }

    private static boolean unsigned(Op test) {
        return test == Op.I32_LT_U || test == Op.I32_GT_U || test == Op.I32_LE_U || test == Op.I32_GE_U;
    }

    /** No loop inside, no call. */
    private static boolean simple(List<Instruction> code, int loop, int tail) {
        for (int k = loop + 1; k < tail; k++) {
            Op op = code.get(k).op();
            if (op == Op.LOOP || op.family() == Op.Family.CALL) {
                return false;
            }
        }
        return true;
    }

    /** Whether the comparison before {@code tail} reads a local the loop steps by a local it never writes. */
    private static boolean readsInvariantStep(List<Instruction> code, int loop, int tail) {
        int second = CountedExits.start(code, tail - 2, loop);
        int first = second < 0 ? -1 : CountedExits.start(code, second - 1, loop);
        if (first < 0) {
            return false;
        }
        for (int k = first; k < tail - 1; k++) {
            Op op = code.get(k).op();
            if ((op == Op.LOCAL_GET || op == Op.LOCAL_TEE) && steppedByInvariant(code, loop, tail, code.get(k).intOperand(0))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every write of {@code local} in the loop is {@code local.get x, local.get s, i32.add} (either order)
     * then {@code local.set x} or {@code local.tee x}, with one {@code s} the loop never writes.
     */
    private static boolean steppedByInvariant(List<Instruction> code, int loop, int end, int local) {
        int step = -1;
        for (int k = loop + 1; k <= end; k++) {
            Instruction in = code.get(k);
            if ((in.op() != Op.LOCAL_SET && in.op() != Op.LOCAL_TEE) || in.intOperand(0) != local) {
                continue;
            }
            if (k - 3 <= loop || code.get(k - 1).op() != Op.I32_ADD || code.get(k - 2).op() != Op.LOCAL_GET
                    || code.get(k - 3).op() != Op.LOCAL_GET) {
                return false;
            }
            int a = code.get(k - 3).intOperand(0);
            int b = code.get(k - 2).intOperand(0);
            int s = a == local ? b : b == local ? a : -1;
            if (s < 0 || s == local || (step >= 0 && s != step)) {
                return false;
            }
            step = s;
        }
        return step >= 0 && CountedExits.writes(code, loop, end + 1, step) == 0;
    }
}
