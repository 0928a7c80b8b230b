package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.TrapException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A loop that steps its variable by a loop-invariant local and exits on an unsigned comparison gets a counter of its
 * own that C2 counts; the loop still runs exactly as often as wasm says, also when the variable wraps around 2^32, and
 * its stores trap at the exact end of memory.
 */
class LoopCountersTest {
    private static final String MODULE = """
            (module
              (memory (export "memory") 1)
              ;; j from start by step while j <u limit: how many times the body ran
              (func (export "trips") (param $start i32) (param $step i32) (param $limit i32) (result i32)
                (local $trips i32) (local $one i32)
                (local.set $one (i32.const 1))
                (loop $l
                  (local.set $trips (i32.add (local.get $trips) (local.get $one)))
                  (br_if $l (i32.lt_u (local.tee $start (i32.add (local.get $start) (local.get $step)))
                    (local.get $limit))))
                (local.get $trips))
              ;; a sieve's inner loop: mem[base + j] = 1, j by step while (offset + j) <u limit
              (func (export "cross") (param $base i32) (param $step i32) (param $offset i32) (param $limit i32)
                (local $j i32)
                (loop $l
                  (i32.store8 (i32.add (local.get $base) (local.get $j)) (i32.const 1))
                  (br_if $l (i32.lt_u
                    (i32.add (local.get $offset) (local.tee $j (i32.add (local.get $j) (local.get $step))))
                    (local.get $limit)))))
              ;; stepped by a constant: left alone
              (func (export "constant") (param $limit i32) (result i32)
                (local $j i32)
                (loop $l
                  (br_if $l (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 3))) (local.get $limit))))
                (local.get $j))
              ;; the step changes in the loop: left alone
              (func (export "growing") (param $limit i32) (result i32)
                (local $j i32) (local $step i32)
                (loop $l
                  (local.set $step (i32.add (local.get $step) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.tee $j (i32.add (local.get $j) (local.get $step))) (local.get $limit))))
                (local.get $j)))
            """;

    @TempDir
    Path dir;

    @Test
    void loopsWithACounterRunExactlyAsOften() throws IOException {
        Instance m = compile().load().instantiate(Imports.empty());
        assertArrayEquals(new Object[] {4}, m.function("trips").call(0, 3, 10)); // 3, 6, 9, then 12
        assertArrayEquals(new Object[] {1}, m.function("trips").call(0, 3, 3)); // the body runs before the test
        // from 2^32 - 16 by 16: j wraps around to 0, then 16, ... 112
        assertArrayEquals(new Object[] {8}, m.function("trips").call(-16, 16, 100));
        assertArrayEquals(new Object[] {1}, m.function("trips").call(0, -1, 5)); // a step of 2^32 - 1 ends at once
        assertArrayEquals(new Object[] {9}, m.function("constant").call(7));
        assertArrayEquals(new Object[] {10}, m.function("growing").call(10));
    }

    @Test
    void storesTrapAtTheEndOfMemory() throws IOException {
        Instance m = compile().load().instantiate(Imports.empty());
        Memory memory = m.memory("memory");
        int base = 65536 - 3 * 7 - 1; // stores at base, base + 7, ..., 65535, then 65542
        m.function("cross").call(base, 7, 0, 28);
        assertEquals(1, memory.readByte(65535));
        assertEquals(0, memory.readByte(65534));
        TrapException e = assertThrows(TrapException.class, () -> m.function("cross").call(base + 1, 7, 0, 100));
        assertEquals("out of bounds memory access", e.getMessage());
        assertEquals(1, memory.readByte(65536 - 7)); // the stores before the trap were made
        assertEquals(0, memory.readByte(65536 - 6));
        // the offset in the exit test wraps: 2^32 - 8 + j is below 16 for j from 8 to 23
        m.function("cross").call(0, 8, -8, 16);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0},
                memory.read(0, 25));
    }

    @Test
    void onlyLoopsSteppedByAnInvariantLocalGetACounter() throws IOException {
        List<MethodNode> methods = GeneratedCode.methods(compile(), "test/Counters");
        assertEquals(1, counters(methods, "f0")); // trips
        assertEquals(1, counters(methods, "f1")); // cross
        assertEquals(0, counters(methods, "f2")); // constant
        assertEquals(0, counters(methods, "f3")); // growing
    }

    /** The counters of {@code name}: an {@code iinc} by 1 right before a load of the same local and MAX_VALUE. */
    private static long counters(List<MethodNode> methods, String name) {
        MethodNode method = methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
        return GeneratedCode.instructions(method, IincInsnNode.class)
                .filter(inc -> inc.incr == 1 && inc.getNext().getOpcode() == Opcodes.ILOAD
                        && inc.getNext().getNext() instanceof org.objectweb.asm.tree.LdcInsnNode ldc
                        && Integer.valueOf(Integer.MAX_VALUE).equals(ldc.cst))
                .count();
    }

    private CompiledModule compile() throws IOException {
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Path file = dir.resolve("m.wat");
        Files.writeString(file, MODULE);
        return Compiler.compile(TextFormat.assemble(file), new CompilerOptions("test.Counters"));
    }
}
