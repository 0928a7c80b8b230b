package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.model.Instruction;

/**
 * Where translation is in a function body: the instruction being translated and what emitters may ask about its
 * place, which the translator loop and {@link ControlFlow} keep up to date.
 */
final class Cursor {
    private final int functionIndex;
    private Instruction current;
    private int index = -1;
    private Peepholes.Fused fused;
    private int memoryAccesses;
    private int memoryAccessesBefore;
    private int loopDepth;

    Cursor(int functionIndex) {
        this.functionIndex = functionIndex;
    }

    int functionIndex() {
        return functionIndex;
    }

    /** Moves to instruction {@code index} of the body, which {@code fused} (or null) translates with the next one. */
    void moveTo(int index, Instruction in, Peepholes.Fused fused) {
        this.index = index;
        this.current = in;
        this.fused = fused;
        memoryAccessesBefore = memoryAccesses;
        memoryAccesses += MemoryAccess.accesses(in.op());
    }

    /**
     * The position of the instruction being translated in the function body, from 1 ({@link ShapePlan} names
     * results by it).
     */
    int position() {
        return index + 1;
    }

    /** The pair of instructions the current one starts and is translated as, or null. */
    Peepholes.Fused fused() {
        return fused;
    }

    /** Memory accesses this method made before the current instruction, four for a whole vector. */
    int memoryAccessesBefore() {
        return memoryAccessesBefore;
    }

    /** How many loops enclose the current instruction. */
    int loopDepth() {
        return loopDepth;
    }

    void enterLoop() {
        loopDepth++;
    }

    void leaveLoop() {
        loopDepth--;
    }

    /** Function index and byte offset of the current instruction, for messages. */
    String where() {
        return "function " + functionIndex + (current == null ? "" : " at byte 0x" + Integer.toHexString(current.offset()));
    }
}
