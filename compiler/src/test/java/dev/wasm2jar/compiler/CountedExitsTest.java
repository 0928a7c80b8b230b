package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Printer;

/**
 * A loop whose back branch is {@code !=} on a variable stepping by more than one gets an ordered test first, so that
 * C2 counts it; the two together branch exactly when {@code !=} does, also where the ordered test fails and the
 * variable passes the end and wraps around to it. Where the loop's bounds are constants a whole number of strides
 * apart, the ordered test goes alone, for strides of one too.
 */
class CountedExitsTest {
    private static final String MODULE = """
            (module
              ;; i from 0 by 2 while n != i: the stepped variable on the right
              (func (export "up") (param $n i32) (result i32)
                (local $i i32) (local $sum i32)
                (loop $l
                  (local.set $sum (i32.add (local.get $sum) (local.get $i)))
                  (br_if $l (i32.ne (local.get $n)
                    (local.tee $i (i32.add (local.get $i) (i32.const 2))))))
                (local.get $sum))
              ;; i from 0 by 2^30 while i != end: the stepped variable on the left, and the ordered test fails
              ;; (2^30 is not below -2^31) where != goes on
              (func (export "wraps") (param $end i32) (result i32)
                (local $i i32) (local $trips i32)
                (loop $l
                  (local.set $trips (i32.add (local.get $trips) (i32.const 1)))
                  (local.set $i (i32.add (local.get $i) (i32.const 0x40000000)))
                  (br_if $l (i32.ne (local.get $i) (local.get $end))))
                (local.get $trips))
              ;; x down by 2^30 to zero, through negative values where x > 0 fails
              (func (export "down") (param $x i32) (result i32)
                (local $trips i32)
                (loop $l
                  (local.set $trips (i32.add (local.get $trips) (i32.const 1)))
                  (br_if $l (local.tee $x (i32.sub (local.get $x) (i32.const 0x40000000)))))
                (local.get $trips))
              ;; stride 1 up to a bound not known: C2 counts it as it is, no guard
              (func (export "ones") (param $n i32) (result i32)
                (local $i i32)
                (loop $l
                  (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $i))
              ;; from -4096 up by 4 to zero, LLVM's count to zero: exact, i < 0 alone
              (func (export "toZero") (result i32)
                (local $i i32) (local $trips i32)
                (local.set $i (i32.const -4096))
                (loop $l
                  (local.set $trips (i32.add (local.get $trips) (i32.const 1)))
                  (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 4)))))
                (local.get $trips))
              ;; from 300 down by 1 to 100, the constant on the left: exact, 100 < i alone
              (func (export "downOnes") (result i32)
                (local $i i32) (local $trips i32)
                (local.set $i (i32.const 300))
                (loop $l
                  (local.set $trips (i32.add (local.get $trips) (i32.const 1)))
                  (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                  (br_if $l (i32.ne (i32.const 100) (local.get $i))))
                (local.get $trips))
              ;; from -4094 by 4 to zero never meets it: both tests (not run: it would wrap around for ever)
              (func (export "misses") (result i32)
                (local $i i32)
                (local.set $i (i32.const -4094))
                (loop $l
                  (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 4)))))
                (local.get $i))
              ;; exact bounds, but a second step in the loop: both tests
              (func (export "twoSteps") (result i32)
                (local $i i32)
                (local.set $i (i32.const -4096))
                (loop $l
                  (local.set $i (i32.add (local.get $i) (i32.const 4)))
                  (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 4)))))
                (local.get $i))
              ;; exact bounds, but the loop goes on after the br_if and comes back another way, past 0 where
              ;; != goes on and i < 0 would not: both tests (not run: != would wrap around)
              (func (export "notLast") (param $n i32) (result i32)
                (local $i i32) (local $trips i32)
                (local.set $i (i32.const -8))
                (loop $l
                  (local.set $trips (i32.add (local.get $trips) (i32.const 1)))
                  (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 4))))
                  (br_if $l (i32.lt_s (local.get $trips) (local.get $n))))
                (local.get $trips)))
            """;

    @TempDir
    Path dir;

    @Test
    void loopsEndingWithNotEqualRunExactlyAsOften() throws IOException {
        Instance m = compile().load().instantiate(Imports.empty());
        assertArrayEquals(new Object[] {0 + 2 + 4 + 6 + 8}, m.function("up").call(10));
        assertArrayEquals(new Object[] {2}, m.function("wraps").call(Integer.MIN_VALUE));
        assertArrayEquals(new Object[] {3}, m.function("wraps").call(0x40000000 * 3));
        assertArrayEquals(new Object[] {1}, m.function("down").call(0x40000000));
        assertArrayEquals(new Object[] {3}, m.function("down").call(0xC0000000));
        assertArrayEquals(new Object[] {7}, m.function("ones").call(7));
        assertArrayEquals(new Object[] {1024}, m.function("toZero").call());
        assertArrayEquals(new Object[] {200}, m.function("downOnes").call());
        assertArrayEquals(new Object[] {0}, m.function("twoSteps").call());
    }

    @Test
    void theOrderedTestGoesFirstAndFacesTheWayTheVariableSteps() throws IOException {
        Map<Integer, List<String>> jumps = backJumps(compile());
        assertEquals(List.of("IF_ICMPGT", "IF_ICMPNE"), jumps.get(0)); // up: n > i, i steps up on the right
        assertEquals(List.of("IF_ICMPLT", "IF_ICMPNE"), jumps.get(1)); // wraps: i < end
        assertEquals(List.of("IFGT", "IFNE"), jumps.get(2)); // down: x > 0, x steps down to zero
        assertEquals(List.of("IFNE"), jumps.get(3)); // ones: C2's own != of stride 1
        assertEquals(List.of("IFLT"), jumps.get(4)); // toZero: exact
        assertEquals(List.of("IF_ICMPLT"), jumps.get(5)); // downOnes: 100 < i, exact
        assertEquals(List.of("IFLT", "IFNE"), jumps.get(6)); // misses
        assertEquals(List.of("IFLT", "IFNE"), jumps.get(7)); // twoSteps
        assertEquals(List.of("IFLT", "IFNE", "IFNE"), jumps.get(8)); // notLast: i < 0 and != 0, then trips < n
    }

    private CompiledModule compile() throws IOException {
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Path file = dir.resolve("m.wat");
        Files.writeString(file, MODULE);
        return Compiler.compile(TextFormat.assemble(file), new CompilerOptions("test.Counted"));
    }

    /** For each function's method (by function index), its conditional jumps back to a loop's start, in order. */
    private static Map<Integer, List<String>> backJumps(CompiledModule compiled) {
        Map<Integer, List<String>> found = new HashMap<>();
        for (MethodNode method : GeneratedCode.methods(compiled, "test/Counted")) {
            if (!method.name.matches("f\\d+")) {
                continue;
            }
            List<AbstractInsnNode> code = List.of(method.instructions.toArray());
            found.put(Integer.parseInt(method.name.substring(1)), GeneratedCode.instructions(method, JumpInsnNode.class)
                    .filter(jump -> jump.getOpcode() != Opcodes.GOTO && code.indexOf(jump.label) < code.indexOf(jump))
                    .map(jump -> Printer.OPCODES[jump.getOpcode()]).toList());
        }
        return found;
    }
}
