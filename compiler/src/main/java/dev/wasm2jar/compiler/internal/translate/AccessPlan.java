package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.split.Region;
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
            touches |= touches(in);
        }
        return new AccessPlan(touches, accesses <= InlineAccess.MAX_ACCESSES);
    }

    /**
     * The plan of one method of a split function, {@code region}: it loads memory only if its own instructions (not
     * its parts') touch it, so a method that only calls parts does not reload memory around each call (QuickJS's
     * interpreter enters its loop through such methods on every call). Whether accesses are written out stays the
     * function's, as the splitter measured it.
     */
    AccessPlan within(List<Instruction> code, Region region) {
        if (!loads) {
            return this;
        }
        int i = region.start;
        int child = 0;
        while (i < region.end) {
            if (child < region.children.size() && region.children.get(child).start == i) {
                i = region.children.get(child++).end;
            } else if (touches(code.get(i++))) {
                return this;
            }
        }
        return new AccessPlan(false, writesOut);
    }

    private static boolean touches(Instruction in) {
        return switch (in.op().family()) {
            case MEMORY_ACCESS, VECTOR_MEMORY -> true;
            case MEMORY -> in.op() != Op.DATA_DROP;
            default -> false;
        };
    }
}
