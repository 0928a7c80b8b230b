package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A loop whose back branch is {@code !=} on a variable stepping by more than one gets an ordered test first, so that
 * C2 counts it; the two together branch exactly when {@code !=} does, also where the ordered test fails and the
 * variable passes the end and wraps around to it.
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
              ;; stride 1: C2 counts it as it is, no guard
              (func (export "ones") (param $n i32) (result i32)
                (local $i i32)
                (loop $l
                  (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $i)))
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
    }

    @Test
    void theOrderedTestGoesFirstAndFacesTheWayTheVariableSteps() throws IOException {
        Map<Integer, List<String>> guards = guards(compile());
        assertEquals(List.of("IF_ICMPGT"), guards.get(0)); // up: n > i, i steps up on the right
        assertEquals(List.of("IF_ICMPLT"), guards.get(1)); // wraps: i < end
        assertEquals(List.of("IFGT"), guards.get(2)); // down: x > 0, x steps down to zero
        assertEquals(List.of(), guards.get(3)); // ones
    }

    private CompiledModule compile() throws IOException {
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Path file = dir.resolve("m.wat");
        Files.writeString(file, MODULE);
        return Compiler.compile(TextFormat.assemble(file), new CompilerOptions("test.Counted"));
    }

    /**
     * For each function's method (by function index), the ordered jumps that go to the same label as the {@code !=}
     * jump right after them.
     */
    private static Map<Integer, List<String>> guards(CompiledModule compiled) {
        Map<Integer, List<String>> found = new HashMap<>();
        new ClassReader(compiled.files().get("test/Counted.class")).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!name.matches("f\\d+")) {
                    return null;
                }
                List<String> guards = found.computeIfAbsent(Integer.parseInt(name.substring(1)), f -> new ArrayList<>());
                return new MethodVisitor(Opcodes.ASM9) {
                    int previous = -1;
                    Label previousLabel;

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        if ((opcode == Opcodes.IF_ICMPNE || opcode == Opcodes.IFNE) && label == previousLabel) {
                            guards.add(org.objectweb.asm.util.Printer.OPCODES[previous]);
                        }
                        previous = opcode;
                        previousLabel = label;
                    }
                };
            }
        }, 0);
        return found;
    }
}
