package dev.wasm2jar.compiler.split;

import static dev.wasm2jar.compiler.WasmBuilder.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.WasmBuilder;
import dev.wasm2jar.compiler.WasmBuilder.Code;
import dev.wasm2jar.compiler.internal.classfile.ClassFileSizes;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Imports;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A function that fits one method but has a large loop after a long set-up gets the loop as a part of its own
 * (RATIONALE.md, "Hot loops get methods of their own"); the loop reads and writes locals of the function, branches
 * out of itself with a value and returns from inside, and each way must give what the unsplit function gives.
 */
class LoopOutliningTest {
    private static final int STOP_NEVER = -1;

    /**
     * {@code run(n, stop)}: x mixed 100 times, then a loop over i that mixes x and i into acc 40 times per turn and
     * passes acc through a function {@code mix} four times;
     * at {@code i == stop} it returns acc, at {@code i == 1000} it leaves its block with acc + 1; the block's value
     * (acc when the loop ends by its count) is xored with x.
     */
    private static byte[] module() {
        WasmBuilder m = new WasmBuilder();
        int i64ToI64 = m.type(new int[] {I64}, new int[] {I64});
        m.function("mix", i64ToI64, new int[0], new Code().get(0).i64(3).op(0x7E).i64(1).op(0x7C));
        Code body = new Code();
        for (int k = 0; k < 100; k++) {
            body.get(2).i32(5).op(0x6C).i32(k).op(0x73).set(2);
        }
        body.begin(0x02, I64).begin(0x03, 0x40);
        for (int k = 0; k < 40; k++) {
            body.get(3).i64(31).op(0x7E).get(2).get(4).op(0x73).op(0xAC).op(0x7C).set(3);
        }
        for (int k = 0; k < 4; k++) {
            body.get(3).call(0).set(3);
        }
        body.get(4).get(1).op(0x46).begin(0x04, 0x40).get(3).op(0x0F).end();
        body.get(4).i32(1000).op(0x46).begin(0x04, 0x40).get(3).i64(1).op(0x7C).br(2).end();
        body.get(4).i32(1).op(0x6A).tee(4).get(0).op(0x48).brIf(0);
        body.end().get(3).end();
        body.get(2).op(0xAC).op(0x85);
        m.function("run", m.type(new int[] {I32, I32}, new int[] {I64}), new int[] {I32, I64, I32}, body);
        return m.build();
    }

    private static long expected(int n, int stop) {
        int x = 0;
        for (int k = 0; k < 100; k++) {
            x = (x * 5) ^ k;
        }
        long acc = 0;
        int i = 0;
        long value;
        while (true) {
            for (int k = 0; k < 40; k++) {
                acc = acc * 31 + (x ^ i);
            }
            for (int k = 0; k < 4; k++) {
                acc = acc * 3 + 1;
            }
            if (i == stop) {
                return acc;
            }
            if (i == 1000) {
                value = acc + 1;
                break;
            }
            i++;
            if (i >= n) {
                value = acc;
                break;
            }
        }
        return value ^ x;
    }

    @Test
    void theLoopIsAPartAndEveryWayOutOfItGivesTheUnsplitResult() {
        CompiledModule compiled = Compiler.compile(module(), new CompilerOptions("outlined.M"));
        Set<String> methods = new TreeSet<>();
        compiled.files().forEach((file, bytes) -> {
            if (file.endsWith(".class")) {
                methods.addAll(ClassFileSizes.methodSizes(bytes).keySet());
            }
        });
        assertTrue(methods.stream().anyMatch(name -> name.contains("_part")), "no part among " + methods);
        Instance instance = compiled.load().instantiate(Imports.empty());
        for (int[] args : new int[][] {{0, STOP_NEVER}, {1, STOP_NEVER}, {500, STOP_NEVER}, {5000, STOP_NEVER},
                {500, 7}, {5000, 0}, {5000, 999}}) {
            assertEquals(expected(args[0], args[1]), instance.function("run").call(args[0], args[1])[0],
                    "run(" + args[0] + ", " + args[1] + ")");
        }
    }
}
