package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.TrapException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Divisions and remainders by a constant are the JVM's own divisions (unsigned ones through longs), not the helpers:
 * every result matches the JDK's, for divisors and dividends at the edges of both widths.
 */
class ConstantDivisorsTest {
    private static final long[] I32_DIVISORS = {1, 2, 3, 7, 10, 641, 1000, 0x7FFF_FFFF, 0x8000_0000L, 0x8000_0001L,
            0xFFFF_FFF9L, 0xFFFF_FFFEL, 0xFFFF_FFFFL};
    private static final long[] I64_DIVISORS = {1, 2, 3, 7, 10, 1000, 10_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1, -7, -2, -1, 0x8000_0000L, 0xFFFF_FFFFL};
    private static final String[] OPS = {"div_s", "div_u", "rem_s", "rem_u"};

    @TempDir
    Path dir;

    @Test
    void everyResultIsTheJdks() throws IOException {
        StringBuilder wat = new StringBuilder("(module\n");
        List<Runnable> checks = new ArrayList<>();
        List<Long> dividends = dividends();
        int n = 0;
        for (int wide = 0; wide < 2; wide++) {
            String t = wide == 1 ? "i64" : "i32";
            for (long d : wide == 1 ? I64_DIVISORS : I32_DIVISORS) {
                for (String op : OPS) {
                    if (d == -1 && op.equals("div_s") || d == 0xFFFF_FFFFL && wide == 0 && op.equals("div_s")) {
                        continue; // the least value divided by -1 traps; that stays the helper's
                    }
                    String name = "f" + n++;
                    wat.append("(func (export \"%s\") (param %s) (result %s) (%s.%s (local.get 0) (%s.const %d)))\n"
                            .formatted(name, t, t, t, op, t, d));
                    boolean i64 = wide == 1;
                    LongBinaryOperator reference = reference(op, i64);
                    checks.add(() -> {
                        for (long x : dividends) {
                            Object got = call(name, i64 ? x : (Object) (int) x);
                            long expected = reference.applyAsLong(x, d);
                            assertEquals(i64 ? expected : (Object) (int) expected, got, name + " " + t + "." + op
                                    + " " + x + " by " + d);
                        }
                    });
                }
            }
        }
        wat.append("(func (export \"byZero\") (param i32) (result i32) (i32.div_u (local.get 0) (i32.const 0)))\n");
        wat.append("(func (export \"minByMinusOne\") (param i64) (result i64) "
                + "(i64.div_s (local.get 0) (i64.const -1))))\n");
        CompiledModule compiled = compile(wat.toString());
        instance = compiled.load().instantiate(Imports.empty());
        checks.forEach(Runnable::run);
        assertThrows(TrapException.class, () -> instance.function("byZero").call(5));
        assertThrows(TrapException.class, () -> instance.function("minByMinusOne").call(Long.MIN_VALUE));
        assertEquals(List.of("f" + n, "f" + (n + 1)), helperCallers(compiled));
    }

    private Instance instance;

    private Object call(String name, Object x) {
        return instance.function(name).call(x)[0];
    }

    private static LongBinaryOperator reference(String op, boolean i64) {
        if (i64) {
            return switch (op) {
                case "div_s" -> (a, b) -> a / b;
                case "div_u" -> Long::divideUnsigned;
                case "rem_s" -> (a, b) -> a % b;
                default -> Long::remainderUnsigned;
            };
        }
        return switch (op) {
            case "div_s" -> (a, b) -> (int) a / (int) b;
            case "div_u" -> (a, b) -> Integer.divideUnsigned((int) a, (int) b);
            case "rem_s" -> (a, b) -> (int) a % (int) b;
            default -> (a, b) -> Integer.remainderUnsigned((int) a, (int) b);
        };
    }

    private static List<Long> dividends() {
        List<Long> xs = new ArrayList<>(List.of(0L, 1L, 2L, 6L, 7L, 8L, 999L, 1000L, 1001L, -1L, -2L, -7L, -8L,
                Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, 0x7FFF_FFFFL, 0x8000_0000L,
                0xFFFF_FFFFL, 0xFFFF_FFFEL, 0x1_0000_0000L, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE));
        Random random = new Random(14);
        for (int i = 0; i < 200; i++) {
            xs.add(random.nextLong() >> random.nextInt(64));
        }
        return xs;
    }

    private CompiledModule compile(String wat) throws IOException {
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Path file = dir.resolve("m.wat");
        Files.writeString(file, wat);
        return Compiler.compile(TextFormat.assemble(file), new CompilerOptions("test.Divisors"));
    }

    /** The methods that still call a division helper of {@code NumericOps}, in order, once per call. */
    private static List<String> helperCallers(CompiledModule compiled) {
        List<String> callers = new ArrayList<>();
        for (MethodNode m : GeneratedCode.methods(compiled, "test/Divisors")) {
            GeneratedCode.instructions(m, MethodInsnNode.class)
                    .filter(call -> call.owner.endsWith("NumericOps") && call.name.matches("i(32|64)(Div|Rem)[SU]"))
                    .forEach(call -> callers.add(m.name));
        }
        return callers;
    }
}
