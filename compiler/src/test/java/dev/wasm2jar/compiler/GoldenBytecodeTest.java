package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmFunction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Approval tests of code generation, as Chicory does them: each {@code golden/NAME.wat} is compiled, its classes are
 * printed with ASM's {@link Textifier}, and the text must equal the approved {@code golden/NAME.txt} beside it. So
 * every change to generated code shows in review as a change of those files. After a deliberate change, rewrite them
 * with {@code bin/test -pl compiler -am -Dtest=GoldenBytecodeTest -Dgolden.update=true} and read the diff.
 *
 * <p>A module's header comments may say {@code ;; split-target: N} (split functions as if HotSpot's limit were
 * tiny) and {@code ;; run: EXPORT ARGS... -> RESULT} (or {@code -> trap}): the module is also instantiated and run,
 * so an approved file is known to be code that works. {@code ;; metering} compiles it with metering.
 */
class GoldenBytecodeTest {
    private static final Path DIRECTORY = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> generatedClassesMatchTheApprovedText() throws IOException {
        assertTrue(TextFormat.available(), "the golden tests need wabt's wat2wasm (bin/setup installs it)");
        List<Path> modules;
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            modules = files.filter(f -> f.toString().endsWith(".wat")).sorted().toList();
        }
        assertTrue(modules.size() >= 10, "golden modules in " + DIRECTORY.toAbsolutePath());
        return modules.stream().map(wat -> DynamicTest.dynamicTest(wat.getFileName().toString(), () -> check(wat)));
    }

    private static void check(Path wat) throws IOException {
        String stem = wat.getFileName().toString().replaceFirst("\\.wat$", "");
        List<String> header = Files.readAllLines(wat).stream().takeWhile(l -> l.startsWith(";;")).toList();
        int target = header.stream().filter(l -> l.startsWith(";; split-target:"))
                .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip())).findFirst()
                .orElse(dev.wasm2jar.compiler.internal.split.Splitter.DEFAULT_TARGET);
        boolean metering = header.contains(";; metering");
        CompiledModule compiled = Compiler.compile(TextFormat.assemble(wat),
                new CompilerOptions("golden." + stem).withMetering(metering), Progress.NONE, target);

        String actual = textify(compiled.files());
        Path approved = DIRECTORY.resolve(stem + ".txt");
        if (UPDATE) {
            Files.writeString(approved, actual, StandardCharsets.UTF_8);
        } else if (!Files.exists(approved)) {
            fail("no approved text " + approved + "; write it with -Dgolden.update=true and review it");
        } else {
            String expected = Files.readString(approved, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                fail("generated code of " + wat + " differs from " + approved
                        + " (-Dgolden.update=true rewrites it):\n" + Diff.excerpt(expected, actual));
            }
        }
        Instance instance = compiled.load().instantiate(Imports.empty());
        for (String line : header) {
            if (line.startsWith(";; run:")) {
                run(instance, line.substring(";; run:".length()).strip());
            }
        }
    }

    /** Every class file, by name, as Textifier prints it. */
    private static String textify(Map<String, byte[]> files) {
        StringBuilder out = new StringBuilder();
        for (var file : new TreeMap<>(files).entrySet()) {
            if (!file.getKey().endsWith(".class")) {
                continue;
            }
            StringWriter text = new StringWriter();
            new ClassReader(file.getValue()).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(text)),
                    0);
            out.append("// ").append(file.getKey()).append('\n').append(text).append('\n');
        }
        return out.toString();
    }

    /** {@code EXPORT ARGS... -> RESULT}: calls the export with the arguments, checks the one result or the trap. */
    private static void run(Instance instance, String spec) {
        String[] sides = spec.split("->");
        String[] call = sides[0].strip().split("\\s+");
        String expected = sides[1].strip();
        WasmFunction function = instance.function(call[0]);
        FunctionType type = function.type();
        Object[] args = new Object[call.length - 1];
        for (int i = 0; i < args.length; i++) {
            args[i] = parse(type.params().get(i), call[i + 1]);
        }
        if (expected.equals("trap")) {
            assertThrows(TrapException.class, () -> function.call(args), spec);
            return;
        }
        assertEquals(parse(type.results().get(0), expected), function.call(args)[0], spec);
    }

    private static Object parse(ValueType type, String text) {
        return switch (type.kind()) {
            case I32 -> Integer.parseInt(text);
            case I64 -> Long.parseLong(text);
            case F32 -> Float.parseFloat(text);
            case F64 -> Double.parseDouble(text);
            default -> throw new IllegalArgumentException("no literal of type " + type + " in golden tests");
        };
    }

    /** A unified-diff-like excerpt: the first block of lines that differ, with a few lines of context. */
    static final class Diff {
        private static final int CONTEXT = 3;
        private static final int MAX_LINES = 40;

        private Diff() {}

        static String excerpt(String expected, String actual) {
            List<String> a = expected.lines().toList();
            List<String> b = actual.lines().toList();
            int prefix = 0;
            while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < a.size() - prefix && suffix < b.size() - prefix
                    && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
                suffix++;
            }
            int from = Math.max(0, prefix - CONTEXT);
            List<String> out = new ArrayList<>();
            out.add("--- approved");
            out.add("+++ generated");
            out.add("@@ -" + (from + 1) + "," + (a.size() - suffix - from) + " +" + (from + 1) + ","
                    + (b.size() - suffix - from) + " @@");
            for (int i = from; i < prefix; i++) {
                out.add(" " + a.get(i));
            }
            List<String> removed = a.subList(prefix, a.size() - suffix);
            List<String> added = b.subList(prefix, b.size() - suffix);
            removed.stream().limit(MAX_LINES / 2).forEach(l -> out.add("-" + l));
            if (removed.size() > MAX_LINES / 2) {
                out.add("-... " + (removed.size() - MAX_LINES / 2) + " more lines");
            }
            added.stream().limit(MAX_LINES / 2).forEach(l -> out.add("+" + l));
            if (added.size() > MAX_LINES / 2) {
                out.add("+... " + (added.size() - MAX_LINES / 2) + " more lines");
            }
            for (int i = a.size() - suffix; i < Math.min(a.size(), a.size() - suffix + CONTEXT); i++) {
                out.add(" " + a.get(i));
            }
            return String.join("\n", out);
        }
    }
}
