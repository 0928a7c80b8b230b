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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JIT options bin/wasm2jar adds for a module of 1 MB or more ({@code large_jit=(...)}): C2 takes a function after
 * ten times HotSpot's usual number of calls, not before, and still takes it. A function called 20,000 times (four
 * times HotSpot's 5,000) is compiled by C2 without the options and not with them; called 300,000 times, with them
 * too. Each JVM is a process of its own: -Xbatch compiles as soon as a threshold is crossed and -XX:+PrintCompilation
 * says at which tier.
 */
class LargeModuleJitTest {
    private static final Pattern LINE = Pattern.compile("(?ms)^(jit|large_jit)=\\((.*?)\\)$");
    private static final Pattern ADDED = Pattern.compile("(?m)^\\[ \"\\$JDK_MAJOR\" -ge (\\d+) \\] && large_jit\\+=\\((.*?)\\)$");

    @TempDir
    static Path dir;

    private static Path jar;

    @BeforeAll
    static void compile() throws Exception {
        Path wat = dir.resolve("sum.wat");
        // A loop, so that the function is more than C1 inlines and each call is a call of its own.
        Files.writeString(wat, """
                (module
                  (func (export "sum") (param $n i32) (result i32) (local $s i32)
                    (loop $l
                      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $n) (local.get $n))))
                      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (local.get $s)))
                """);
        jar = dir.resolve("sum.jar");
        Compiler.compile(TextFormat.assemble(wat), new CompilerOptions("jit.Sum")).writeJar(jar);
    }

    /** bin/wasm2jar's options for commands that run wasm code, and then, with {@code large}, a large module's. */
    private static List<String> launcherOptions(boolean large) throws Exception {
        String root = System.getProperty("wasm2jar.root", "..");
        String script = Files.readString(Path.of(root, "bin", "wasm2jar"));
        List<String> options = new ArrayList<>();
        Matcher m = LINE.matcher(script);
        while (m.find()) {
            if (m.group(1).equals("jit") || large) {
                options.addAll(split(m.group(2).replace("$root", root)));
            }
        }
        Matcher added = ADDED.matcher(script);
        assertTrue(added.find(), "bin/wasm2jar adds nothing to large_jit for newer JDKs");
        if (large && Runtime.version().feature() >= Integer.parseInt(added.group(1))) {
            options.addAll(split(added.group(2)));
        }
        assertTrue(options.contains("-XX:+UnlockDiagnosticVMOptions"), "no jit=(...) line: " + options);
        // -DisplayVMOutput would silence -XX:+PrintCompilation too.
        return options.stream().filter(o -> !o.equals("-XX:-DisplayVMOutput")).toList();
    }

    private static List<String> split(String options) {
        return Stream.of(options.trim().split("\\s+")).toList();
    }

    /** Calls {@code sum} {@code calls} times in a JVM of its own with bin/wasm2jar's options; its output. */
    private static String run(boolean large, int calls) throws Throwable {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xbatch", "-XX:+PrintCompilation"));
        command.addAll(launcherOptions(large));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), jar.toString(),
                Integer.toString(calls)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("result " + Probe.call(jar, calls) + "\n"), out);
        return out;
    }

    /** Whether C2 (tier 4) compiled the exported function, index 0 as the JIT names it. */
    private static boolean c2Compiled(String out) {
        return out.lines().anyMatch(l -> l.contains("jit.Sum::f0 (") && l.matches("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*4\\s.*"));
    }

    @Test
    void aLargeModulesFunctionGoesToC2AfterTenTimesTheCalls() throws Throwable {
        String usual = run(false, 20_000);
        assertTrue(c2Compiled(usual), "C2 did not take the function with HotSpot's thresholds:\n" + usual);
        String large = run(true, 20_000);
        assertFalse(c2Compiled(large), "C2 took the function before ten times the calls:\n" + large);
        String later = run(true, 300_000);
        assertTrue(c2Compiled(later), "C2 never took the function:\n" + later);
    }

    /** The child JVM: prints the sum of what {@code sum(7)} returns, called as often as it is told. */
    public static final class Probe {
        static int call(Path jar, int calls) throws Throwable {
            MethodHandle sum = Module.fromJar(jar).instantiate(Imports.empty()).function("sum").handle();
            int result = 0;
            for (int k = 0; k < calls; k++) {
                result += (int) sum.invokeExact(7);
            }
            return result;
        }

        public static void main(String[] args) throws Throwable {
            System.out.println("result " + call(Path.of(args[0]), Integer.parseInt(args[1])));
        }
    }
}
