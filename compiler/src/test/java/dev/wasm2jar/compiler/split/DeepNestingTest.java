package dev.wasm2jar.compiler.split;

import static dev.wasm2jar.compiler.WasmBuilder.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.WasmBuilder;
import dev.wasm2jar.compiler.WasmBuilder.Code;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import org.junit.jupiter.api.Test;

/**
 * Nesting far deeper than toolchains emit (clang's own build nests blocks a few thousand deep), compiled on the test's
 * ordinary thread: every stage that recurses over the block structure (planning the split above all) must find enough
 * stack wherever the compiler runs it, its worker threads included.
 */
class DeepNestingTest {
    private static final int DEPTH = 50_000;

    /**
     * {@value #DEPTH} nested blocks in one function, each followed by code that counts it; the innermost block
     * branches out to the middle when the argument is not zero, skipping the counts of the inner half.
     */
    @Test
    void fiftyThousandNestedBlocks() {
        WasmBuilder m = new WasmBuilder();
        Code body = new Code();
        for (int j = 0; j < DEPTH; j++) {
            body.begin(0x02, 0x40);
        }
        body.get(0).brIf(DEPTH / 2);
        for (int j = DEPTH - 1; j >= 0; j--) {
            body.end().get(1).i32(j % 7 + 1).op(0x6A).set(1); // count += j % 7 + 1
        }
        body.get(1);
        m.function("run", m.type(new int[] {I32}, new int[] {I32}), new int[] {I32}, body);

        Instance instance = Compiler.compile(m.build(), new CompilerOptions("deep.Nesting")).load()
                .instantiate(Imports.empty());

        assertEquals(counts(0), instance.function("run").call(0)[0]);
        assertEquals(counts(DEPTH / 2), instance.function("run").call(1)[0]);
    }

    /** The count after the ends of levels {@code DEPTH - 1 - skipped} down to 0. */
    private static int counts(int skipped) {
        int count = 0;
        for (int j = DEPTH - 1 - skipped; j >= 0; j--) {
            count += j % 7 + 1;
        }
        return count;
    }
}
