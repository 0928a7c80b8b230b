package dev.wasm2jar.compiler.internal.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.compiler.TextFormat;
import dev.wasm2jar.compiler.internal.decode.EndiveDecoder;
import dev.wasm2jar.compiler.internal.layout.ModuleLayout;
import dev.wasm2jar.compiler.internal.model.FunctionBody;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.compiler.internal.split.Region;
import dev.wasm2jar.compiler.internal.split.SizeCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How deep each instruction reaches into the operand stack, as the translator reports it to the splitter: a part of
 * a split function takes from the frame every operand below its start that its instructions reach. Instructions that
 * read operands and leave them (or leave a result in their place) reach as deep as those that pop.
 */
class StackReachTest {
    /** For each op of the module below, how many operands it reaches. */
    private static final Map<Op, Integer> REACH = Map.of(Op.LOCAL_TEE, 1, Op.SELECT, 3, Op.BR_IF, 2, Op.BR, 1,
            Op.RETURN, 1, Op.MEMORY_GROW, 1, Op.I64_EXTEND_8_S, 1, Op.I32_ADD, 2, Op.I32_WRAP_I64, 1);

    private static final String WAT = """
            (module
              (memory 1)
              (func (param $a i32) (param $b i32) (result i32) (local $c i32)
                (i32.add
                  (local.tee $c (select (local.get $a) (local.get $b) (local.get $a)))
                  (block (result i32)
                    (drop (br_if 0 (memory.grow (local.get $c)) (local.get $b)))
                    (br 0 (i32.wrap_i64 (i64.extend8_s (i64.extend_i32_u (local.get $a)))))))
                (return)))
            """;

    @Test
    void everyInstructionReportsHowDeepItReaches(@TempDir Path dir) throws Exception {
        Path wat = dir.resolve("reach.wat");
        Files.writeString(wat, WAT);
        ModuleModel model = EndiveDecoder.decode(TextFormat.assemble(wat), Feature.WASM_2_0);
        ModuleLayout layout = new ModuleLayout(model, "reach.M");
        FunctionBody body = model.bodies().apply(0);
        List<Instruction> code = body.instructions();
        int[] heights = new int[code.size() + 1];
        int[] lows = new int[code.size() + 1];
        new FunctionTranslator(new SizeCounter(), null, layout, 0, body, Region.whole(code.size()), null,
                (i, height, reachable, lowestBefore) -> {
                    heights[i] = height;
                    lows[i] = height;
                    if (i > 0) {
                        lows[i - 1] = Math.min(lows[i - 1], lowestBefore);
                    }
                }).translate();
        int checked = 0;
        for (int i = 0; i < code.size(); i++) {
            Integer reach = REACH.get(code.get(i).op());
            if (reach != null) {
                assertEquals(heights[i] - reach, lows[i], code.get(i).op() + " at " + i);
                checked++;
            }
        }
        assertTrue(checked >= REACH.size(), checked + " instructions checked");
    }
}
