package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * 64-bit constants of more than 32 bits that are added or subtracted come from a table of the class, so that C2 does
 * not distribute a shift over the sum and lose a rotation of it; other constants stay in the constant pool.
 */
class WideAddendsTest {
    private static final long WIDE = 0x428a2f98d728ae22L;

    /** rotl(x + WIDE, 14) - WIDE2, and x * WIDE: the sum's constants from the table, the product's from the pool. */
    private static byte[] module() {
        WasmBuilder b = new WasmBuilder();
        int type = b.type(new int[] {WasmBuilder.I64}, new int[] {WasmBuilder.I64});
        b.function("sum", type, new int[0], new WasmBuilder.Code()
                .get(0).i64(WIDE).op(0x7C) // i64.add
                .i64(14).op(0x89) // i64.rotl
                .i64(-0x6a09e667f3bcc908L).op(0x7D) // i64.sub
                .i64(7).op(0x7C)); // a small addend: a constant
        b.function("product", type, new int[0], new WasmBuilder.Code().get(0).i64(WIDE).op(0x7E)); // i64.mul
        return b.build();
    }

    @Test
    void sumsTakeWideConstantsFromTheClassTable() {
        CompiledModule compiled = Compiler.compile(module(), new CompilerOptions("test.Addends"));
        Instance instance = compiled.load().instantiate(Imports.empty());
        for (long x : new long[] {0, 1, -1, Long.MIN_VALUE, 0x0123456789abcdefL}) {
            long expected = Long.rotateLeft(x + WIDE, 14) - -0x6a09e667f3bcc908L + 7;
            assertArrayEquals(new Object[] {expected}, instance.function("sum").call(x));
            assertArrayEquals(new Object[] {x * WIDE}, instance.function("product").call(x));
        }
        List<String> reads = new ArrayList<>();
        List<Long> pooled = new ArrayList<>();
        for (MethodNode m : GeneratedCode.methods(compiled, "test/Addends")) {
            if (m.name.equals("<clinit>")) {
                continue;
            }
            GeneratedCode.instructions(m, FieldInsnNode.class).filter(f -> f.name.equals("i64Addends"))
                    .forEach(f -> reads.add(m.name + (f.getOpcode() == Opcodes.GETSTATIC ? " get" : " put")));
            GeneratedCode.instructions(m, LdcInsnNode.class)
                    .filter(ldc -> ldc.cst instanceof Long l && l != (int) (long) l)
                    .forEach(ldc -> pooled.add((Long) ldc.cst));
        }
        assertEquals(2, reads.stream().filter(r -> r.startsWith("f0") && r.endsWith(" get")).count(), reads::toString);
        assertEquals(0, reads.stream().filter(r -> r.startsWith("f1")).count(), reads::toString);
        assertEquals(List.of(WIDE), pooled, "of the wide constants only the product's stays in the pool");
    }
}
