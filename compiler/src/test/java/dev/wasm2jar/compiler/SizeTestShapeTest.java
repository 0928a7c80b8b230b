package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A written-out access tests memory 0's size against NO_ROOM (-1, the only negative size) as {@code size < 0}, never
 * as {@code size == -1}: where a local is compared equal to a constant, C2's parser replaces the local by the constant
 * on the equal path, so in a compilation on stack replacement (where the size comes from the interpreter's frame, not
 * folded) the size became a loop phi of the frame's value and -1, and the loop around the access was not counted
 * (RATIONALE.md, "Loops compiled on stack replacement").
 */
class SizeTestShapeTest {
    private static final String MODULE = """
            (module
              (memory 1)
              ;; fills n bytes from 0 with i * 3, then grows the memory by a page and sums the bytes
              (func (export "fill") (param $n i32) (result i32)
                (local $i i32) (local $sum i32)
                (loop $l
                  (i32.store8 (local.get $i) (i32.mul (local.get $i) (i32.const 3)))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (drop (memory.grow (i32.const 1)))
                (local.set $i (i32.const 0))
                (loop $s
                  (local.set $sum (i32.add (local.get $sum) (i32.load8_u (local.get $i))))
                  (br_if $s (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $sum)))
            """;

    @TempDir
    Path dir;

    @Test
    void theSizeIsTestedByItsSignNotAgainstMinusOne() throws IOException {
        CompiledModule compiled = compile();
        int tests = 0;
        for (MethodNode method : GeneratedCode.allMethods(compiled)) {
            List<AbstractInsnNode> code = GeneratedCode.instructions(method, AbstractInsnNode.class)
                    .filter(insn -> insn.getOpcode() >= 0).toList();
            for (int k = 2; k < code.size(); k++) {
                boolean minusOne = code.get(k - 1).getOpcode() == Opcodes.ICONST_M1;
                boolean local = code.get(k - 2).getOpcode() == Opcodes.ILOAD;
                int op = code.get(k).getOpcode();
                assertTrue(!(local && minusOne && (op == Opcodes.IF_ICMPEQ || op == Opcodes.IF_ICMPNE)),
                        method.name + " compares a local with -1 at instruction " + k);
                if (code.get(k - 1).getOpcode() == Opcodes.ILOAD && op == Opcodes.IFLT
                        && code.get(k + 1).getOpcode() == Opcodes.DUP) {
                    tests++;
                }
            }
        }
        assertEquals(2, tests, "one size test per access");
    }

    @Test
    void accessesStillWorkBeforeAndAfterTheMemoryGrows() throws IOException {
        Instance m = compile().load().instantiate(Imports.empty());
        int expected = 0;
        for (int i = 0; i < 1000; i++) {
            expected += (i * 3) & 0xFF;
        }
        assertArrayEquals(new Object[] {expected}, m.function("fill").call(1000));
    }

    private CompiledModule compile() throws IOException {
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Path file = dir.resolve("m.wat");
        Files.writeString(file, MODULE);
        return Compiler.compile(TextFormat.assemble(file), new CompilerOptions("test.SizeShape"));
    }
}
