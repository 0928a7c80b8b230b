package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The frame a split function allocates at every call: {@code Object[] refs} has slots only when references cross
 * between its methods, since an array as long as the frame, zeroed at every call, is wasted on a function of numbers.
 */
class SplitFrameTest {
    /** 200 statements on local 1, an i64, each a few bytes: enough for several parts at a target of 300. */
    private static void padding(WasmBuilder.Code body) {
        for (int i = 0; i < 200; i++) {
            body.get(1).i64(i + 1).op(0x7C).set(1); // local1 += i + 1
        }
    }

    @Test
    void aFunctionOfNumbersAllocatesNoReferenceSlots() {
        WasmBuilder b = new WasmBuilder();
        int type = b.type(new int[] {WasmBuilder.I64, WasmBuilder.I64}, new int[] {WasmBuilder.I64});
        WasmBuilder.Code body = new WasmBuilder.Code();
        padding(body);
        body.get(1).get(0).op(0x7C); // local1 + local0
        b.function("sum", type, new int[0], body);
        CompiledModule compiled = Compiler.compile(b.build(), new CompilerOptions("test.FrameNumbers"),
                Progress.NONE, 300);
        assertTrue(compiled.stats().parts() >= 2, compiled.stats().parts() + " parts");
        Instance instance = compiled.load().instantiate(Imports.empty());
        assertArrayEquals(new Object[] {20100L + 5 + 7}, instance.function("sum").call(5L, 7L));
        assertEquals(List.of(0), referenceSlotsAllocated(compiled));
    }

    @Test
    void referencesCrossPartsAsLocalsAndAsOperands() {
        WasmBuilder b = new WasmBuilder();
        int type = b.type(new int[] {WasmBuilder.EXTERNREF, WasmBuilder.I64},
                new int[] {WasmBuilder.EXTERNREF, WasmBuilder.EXTERNREF, WasmBuilder.I64});
        WasmBuilder.Code body = new WasmBuilder.Code();
        body.get(0); // an operand below the parts, carried across them
        padding(body);
        body.get(0).get(1); // and the local, read after them
        b.function("keep", type, new int[0], body);
        CompiledModule compiled = Compiler.compile(b.build(),
                new CompilerOptions("test.FrameRefs"), Progress.NONE, 300);
        assertTrue(compiled.stats().parts() >= 2, compiled.stats().parts() + " parts");
        Instance instance = compiled.load().instantiate(Imports.empty());
        Object thing = new Object();
        Object[] results = instance.function("keep").call(thing, 0L);
        assertSame(thing, results[0]);
        assertSame(thing, results[1]);
        assertEquals(20100L, results[2]);
        List<Integer> sizes = referenceSlotsAllocated(compiled);
        // Beside the three results' array, the frame's: two locals and the operand slots.
        assertTrue(sizes.stream().anyMatch(size -> size >= 10), "Object[] sizes: " + sizes);
    }

    /** The constant length of every {@code Object[]} function 0's methods allocate (-1 where not a constant). */
    private static List<Integer> referenceSlotsAllocated(CompiledModule compiled) {
        return GeneratedCode.allMethods(compiled).stream().filter(m -> m.name.startsWith("f0"))
                .flatMap(m -> GeneratedCode.instructions(m, TypeInsnNode.class))
                .filter(t -> t.getOpcode() == Opcodes.ANEWARRAY && t.desc.equals("java/lang/Object"))
                .map(t -> constant(GeneratedCode.previous(t))).toList();
    }

    private static int constant(AbstractInsnNode push) {
        if (push.getOpcode() >= Opcodes.ICONST_0 && push.getOpcode() <= Opcodes.ICONST_5) {
            return push.getOpcode() - Opcodes.ICONST_0;
        }
        return push instanceof IntInsnNode i && i.getOpcode() != Opcodes.NEWARRAY ? i.operand : -1;
    }
}
