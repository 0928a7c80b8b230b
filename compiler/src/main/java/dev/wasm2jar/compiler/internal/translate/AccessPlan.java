package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import java.util.List;

/**
 * How a function's methods reach memory, decided once per function from its instructions, so that the splitter's
 * measuring translation and the methods written agree.
 *
 * @param loads whether its methods keep memory 0's bytes in a local, loaded at entry and again after calls: only
 *     when some instruction touches memory (fib's recursion used to load them twice per call for nothing)
 * @param writesOut whether memory 0's scalar accesses are written out ({@link InlineAccess})
 */
record AccessPlan(boolean loads, boolean writesOut) {
    /** The plan of a function of these instructions. */
    static AccessPlan of(List<Instruction> code) {
        int accesses = 0;
        boolean touches = false;
        for (Instruction in : code) {
            accesses += MemoryAccess.accesses(in.op());
            touches |= switch (in.op().family()) {
                case MEMORY_ACCESS, VECTOR_MEMORY -> true;
                case MEMORY -> in.op() != Op.DATA_DROP;
                default -> false;
            };
        }
        return new AccessPlan(touches, accesses <= InlineAccess.MAX_ACCESSES);
    }
}
