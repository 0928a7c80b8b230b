package dev.wasm2jar.cli;

import static dev.wasm2jar.cli.RunCommandTest.guest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.wasi.WasiFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the command line is read: where {@code --verbose} and {@code --help} count, the spellings
 * of WasmEdge's and wasmtime's flags, what is the guest's, and the one-line usage errors.
 */
class CommandLineTest {
    @TempDir
    Path dir;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static void assertUsageError(CliRun run, String message) {
        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals("wasm2jar: error: " + message + "\n", run.err());
    }

    @Test
    void verboseCountsAnywhereBeforeTheGuestsArguments() throws IOException {
        Path truncated = dir.resolve("t.wasm");
        Files.write(truncated, TestModules.TRUNCATED);
        for (List<String> args : List.of(List.of("--verbose", "inspect", truncated.toString()),
                List.of("inspect", "--verbose", truncated.toString()),
                List.of("inspect", truncated.toString(), "--verbose"))) {
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().startsWith("wasm2jar: error: " + truncated + ": malformed module: "), r.err());
            assertTrue(r.err().lines().skip(1).findFirst().orElse("").startsWith(
                    "dev.wasm2jar.runtime.MalformedException: "), "the exception follows: " + r.err());
        }
        CliRun quiet = run("inspect", truncated.toString());
        assertEquals(1, quiet.err().lines().count(), quiet.err());

        CliRun guest = run("run", "--verbose", guest("demo"), "args", "--verbose");
        assertEquals("argv[0]=" + guest("demo") + "\nargv[1]=args\nargv[2]=--verbose\n", guest.out());
    }

    /** {@code (func return_call 0)}: a module that needs tail calls. */
    private static final byte[] TAIL_CALL = java.util.HexFormat.of().parseHex("0061736d01000000"
            + "010401600000" + "03020100" + "0a0601040012000b");

    @Test
    void featuresChooseWhatAModuleMayUse() throws IOException {
        Path wasm = dir.resolve("tail.wasm");
        Files.write(wasm, TAIL_CALL);
        String out = dir.resolve("tail.jar").toString();
        assertEquals(0, run("compile", wasm.toString(), "-o", out).exit(), "tail calls are WasmEdge's default");
        CliRun without = run("compile", "--features=-tail-call", wasm.toString(), "-o", out);
        assertEquals(1, without.exit(), without.err());
        assertEquals(1, without.errLines().size(), without.err());
        assertTrue(without.err().contains("needs tail calls (tail-call), which is not enabled"), without.err());
        CliRun in20 = run("invoke", "--features", "2.0", wasm.toString(), "f");
        assertTrue(in20.err().contains("(tail-call), which is not enabled"), in20.err());
        assertUsageError(run("compile", "--features=+bogus", wasm.toString()), "--features: no WebAssembly feature is"
                + " called 'bogus' (known: mvp, sign-ext, sat-conversions, multi-value, bulk-memory, reference-types,"
                + " simd, extended-const, tail-call, exceptions, function-references, gc, memory64, multi-memory,"
                + " relaxed-simd, threads, and all, default, 2.0, 3.0)");
        assertUsageError(run("run", "--features=-mvp", wasm.toString()), "--features: the feature list '-mvp' leaves"
                + " out mvp, which every module needs");
    }

    @Test
    void helpForEveryCommandThreeWays() {
        for (String command : List.of("compile", "run", "invoke", "inspect", "spectest")) {
            CliRun help = run(command, "--help");
            assertEquals(0, help.exit(), help.err());
            assertTrue(help.out().startsWith("usage: wasm2jar " + command + " "), help.out());
            assertEquals(help.out(), run(command, "-h").out());
            assertEquals(help.out(), run("help", command).out());
        }
        CliRun top = run("help");
        assertEquals(top.out(), run("--help").out());
        for (String command : List.of("compile", "run", "invoke", "inspect", "spectest")) {
            assertTrue(top.out().contains("\n  " + command + " "), top.out());
        }
    }

    @Test
    void runsHelpListsTheWasiFlagsThatRunnableJarsTakeToo() {
        String help = run("run", "--help").out();
        assertTrue(help.contains(WasiFlags.HELP), help);
        for (String flag : WasiFlags.NAMES) {
            assertTrue(help.contains("  " + flag + " "), help);
        }
        assertTrue(help.contains("  --preload NAME=FILE ") && help.contains("  --no-cache "), help);
    }

    @Test
    void wasmtimesDirAndAHostVariableByName() throws IOException {
        Files.writeString(dir.resolve("note.txt"), "in wasmtime's order");
        assertEquals("in wasmtime's order", run("run", "--dir", dir + "::/data", guest("demo"), "cat",
                "/data/note.txt").out());
        assertEquals("in wasmtime's order", run("run", "--dir=" + dir + "::/data", guest("demo"), "cat",
                "/data/note.txt").out());
        String path = System.getenv("PATH");
        assertEquals("PATH=" + path + "\n", run("run", "--env", "PATH", guest("demo"), "env").out());
        assertEquals("", run("run", "--env", "WASM2JAR_SURELY_UNSET_VARIABLE", guest("demo"), "env").out());
    }

    @Test
    void aDoubleDashBeforeTheModuleEndsTheOptions() {
        CliRun r = run("run", "--env", "A=1", "--", guest("demo"), "env");
        assertEquals(0, r.exit(), r.err());
        assertEquals("A=1\n", r.out());
    }

    @Test
    void invokeTakesNegativeNumbersAsArguments() throws IOException {
        Path add = dir.resolve("add.wasm");
        Files.write(add, TestModules.ADD);
        assertEquals("-3\n", run("invoke", add.toString(), "add", "-1", "-0x2").out());
        assertEquals("-3\n", run("invoke", add.toString(), "add", "--", "-1", "-2").out());
        CliRun notANumber = run("invoke", add.toString(), "add", "-inf", "1");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().startsWith("wasm2jar: error: argument 1 of add: '-inf' is not a valid i32"),
                notANumber.err());
    }

    @Test
    void usageErrorsAreOneLineWithWhereToLook() {
        assertUsageError(run("--bogus"), "unknown option '--bogus'; try 'wasm2jar --help'");
        assertUsageError(run("inspect", "--bogus=1", "x.jar"),
                "unknown option '--bogus' for 'inspect'; try 'wasm2jar inspect --help'");
        assertUsageError(run("run", "--bogus", "x.wasm"),
                "unknown option '--bogus' for 'run'; try 'wasm2jar run --help'");
        assertUsageError(run("compile", "a.wasm", "--output"), "option '--output' needs a value");
        assertUsageError(run("run", "--env"), "option '--env' needs a value");
        assertUsageError(run("compile", "a.wasm", "-o", "x.jar", "-o", "y.jar"), "option '-o' given twice");
        assertUsageError(run("compile", "a.wasm", "-o", "x.jar", "--output", "y.jar"),
                "options -o and --output mean the same; give one");
        assertUsageError(run("compile", "a.wasm", "b.wasm"), "compile takes one input file, got 2: [a.wasm, b.wasm]");
        assertUsageError(run("compile", "a.wasm", "--class-name", "p.A", "--package", "p"),
                "give --class-name or --package, not both");
        assertUsageError(run("spectest", "--timeout", "0", "x.json"),
                "--timeout needs a positive number of seconds, not '0'");
        assertUsageError(run("help", "frobnicate"), "unknown command 'frobnicate'; try 'wasm2jar --help'");
    }
}
