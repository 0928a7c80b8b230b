package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.internal.classfile.ClassFileSizes;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two call-free loop nests in an outer loop that makes a call, the shape of crunch's main loop, become a part each
 * although the function fits one method (RATIONALE.md, "Loops compiled on stack replacement"); the nests read and
 * write the function's locals, one leaves the outer loop's block with a value and one returns from inside, and each
 * way gives what the unsplit function gives.
 */
class LoopNestOutliningTest {
    private static final int UNROLL = 16;
    private static final int NEVER = -1;

    @TempDir
    Path dir;

    private static String module() {
        StringBuilder fill = new StringBuilder();
        StringBuilder sum = new StringBuilder();
        for (int k = 0; k < UNROLL; k++) {
            fill.append("""
                    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
                    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
                    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
                    (i32.store8 offset=%d (local.get $i) (local.get $x))
                    """.formatted(k));
            sum.append("""
                    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u offset=%d (local.get $i)))
                      (i32.const 16777619)))
                    """.formatted(k));
        }
        return """
                (module
                  (memory 1)
                  (global $calls (mut i32) (i32.const 0))
                  (func $tick (global.set $calls (i32.add (global.get $calls) (i32.const 1))))
                  (func (export "run") (param $rounds i32) (param $n i32) (param $leave i32) (param $stop i32)
                    (result i32)
                    (local $r i32) (local $p i32) (local $i i32) (local $x i32) (local $h i32)
                    (local.set $x (i32.const 12345))
                    (block $out (result i32)
                      (loop $round
                        (call $tick)
                        (local.set $p (i32.const 0))
                        (loop $pass
                          (local.set $i (i32.const 0))
                          (loop $fill
                            %s
                            (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const %d)))
                              (local.get $n))))
                          (drop (br_if $out (i32.add (local.get $h) (i32.const 7))
                            (i32.eq (local.get $r) (local.get $leave))))
                          (br_if $pass (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1)))
                            (i32.const 3))))
                        (local.set $p (i32.const 0))
                        (loop $pass2
                          (local.set $i (i32.const 0))
                          (loop $sum
                            %s
                            (br_if $sum (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const %d)))
                              (local.get $n))))
                          (if (i32.eq (local.get $r) (local.get $stop)) (then (return (local.get $h))))
                          (br_if $pass2 (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1)))
                            (i32.const 2))))
                        (br_if $round (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1)))
                          (local.get $rounds))))
                      (local.get $h))
                    (global.get $calls)
                    i32.xor))
                """.formatted(fill, UNROLL, sum, UNROLL);
    }

    private static int expected(int rounds, int n, int leave, int stop) {
        byte[] memory = new byte[65536];
        int x = 12345;
        int h = 0;
        int calls = 0;
        for (int r = 0; ; ) {
            calls++;
            for (int p = 0; p < 3; p++) {
                int i = 0;
                do {
                    for (int k = 0; k < UNROLL; k++) {
                        x ^= x << 13;
                        x ^= x >>> 17;
                        x ^= x << 5;
                        memory[i + k] = (byte) x;
                    }
                    i += UNROLL;
                } while (Integer.compareUnsigned(i, n) < 0);
                if (r == leave) {
                    return (h + 7) ^ calls;
                }
            }
            for (int p = 0; p < 2; p++) {
                int i = 0;
                do {
                    for (int k = 0; k < UNROLL; k++) {
                        h = (h ^ (memory[i + k] & 0xFF)) * 16777619;
                    }
                    i += UNROLL;
                } while (Integer.compareUnsigned(i, n) < 0);
                if (r == stop) {
                    return h;
                }
            }
            r++;
            if (Integer.compareUnsigned(r, rounds) >= 0) {
                return h ^ calls;
            }
        }
    }

    @Test
    void eachNestIsAPartAndEveryWayOutGivesTheUnsplitResult() throws IOException {
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Path file = dir.resolve("m.wat");
        Files.writeString(file, module());
        CompiledModule compiled = Compiler.compile(TextFormat.assemble(file), new CompilerOptions("nests.M"));
        Set<String> methods = new TreeSet<>();
        compiled.files().forEach((name, bytes) -> {
            if (name.endsWith(".class")) {
                methods.addAll(ClassFileSizes.methodSizes(bytes).keySet());
            }
        });
        assertTrue(methods.stream().filter(name -> name.contains("_part")).count() >= 2, "parts among " + methods);
        var module = compiled.load();
        for (int[] args : new int[][] {{1, 16, NEVER, NEVER}, {3, 4096, NEVER, NEVER}, {5, 64, 3, NEVER},
                {5, 64, NEVER, 2}, {4, 1024, 0, NEVER}, {4, 1024, NEVER, 0}}) {
            Instance instance = module.instantiate(Imports.empty()); // a count of calls of its own
            assertEquals(expected(args[0], args[1], args[2], args[3]),
                    instance.function("run").call(args[0], args[1], args[2], args[3])[0],
                    "run(" + args[0] + ", " + args[1] + ", " + args[2] + ", " + args[3] + ")");
        }
    }
}
