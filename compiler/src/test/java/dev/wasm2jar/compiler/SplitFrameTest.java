package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

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
        assertEquals(List.of(0), referenceSlotsAllocated(compiled, "test/FrameNumbers"));
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
        List<Integer> sizes = referenceSlotsAllocated(compiled, "test/FrameRefs");
        // Beside the three results' array, the frame's: two locals and the operand slots.
        assertTrue(sizes.stream().anyMatch(size -> size >= 10), "Object[] sizes: " + sizes);
    }

    /** The constant length of every {@code Object[]} the class's methods allocate. */
    private static List<Integer> referenceSlotsAllocated(CompiledModule compiled, String className) {
        List<Integer> sizes = new ArrayList<>();
        compiled.files().forEach((name, bytes) -> {
            if (!name.endsWith(".class")) {
                return;
            }
            new ClassReader(bytes).accept(new org.objectweb.asm.ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        int lastConstant = -1;

                        @Override
                        public void visitInsn(int opcode) {
                            lastConstant = opcode >= Opcodes.ICONST_0 && opcode <= Opcodes.ICONST_5
                                    ? opcode - Opcodes.ICONST_0 : -1;
                        }

                        @Override
                        public void visitIntInsn(int opcode, int operand) {
                            lastConstant = opcode == Opcodes.NEWARRAY ? -1 : operand;
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            if (opcode == Opcodes.ANEWARRAY && type.equals("java/lang/Object")
                                    && method.startsWith("f0")) {
                                sizes.add(lastConstant);
                            }
                            lastConstant = -1;
                        }
                    };
                }
            }, 0);
        });
        return sizes;
    }
}
