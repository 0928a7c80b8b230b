package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Loops C2 would not count, and the test that lets it. C2 turns a loop into a counted loop (range-check elimination,
 * unrolling, vectorization) only when its back branch compares the induction variable with {@code <}, {@code <=},
 * {@code >} or {@code >=}, or with {@code !=} when the stride is 1 or -1. LLVM ends most loops with {@code !=}: a pointer
 * stepping by 8 until it equals the end, an index stepping by 2 after unrolling, a count down by 4 to zero. Such a back
 * branch is emitted as two: first the ordered test C2 counts ({@code i < end} for a stride up), then the {@code !=} it
 * stands for. Together they are exactly {@code !=} ({@code i < end} implies {@code i != end}); C2 makes the hot first
 * branch an inner loop of its own, counted, and the second only runs when the first fails (RATIONALE.md, "Loop exits
 * C2 counts").
 *
 * <p>Which operand steps, and which way, is read from the code: a local whose only writes in the loop add a constant
 * other than 1 and -1 to itself. A wrong guess would cost speed, never correctness.
 *
 * <p>Where the bounds are constants that the stride meets, the ordered test alone is exact and the {@code !=} is left
 * out, for strides of 1 and -1 too: the loop sets the variable to a constant just before it, steps it in one place, and
 * tests the stepped value at once against a constant a whole number of strides ahead ({@code i = -4096; loop ... i +=
 * 4; br_if (i != 0)}, LLVM's count up to zero). Without the second back branch C2 counts the loop even when it
 * compiles it on stack replacement with no profile of that branch, as a {@code main} whose loops run once: C2 counts
 * a {@code !=} exit only when the types of its bounds prove the start below the end, which an entry on stack
 * replacement hides, and keeps both back branches of the pair while the second has run fewer than 40 times.
 */
final class CountedExits {
    private CountedExits() {}

    /** The jump to test first ({@code if_icmplt}, {@code iflt} ...), and whether it alone is exact. */
    record Guard(int jump, boolean exact) {}

    /**
     * For each instruction of {@code code}: for a {@code br_if} back to a loop that ends it as above, its guard, on what
     * the {@code br_if} tests: the two ints of the {@code i32.ne} before it ({@code if_icmplt} or {@code if_icmpgt}), or
     * the local a {@code local.tee} before it counts to zero ({@code iflt} or {@code ifgt}); else null.
     * {@link Peepholes} pairs each such {@code br_if} with the instruction before it.
     */
    static Guard[] guards(List<Instruction> code) {
        Guard[] guards = new Guard[code.size()];
        int[] ends = ends(code);
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < code.size(); i++) {
            Op op = code.get(i).op();
            switch (op) {
                case BLOCK, LOOP, IF, TRY_TABLE -> open.push(i);
                case END -> open.poll();
                case BR_IF -> {
                    int depth = code.get(i).intOperand(0);
                    if (depth < open.size()) {
                        int loop = open.stream().skip(depth).findFirst().orElseThrow();
                        if (code.get(loop).op() == Op.LOOP) {
                            guards[i] = guard(code, loop, ends[loop], i);
                        }
                    }
                }
                default -> { }
            }
        }
        return guards;
    }

    /** The guard of the {@code br_if} at {@code branch} back to the loop at {@code [loop, end]}, or null. */
    private static Guard guard(List<Instruction> code, int loop, int end, int branch) {
        boolean last = last(code, branch, end);
        Instruction condition = code.get(branch - 1);
        if (condition.op() == Op.LOCAL_TEE) { // while (x != 0) on the stepped value
            int x = condition.intOperand(0);
            int stride = stride(code, loop, end, x);
            return guard(stride > 0 ? IFLT : IFGT, stride, last && reaches(code, loop, end, x, branch - 1, stride, 0));
        }
        if (condition.op() != Op.I32_NE) {
            return null;
        }
        int second = start(code, branch - 2, loop);
        if (second < 0) {
            return null;
        }
        int left = second - 1; // where the two operands end
        int right = branch - 2;
        int a = stride(code, loop, end, variable(code.get(left)));
        int b = stride(code, loop, end, variable(code.get(right)));
        if (a != 0 && b == 0) {
            return guard(a > 0 ? IF_ICMPLT : IF_ICMPGT, a, last && exact(code, loop, end, left, a, right));
        }
        if (b != 0 && a == 0) {
            return guard(b > 0 ? IF_ICMPGT : IF_ICMPLT, b, last && exact(code, loop, end, right, b, left));
        }
        return null;
    }

    /**
     * For a variable stepping by {@code stride}: the ordered test alone when exact, else with the {@code !=} behind it
     * unless the stride is 1 or -1 (C2 counts those as they are).
     */
    private static Guard guard(int jump, int stride, boolean exact) {
        return exact ? new Guard(jump, true) : Math.abs(stride) > 1 ? new Guard(jump, false) : null;
    }

    /**
     * Whether the variable the operand ending at {@code tested} reads, stepping by {@code stride}, meets the other
     * operand exactly: that one ends at {@code other} with an {@code i32.const}, so it is that constant alone.
     */
    private static boolean exact(List<Instruction> code, int loop, int end, int tested, int stride, int other) {
        Instruction bound = code.get(other);
        return bound.op() == Op.I32_CONST
                && reaches(code, loop, end, code.get(tested).intOperand(0), tested, stride, bound.intOperand(0));
    }

    /**
     * Whether local {@code x}, set to a constant just before the loop at {@code [loop, end]} and written in it only by
     * the step at or right before {@code tested} (a {@code local.tee}, or the {@code local.set} before a
     * {@code local.get}, with only constants and other locals pushed between), reaches {@code bound} exactly, stepping
     * by {@code stride}: tested after every step, it is then below the bound until it equals it (above, for a stride
     * down), so the ordered test exits where {@code !=} does.
     */
    private static boolean reaches(List<Instruction> code, int loop, int end, int x, int tested, int stride,
            int bound) {
        if (stride == 0) {
            return false;
        }
        int write = tested;
        if (code.get(tested).op() == Op.LOCAL_GET) { // the set before it, past constants and other locals read
            do {
                write--;
            } while (write > loop && (code.get(write).op() == Op.I32_CONST
                    || code.get(write).op() == Op.LOCAL_GET && code.get(write).intOperand(0) != x));
        }
        Op written = write == tested ? Op.LOCAL_TEE : Op.LOCAL_SET;
        if (loop < 2 || code.get(write).op() != written || code.get(write).intOperand(0) != x
                || writes(code, loop, end, x) != 1) {
            return false;
        }
        Instruction set = code.get(loop - 1);
        Instruction start = code.get(loop - 2);
        if (set.op() != Op.LOCAL_SET || set.intOperand(0) != x || start.op() != Op.I32_CONST) {
            return false;
        }
        long distance = ((long) bound - start.intOperand(0)) * Long.signum(stride);
        return distance > 0 && distance % Math.abs(stride) == 0;
    }

    /**
     * Whether only the ends of blocks follow the {@code br_if} at {@code branch} in the loop ending at {@code end}:
     * falling through it leaves the loop, so no other way back skips a test.
     */
    private static boolean last(List<Instruction> code, int branch, int end) {
        for (int k = branch + 1; k < end; k++) {
            if (code.get(k).op() != Op.END) {
                return false;
            }
        }
        return true;
    }

    /** How many instructions of the loop {@code [loop, end]} write local {@code x}. */
    static int writes(List<Instruction> code, int loop, int end, int x) {
        int n = 0;
        for (int k = loop + 1; k < end; k++) {
            Instruction in = code.get(k);
            n += (in.op() == Op.LOCAL_SET || in.op() == Op.LOCAL_TEE) && in.intOperand(0) == x ? 1 : 0;
        }
        return n;
    }

    /** The local an operand ending with {@code last} reads, or -1. */
    private static int variable(Instruction last) {
        return last.op() == Op.LOCAL_GET || last.op() == Op.LOCAL_TEE ? last.intOperand(0) : -1;
    }

    /**
     * What every write of {@code local} in the loop {@code [loop, end]} adds to it, if all add the same constant
     * ({@code local.get x, i32.const c, i32.add, local.set x}, or {@code i32.sub}); 0 when it is not such a variable.
     */
    private static int stride(List<Instruction> code, int loop, int end, int local) {
        if (local < 0) {
            return 0;
        }
        int stride = 0;
        for (int k = loop + 1; k < end; k++) {
            Instruction in = code.get(k);
            if ((in.op() != Op.LOCAL_SET && in.op() != Op.LOCAL_TEE) || in.intOperand(0) != local) {
                continue;
            }
            int step = k - 3 > loop ? step(code.get(k - 3), code.get(k - 2), code.get(k - 1), local) : 0;
            if (step == 0 || (stride != 0 && step != stride)) {
                return 0;
            }
            stride = step;
        }
        return stride;
    }

    private static int step(Instruction get, Instruction constant, Instruction add, int local) {
        if (get.op() != Op.LOCAL_GET || get.intOperand(0) != local || constant.op() != Op.I32_CONST) {
            return 0;
        }
        int c = constant.intOperand(0);
        return add.op() == Op.I32_ADD ? c : add.op() == Op.I32_SUB && c != Integer.MIN_VALUE ? -c : 0;
    }

    /**
     * Where the operand that {@code last} ends starts, walking back through simple instructions no earlier than
     * {@code floor}; -1 for anything else.
     */
    static int start(List<Instruction> code, int last, int floor) {
        int needed = 1;
        for (int k = last; k > floor; k--) {
            int pops;
            switch (code.get(k).op()) {
                case LOCAL_GET, GLOBAL_GET, I32_CONST -> pops = 0;
                case LOCAL_TEE, I32_EQZ, I32_LOAD, I32_LOAD8_U, I32_LOAD8_S, I32_LOAD16_U, I32_LOAD16_S -> pops = 1;
                case I32_ADD, I32_SUB, I32_MUL, I32_AND, I32_OR, I32_XOR, I32_SHL, I32_SHR_S, I32_SHR_U -> pops = 2;
                default -> {
                    return -1;
                }
            }
            needed += pops - 1;
            if (needed == 0) {
                return k;
            }
        }
        return -1;
    }

    /** For each block, loop, if and try_table of {@code code}, the index of its end. */
    static int[] ends(List<Instruction> code) {
        int[] ends = new int[code.size()];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < code.size(); i++) {
            switch (code.get(i).op()) {
                case BLOCK, LOOP, IF, TRY_TABLE -> open.push(i);
                case END -> {
                    if (!open.isEmpty()) {
                        ends[open.pop()] = i;
                    }
                }
                default -> { }
            }
        }
        return ends;
    }
}
