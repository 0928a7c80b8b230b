package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.TextFormat;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Module;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JIT options bin/wasm2jar gives commands that run wasm code, on a function shaped like QuickJS's parser: a loop
 * over a br_table whose cases load, store and call, with 24 locals. HotSpot's C1 refuses it at its profiled tier
 * when it inlines each load's VarHandle code ("out of virtual registers"), so it would run interpreted until C2 takes
 * it; with bin/wasm2jar's options C1 compiles it. Each JVM is a process of its own: -Xbatch compiles at once and
 * -XX:+PrintCompilation says what happened.
 */
class JitOptionsTest {
    private static final Pattern JIT_LINE = Pattern.compile("(?ms)^jit=\\((.*?)\\)$");
    private static final int CASES = 16;
    private static final int LOCALS = 24;

    @TempDir
    static Path dir;

    /** What bin/wasm2jar's {@code jit=(...)} line gives the JVM. */
    private static List<String> launcherOptions() throws Exception {
        String root = System.getProperty("wasm2jar.root", "..");
        String script = Files.readString(Path.of(root, "bin", "wasm2jar"));
        Matcher m = JIT_LINE.matcher(script);
        assertTrue(m.find(), "bin/wasm2jar has no jit=(...) line");
        // All but -DisplayVMOutput, which would silence -XX:+PrintCompilation too.
        return Stream.of(m.group(1).trim().replace("$root", root).split("\\s+"))
                .filter(o -> !o.equals("-XX:-DisplayVMOutput")).toList();
    }

    /** A loop over a br_table of CASES cases, each with four loads, four stores and a call, over LOCALS locals. */
    static String parserShapedModule() {
        StringBuilder w = new StringBuilder("(module (memory (export \"memory\") 1)\n");
        w.append("  (func $next (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))\n");
        w.append("  (func (export \"parse\") (param $p i32) (result i32)\n   ");
        for (int i = 0; i < LOCALS; i++) {
            w.append(" (local $l").append(i).append(" i32)");
        }
        w.append(" (local $i i32)\n    (loop $top\n");
        for (int k = 0; k < CASES; k++) {
            w.append("    (block $c").append(k).append('\n');
        }
        w.append("    (br_table");
        for (int k = 0; k < CASES; k++) {
            w.append(" $c").append(k);
        }
        w.append(" (i32.rem_u (local.get $i) (i32.const ").append(CASES).append(")))\n");
        for (int k = CASES - 1; k >= 0; k--) {
            w.append("    )\n");
            for (int m = 0; m < 4; m++) {
                int a = (k * 4 + m) % LOCALS;
                int b = (k * 4 + m * 7 + 3) % LOCALS;
                w.append("      (local.set $l").append(a).append(" (i32.add (local.get $l").append(b)
                        .append(") (i32.load offset=").append(4 * (k * 4 + m)).append(" (local.get $p))))\n");
                w.append("      (i32.store offset=").append(4 * (k * 4 + m + 13)).append(" (local.get $p) (local.get $l")
                        .append(a).append("))\n");
            }
            w.append("      (local.set $l").append(k % LOCALS).append(" (call $next (local.get $l")
                    .append((k + 1) % LOCALS).append(")))\n");
            w.append("      (br_if $top (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))"
                    + " (i32.const 100)))\n");
        }
        w.append("    )\n    (local.get $l0)");
        for (int i = 1; i < LOCALS; i++) {
            w.append(" (local.get $l").append(i).append(") (i32.add)");
        }
        w.append("))\n");
        return w.toString();
    }

    /** Runs the module's {@code parse} 3,000 times in a JVM of its own with {@code options}; its output. */
    private static String run(Path jar, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=3", "-Xbatch", "-XX:+PrintCompilation"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), jar.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void c1CompilesAParserShapedFunctionWithTheLauncherOptionsAndRefusesItWithout() throws Throwable {
        Path wat = dir.resolve("parser.wat");
        Files.writeString(wat, parserShapedModule());
        Path jar = dir.resolve("parser.jar");
        Compiler.compile(TextFormat.assemble(wat), new CompilerOptions("jit.Parser")).writeJar(jar);
        // The exported function, index 1, as the JIT names it, and the parts it is split into.
        Predicate<String> parse = l -> l.contains("jit.Parser::f1 (") || l.contains("jit.Parser::f1_part");

        String with = run(jar, launcherOptions());
        assertTrue(with.contains("result " + Probe.call(jar) + "\n"), with);
        assertTrue(with.lines().anyMatch(parse), "C1 never took the function:\n" + with);
        assertFalse(with.lines().anyMatch(l -> parse.test(l) && l.contains("COMPILE SKIPPED")), with);

        // What the options are for: without them this JVM's C1 gives up on the function. If a JDK stops doing so,
        // the options may go.
        String without = run(jar, List.of());
        assertTrue(without.lines().anyMatch(l -> parse.test(l) && l.contains("out of virtual registers")), without);
    }

    /** The child JVM: prints what 3,000 calls of {@code parse} return last. */
    public static final class Probe {
        static int call(Path jar) throws Throwable {
            MethodHandle parse = Module.fromJar(jar).instantiate(Imports.empty()).function("parse").handle();
            int result = 0;
            for (int k = 0; k < 3_000; k++) {
                result = (int) parse.invokeExact(k & 0xff);
            }
            return result;
        }

        public static void main(String[] args) throws Throwable {
            System.out.println("result " + call(Path.of(args[0])));
        }
    }
}
