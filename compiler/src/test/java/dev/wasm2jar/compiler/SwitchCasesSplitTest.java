package dev.wasm2jar.compiler;

import static dev.wasm2jar.compiler.WasmBuilder.I32;
import static org.junit.jupiter.api.Assertions.*;

import dev.wasm2jar.compiler.WasmBuilder.Code;
import dev.wasm2jar.compiler.internal.classfile.ClassFileSizes;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An interpreter's loop around a {@code switch} as LLVM lowers one (a nest of blocks, a {@code br_table} inside, each
 * case after a block's end), split at small targets so that its cases are grouped into parts that span the blocks'
 * ends (RATIONALE.md, "A switch's cases are grouped into parts"). Each way a case can go must give what the unsplit
 * function gives: on to the next turn of the loop, through to the next case, to a later case by a branch, out of
 * the loop, and out of the function.
 */
class SwitchCasesSplitTest {
    private static final int CASES = 40;
    /** Arithmetic per case, so that the cases are large enough to be cut at the targets below. */
    private static final int PADDING = 6;

    /**
     * {@code run(seed, steps)}: acc starts at seed; each turn of the loop stops once {@code i >= steps} and otherwise
     * runs case {@code (acc + i) % (CASES + 1)} (the last value is the br_table's default: leave the loop), then the
     * cases after it as each says; the result is acc xor 0x55 unless a case returns.
     */
    private static byte[] module() {
        Code body = new Code().get(0).set(2);
        body.begin(0x02, 0x40).begin(0x03, 0x40);
        body.get(3).get(1).op(0x4F).brIf(1);
        for (int k = 0; k < CASES; k++) {
            body.begin(0x02, 0x40);
        }
        int[] depths = new int[CASES];
        for (int k = 0; k < CASES; k++) {
            depths[k] = k;
        }
        body.get(2).get(3).op(0x6A).i32(CASES + 1).op(0x70).brTable(depths, CASES + 1);
        for (int k = 0; k < CASES; k++) {
            body.end(); // case k follows the end of block k
            int next = CASES - 1 - k;
            int exit = CASES - k;
            for (int r = 0; r < PADDING; r++) {
                body.get(2).i32(k * 7 + r).op(0x73).i32(5).op(0x6C).set(2);
            }
            switch (k % 5) {
                case 0 -> body.get(2).i32(31).op(0x6C).i32(k).op(0x6A).set(2).code(increment()).br(next);
                case 1 -> body.get(2).i32(k << 3).op(0x73).set(2); // falls through to case k + 1
                case 2 -> {
                    if (k + 2 < CASES) {
                        body.get(2).i32(1).op(0x71).brIf(1); // on to case k + 2
                    }
                    body.code(increment()).br(next);
                }
                case 3 -> body.get(2).i32(1_000_000).op(0x4A).begin(0x04, 0x40).get(2).i32(7).op(0x6C).op(0x0F)
                        .end().code(increment()).br(next);
                default -> body.code(increment()).br(exit);
            }
        }
        body.end().end();
        body.get(2).i32(0x55).op(0x73);
        WasmBuilder m = new WasmBuilder();
        m.function("run", m.type(new int[] {I32, I32}, new int[] {I32}), new int[] {I32, I32}, body);
        return m.build();
    }

    private static Code increment() {
        return new Code().get(3).i32(1).op(0x6A).set(3);
    }

    private static int expected(int seed, int steps) {
        int acc = seed;
        int i = 0;
        loop:
        while (Integer.compareUnsigned(i, steps) < 0) {
            int k = Integer.remainderUnsigned(acc + i, CASES + 1);
            while (true) {
                if (k == CASES) {
                    break loop;
                }
                for (int r = 0; r < PADDING; r++) {
                    acc = (acc ^ (k * 7 + r)) * 5;
                }
                switch (k % 5) {
                    case 0 -> {
                        acc = acc * 31 + k;
                        i++;
                        continue loop;
                    }
                    case 1 -> {
                        acc ^= k << 3;
                        k++;
                    }
                    case 2 -> {
                        if (k + 2 < CASES && (acc & 1) != 0) {
                            k += 2;
                        } else {
                            i++;
                            continue loop;
                        }
                    }
                    case 3 -> {
                        if (acc > 1_000_000) {
                            return acc * 7;
                        }
                        i++;
                        continue loop;
                    }
                    default -> {
                        i++;
                        break loop;
                    }
                }
            }
        }
        return acc ^ 0x55;
    }

    @Test
    void casesGroupedIntoPartsGiveWhatTheUnsplitFunctionGives() {
        Map<Integer, Instance> byTarget = new HashMap<>();
        for (int target : new int[] {300, 900, 1500, Integer.MAX_VALUE}) {
            CompiledModule compiled = target == Integer.MAX_VALUE
                    ? Compiler.compile(module(), new CompilerOptions("cases.M"))
                    : Compiler.compile(module(), new CompilerOptions("cases.M"), Progress.NONE, target);
            int parts = 0;
            for (var e : compiled.files().entrySet()) {
                if (e.getKey().endsWith(".class")) {
                    parts += (int) ClassFileSizes.methodSizes(e.getValue()).keySet().stream()
                            .filter(name -> name.contains("_part")).count();
                }
            }
            if (target == Integer.MAX_VALUE) {
                assertEquals(0, parts, "the whole function fits one method");
            } else {
                assertTrue(parts >= 2, parts + " parts at target " + target);
            }
            byTarget.put(target, compiled.load().instantiate(Imports.empty()));
        }
        for (int seed = -40; seed < 400; seed += 3) {
            for (int steps : new int[] {0, 1, 2, 7, 50, 1000}) {
                int want = expected(seed, steps);
                for (var e : byTarget.entrySet()) {
                    assertEquals(want, e.getValue().function("run").call(seed, steps)[0],
                            "run(" + seed + ", " + steps + ") split at " + e.getKey());
                }
            }
        }
    }
}
