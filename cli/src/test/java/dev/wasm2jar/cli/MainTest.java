package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** One line on stderr, {@code wasm2jar: error: ...} containing {@code text}, nothing on stdout. */
    private static void assertOneErrorLine(CliRun run, String text) {
        assertTrue(run.exit() != 0, "exit code");
        assertEquals("", run.out());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("wasm2jar: error: "), run.err());
        assertTrue(run.err().contains(text), run.err());
    }

    @Test
    void missingFileInASeparateProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "invoke", dir.resolve("missing.wasm").toString(), "f").start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertOneErrorLine(new CliRun(p.exitValue(), out, err), "no such file: " + dir.resolve("missing.wasm"));
    }

    @Test
    void usageErrors() {
        assertOneErrorLine(run(), "no command given");
        assertOneErrorLine(run("frobnicate"), "unknown command 'frobnicate'");
        assertOneErrorLine(run("--frobnicate"), "unknown option '--frobnicate'");
        assertOneErrorLine(run("compile", "a.wasm", "--frobnicate"), "unknown option '--frobnicate' for 'compile'");
        assertOneErrorLine(run("compile"), "compile needs an input");
        assertOneErrorLine(run("compile", "a.wasm", "-o"), "option '-o' needs a value");
        assertOneErrorLine(run("compile", "a.wasm", "--class-name", "1x"), "not a class name");
        assertOneErrorLine(run("invoke", "a.wasm"), "invoke needs the name");
        assertOneErrorLine(run("spectest"), "spectest needs at least one");
        assertOneErrorLine(run("spectest", dir.resolve("none.json").toString()), "no such file");
        assertEquals(2, run("frobnicate").exit());
    }

    @Test
    void helpAndVersion() {
        CliRun version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().matches("wasm2jar \\S+\\R"), version.out());
        CliRun help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("compile") && help.out().contains("spectest"), help.out());
        for (String command : List.of("compile", "invoke", "inspect", "spectest")) {
            CliRun r = run(command, "--help");
            assertEquals(0, r.exit());
            assertTrue(r.out().startsWith("usage: wasm2jar " + command), r.out());
            assertEquals(r.out(), run("help", command).out());
        }
    }

    @Test
    void badModules() throws Exception {
        Path truncated = dir.resolve("truncated.wasm");
        Files.write(truncated, TestModules.TRUNCATED);
        assertOneErrorLine(run("invoke", truncated.toString(), "f"), truncated + ": malformed module: ");
        assertOneErrorLine(run("compile", truncated.toString(), "-o", dir.resolve("t.jar").toString()),
                "malformed module");
        Path notJar = dir.resolve("x.jar");
        Files.writeString(notJar, "not a jar");
        assertOneErrorLine(run("invoke", notJar.toString(), "f"), "x.jar");
    }

    /**
     * Issue 17: a Wasm GC module compiled without GC and a component each get one clear line, not a crash or a
     * decoding error.
     */
    @Test
    void unsupportedFeaturesAndComponents() throws Exception {
        Path gc = dir.resolve("gc.wasm");
        Files.write(gc, java.util.HexFormat.of().parseHex("0061736d01000000" + "0105015f017f01"));
        assertOneErrorLine(run("compile", "--features=-gc", gc.toString(), "-o", dir.resolve("gc.jar").toString()),
                "cannot compile: the module needs the GC proposal (gc), which is not enabled: type 0 is a struct type");
        Path component = dir.resolve("component.wasm");
        Files.write(component, java.util.HexFormat.of().parseHex("0061736d0d000100"));
        assertOneErrorLine(run("compile", component.toString()), "this is a WebAssembly component (version 0xd,"
                + " layer 1), not a core module");
        assertOneErrorLine(run("spectest", "--wasm", "4.0", "x.json"), "--wasm takes 2.0 or 3.0, not '4.0'");
    }

    @Test
    void invokeConvertsArgumentsAndPrintsResults() throws Exception {
        Path add = dir.resolve("add.wasm");
        Files.write(add, TestModules.ADD);
        CliRun r = run("invoke", add.toString(), "add", "-1", "0xffffffff");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("-2"), r.out().lines().toList());

        assertOneErrorLine(run("invoke", add.toString(), "sub", "1", "2"),
                "the module exports no function named 'sub'; its functions: add, trap");
        assertOneErrorLine(run("invoke", add.toString(), "add", "1"),
                "add takes 2 arguments [i32, i32] -> [i32], got 1");
        assertOneErrorLine(run("invoke", add.toString(), "add", "1", "x"), "argument 2 of add: 'x' is not a valid i32");
        assertOneErrorLine(run("invoke", add.toString(), "trap"), "trap: trap: unreachable");
    }

    @Test
    void compileWritesAJarThatInvokeLoads() throws Exception {
        Path add = dir.resolve("add.wasm");
        Files.write(add, TestModules.ADD);
        Path jar = dir.resolve("out/add.jar");
        CliRun compiled = run("compile", add.toString(), "-o", jar.toString());
        assertEquals(0, compiled.exit(), compiled.err());
        assertTrue(compiled.out().contains("wasm.Add"), compiled.out());
        CliRun r = run("invoke", jar.toString(), "add", "40", "2");
        assertEquals("42", r.out().strip(), r.err());

        assertTrue(compiled.out().contains("largest method: "), compiled.out());
        CliRun inspected = run("inspect", jar.toString());
        assertEquals(0, inspected.exit(), inspected.err());
        assertTrue(inspected.out().contains("functions: 2"), inspected.out());
        assertTrue(inspected.out().contains("methods over 8000 bytes: 0"), inspected.out());
        assertTrue(inspected.out().lines().anyMatch(l -> l.matches("largest method: [0-9]+ bytes .*")),
                inspected.out());
        // A .wasm is inspected as it would compile: the same methods as the jar.
        assertEquals(inspected.out().lines().filter(l -> l.startsWith("largest")).toList(),
                run("inspect", add.toString()).out().lines().filter(l -> l.startsWith("largest")).toList());

        Path classes = dir.resolve("classes");
        assertEquals(0, run("compile", add.toString(), "-o", classes.toString(), "--package", "com.example").exit());
        assertTrue(Files.isRegularFile(classes.resolve("com/example/Add.class")));
    }

    @Test
    void defaultClassNames() {
        assertEquals("wasm.Add", ModuleFiles.defaultClassName(Path.of("dir/add.wasm"), null));
        assertEquals("wasm.BinaryLeb128", ModuleFiles.defaultClassName(Path.of("binary-leb128.wasm"), null));
        assertEquals("p.q.M2d", ModuleFiles.defaultClassName(Path.of("2d.wasm"), "p.q"));
        assertEquals("wasm.Module", ModuleFiles.defaultClassName(Path.of("-.wasm"), null));
        assertEquals("wasm.I32_0", ModuleFiles.defaultClassName(Path.of("i32.0.wasm"), null));
    }
}
