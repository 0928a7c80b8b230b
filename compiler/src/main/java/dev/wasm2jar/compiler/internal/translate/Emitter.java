package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.model.Instruction;

/**
 * Translates the instructions of one {@link dev.wasm2jar.compiler.internal.model.Op.Family}, reachable ones only; the
 * translator dispatches each instruction to the emitter of its family.
 */
interface Emitter {
    void emit(Instruction in);

    /** For an instruction of the family that the emitter does not know: wasm2jar cannot compile it (yet). */
    static UnsupportedOperationException unsupported(Instruction in) {
        return new UnsupportedOperationException("unsupported instruction " + in.op());
    }
}
