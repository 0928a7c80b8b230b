package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.V128;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * {@code i8x16.shuffle}'s three lowerings, each chosen where it should be and each computing what the spec says:
 * moves of whole 64- or 32-bit lanes, shifts and masks per run of bytes, and the byte-by-byte helper for the rest.
 */
class ShuffleLoweringTest {
    /** How a pattern should compile. */
    private enum Lowering {
        WHOLE_LANES, RUNS, HELPER
    }

    private record Pattern(String name, int[] lanes, Lowering lowering) {}

    private static final Pattern[] PATTERNS = {
        new Pattern("identity", range(0, 16), Lowering.WHOLE_LANES),
        new Pattern("swapHalves", concat(range(8, 16), range(0, 8)), Lowering.WHOLE_LANES),
        new Pattern("interleaveHalves", concat(range(0, 8), range(16, 24)), Lowering.WHOLE_LANES),
        new Pattern("reverseWords", concat(range(12, 16), range(8, 12), range(4, 8), range(0, 4)), Lowering.WHOLE_LANES),
        new Pattern("pickWords", concat(range(20, 24), range(0, 4), range(28, 32), range(8, 12)), Lowering.WHOLE_LANES),
        new Pattern("slideByOne", range(1, 17), Lowering.RUNS),
        new Pattern("slideByThree", range(3, 19), Lowering.RUNS),
        new Pattern("broadcastByte", repeat(5, 16), Lowering.RUNS),
        new Pattern("reverseBytes", reversed(range(0, 16)), Lowering.HELPER),
        new Pattern("evenBytes", new int[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30}, Lowering.HELPER),
    };

    @Test
    void eachPatternComputesTheShuffleAndIsLoweredAsExpected(@TempDir Path dir) throws Exception {
        StringBuilder wat = new StringBuilder("(module\n");
        for (Pattern p : PATTERNS) {
            StringJoiner lanes = new StringJoiner(" ");
            for (int lane : p.lanes()) {
                lanes.add(Integer.toString(lane));
            }
            wat.append("  (func (export \"").append(p.name()).append("\") (param v128 v128) (result v128)\n")
                    .append("    (i8x16.shuffle ").append(lanes).append(" (local.get 0) (local.get 1)))\n");
        }
        wat.append(")\n");
        Path file = dir.resolve("shuffles.wat");
        Files.writeString(file, wat);
        CompiledModule compiled = Compiler.compile(TextFormat.assemble(file), new CompilerOptions("test.Shuffles"));

        Map<String, int[]> calls = helperCallsAndBitOps(compiled.files().get("test/Shuffles.class"));
        for (int i = 0; i < PATTERNS.length; i++) {
            Pattern p = PATTERNS[i];
            int[] counts = calls.get("f" + i);
            int helperCalls = counts[0];
            int bitOps = counts[1];
            switch (p.lowering()) {
                case WHOLE_LANES -> assertTrue(helperCalls == 0 && bitOps == 0, p.name() + ": element moves only");
                case RUNS -> assertTrue(helperCalls == 0 && bitOps > 0, p.name() + ": shifts and masks");
                case HELPER -> assertEquals(2, helperCalls, p.name() + ": the helper, once per half");
            }
        }

        Instance instance = compiled.load().instantiate(Imports.empty());
        Random random = new Random(42);
        for (Pattern p : PATTERNS) {
            for (int trial = 0; trial < 20; trial++) {
                V128 a = new V128(random.nextLong(), random.nextLong());
                V128 b = new V128(random.nextLong(), random.nextLong());
                assertEquals(reference(p.lanes(), a, b), instance.function(p.name()).call(a, b)[0], p.name());
            }
        }
    }

    /** The spec's definition: byte i of the result is byte {@code lanes[i]} of the 32 bytes of a then b. */
    private static V128 reference(int[] lanes, V128 a, V128 b) {
        byte[] both = new byte[32];
        System.arraycopy(a.bytes(), 0, both, 0, 16);
        System.arraycopy(b.bytes(), 0, both, 16, 16);
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = both[lanes[i]];
        }
        return V128.ofBytes(out);
    }

    /**
     * Per method: calls of {@code V128Ops.shuffle}, and the long operations that runs of bytes take ({@code lor},
     * {@code land}, {@code lshl}, {@code lmul}; converting between shapes takes none of them).
     */
    private static Map<String, int[]> helperCallsAndBitOps(byte[] classFile) {
        Map<String, int[]> out = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                int[] counts = out.computeIfAbsent(name, n -> new int[2]);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String d, boolean itf) {
                        if (owner.endsWith("/V128Ops") && method.equals("shuffle")) {
                            counts[0]++;
                        }
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.LOR || opcode == Opcodes.LAND || opcode == Opcodes.LSHL
                                || opcode == Opcodes.LMUL) {
                            counts[1]++;
                        }
                    }
                };
            }
        }, 0);
        return out;
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    private static int[] repeat(int lane, int n) {
        int[] out = new int[n];
        java.util.Arrays.fill(out, lane);
        return out;
    }

    private static int[] reversed(int[] lanes) {
        int[] out = new int[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            out[i] = lanes[lanes.length - 1 - i];
        }
        return out;
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
