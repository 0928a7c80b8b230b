package dev.wasm2jar.compiler.internal.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pass that finds instruction pairs translated as one, before translation. */
class PeepholesTest {
    private static List<Instruction> code(Op... ops) {
        List<Instruction> out = new ArrayList<>();
        for (Op op : ops) {
            out.add(new Instruction(op, new long[0], out.size()));
        }
        return out;
    }

    @Test
    void bytesWidenedToShortsThenToIntsAreOnePair() {
        Peepholes.Fused[] fused = Peepholes.find(code(Op.I16X8_EXTEND_HIGH_I8X16_U, Op.I32X4_EXTEND_LOW_I16X8_U,
                Op.I16X8_EXTEND_LOW_I8X16_S, Op.I32X4_EXTEND_HIGH_I16X8_S, Op.END));
        assertArrayEquals(new Peepholes.Fused[] {new Peepholes.BytesToInts(8, false), null,
            new Peepholes.BytesToInts(4, true), null, null}, fused);
    }

    @Test
    void mixedSignednessOrAnotherInstructionBetweenIsNoPair() {
        Peepholes.Fused[] fused = Peepholes.find(code(Op.I16X8_EXTEND_LOW_I8X16_S, Op.I32X4_EXTEND_LOW_I16X8_U,
                Op.I16X8_EXTEND_LOW_I8X16_U, Op.NOP, Op.I32X4_EXTEND_LOW_I16X8_U, Op.I16X8_EXTEND_LOW_I8X16_U));
        assertArrayEquals(new Peepholes.Fused[6], fused);
    }
}
