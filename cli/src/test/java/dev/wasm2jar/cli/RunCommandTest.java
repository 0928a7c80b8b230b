package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasm2jar run} and {@code compile --main} on the test guests (guests/wasm). */
class RunCommandTest {
    @TempDir
    Path dir;


    static String guest(String name) {
        Path file = Path.of(System.getProperty("guests.dir", "../guests/wasm"), name + ".wasm");
        assertTrue(Files.isRegularFile(file), "missing guest " + file + "; guests/build makes it");
        return file.toString();
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static void assertOneErrorLine(CliRun run, int exit, String text) {
        assertEquals(exit, run.exit(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("wasm2jar: error: ") && run.err().contains(text), run.err());
    }

    @Test
    void argumentsAfterTheModuleAreTheGuestsEvenFlags() {
        CliRun r = run("run", guest("demo"), "args", "--verbose", "--help", "-h", "--");
        assertEquals(0, r.exit(), r.err());
        assertEquals("argv[0]=" + guest("demo") + "\nargv[1]=args\nargv[2]=--verbose\nargv[3]=--help\nargv[4]=-h\n"
                + "argv[5]=--\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void argv0NamesTheProgramAsWasmtimesFlagDoes() {
        CliRun r = run("run", "--argv0", "clang", guest("demo"), "args", "-c");
        assertEquals(0, r.exit(), r.err());
        assertEquals("argv[0]=clang\nargv[1]=args\nargv[2]=-c\n", r.out());
        assertEquals("argv[0]=wasm-ld\nargv[1]=args\n", run("run", "--argv0=wasm-ld", guest("demo"), "args").out());
        assertOneErrorLine(run("run", "--argv0"), 2, "option '--argv0' needs a value");
    }

    @Test
    void envDirAndExitCodeAsWasmEdgeTakesThem() throws IOException {
        Files.writeString(dir.resolve("note.txt"), "from the host");
        assertEquals("A=1\nB=two words\n", run("run", "--env", "A=1", "--env=B=two words",
                guest("demo"), "env").out());
        assertEquals("from the host", run("run", "--dir", ".:" + dir, guest("demo"), "cat",
                "note.txt").out());
        assertEquals("from the host", run("run", "--dir", "/:" + dir, guest("demo"), "cat",
                "/note.txt").out());
        CliRun exit = run("run", "--no-cache", guest("demo"), "exit", "3");
        assertEquals(3, exit.exit());
        assertEquals("exiting with 3\n", exit.out());
    }

    @Test
    void guestsListenAsInWasmEdgeUnlessAFlagSaysOtherwise() {
        // guests/wat/listen.wat exits with the errno of the first socket call that fails: sock_open, sock_bind
        // (127.0.0.1, any port), sock_listen
        assertEquals(0, run("run", guest("listen")).exit());
        assertEquals(52, run("run", "--net", "off", guest("listen")).exit()); // nosys
        assertEquals(2, run("run", "--allow-listen", "127.0.0.1:1", guest("listen")).exit()); // acces
        assertEquals(0, run("run", "--allow-listen=127.0.0.1:*", "--allow-connect", "*:80", guest("listen")).exit());
        assertOneErrorLine(run("run", "--allow-listen", "8080", guest("listen")), 2, "--allow-listen 8080: give HOST:PORT");
    }

    @Test
    void aTrapPrintsItsKindAndTheWasmBacktrace() {
        CliRun r = run("run", guest("trap"), "divide", "0");
        assertEquals(134, r.exit());
        assertEquals(List.of("wasm2jar: error: trap: integer divide by zero", "wasm backtrace:",
                "    0: divide (func 8)", "    1: compute (func 9)", "    2: main (func 12)"),
                r.errLines().subList(0, 5));
        assertTrue(r.errLines().get(r.errLines().size() - 1).contains("_start"), r.err());
    }

    @Test
    void aRustPanicShowsDemangledFrames() {
        CliRun r = run("run", guest("panic"), "-3");
        assertEquals(134, r.exit());
        assertTrue(r.err().contains("panicked at") && r.err().contains("negative: -3"), r.err());
        assertTrue(r.err().contains("wasm2jar: error: trap: unreachable\nwasm backtrace:\n"), r.err());
        assertTrue(r.err().contains(": panic::check_positive (func "), r.err());
        assertTrue(r.err().contains(": std::process::abort (func "), r.err());
        assertEquals("7\n", run("run", guest("panic"), "7").out());
    }

    @Test
    void exhaustingTheStackIsReportedToo() {
        CliRun r = run("run", guest("trap"), "recurse", "100000000");
        assertEquals(134, r.exit());
        assertEquals("wasm2jar: error: exhaustion: call stack exhausted", r.errLines().get(0));
        assertEquals("    0: recurse (func 11)", r.errLines().get(2));
    }

    @Test
    void preloadLinksALibrarysExports() {
        CliRun r = run("run", "--preload", "lib=" + guest("greeter-lib"), guest("greeter-app"));
        assertEquals(42, r.exit(), r.err());
        assertEquals("hello from the library\n", r.out());
    }

    @Test
    void anImportNothingProvidesIsALinkErrorNamingIt() {
        assertOneErrorLine(run("run", guest("greeter-app")), 1,
                "greeter-app.wasm: unlinkable: unknown import lib.greet (function [] -> [])");
        assertOneErrorLine(run("run", "--preload", "lib=" + guest("demo"), guest("greeter-app")), 1,
                "greeter-app.wasm: unlinkable: unknown import lib.greet (function [] -> [])");
    }

    @Test
    void badInvocationsAreOneLine() {
        assertOneErrorLine(run("run"), 2, "run needs a .wasm or .jar file to run");
        assertOneErrorLine(run("run", "--dir"), 2, "option '--dir' needs a value");
        assertOneErrorLine(run("run", "--bogus", guest("demo")), 2, "unknown option '--bogus' for 'run'");
        assertOneErrorLine(run("run", "--preload", "lib", guest("demo")), 2, "give NAME=FILE.wasm");
        assertOneErrorLine(run("run", "--dir", "/:" + dir.resolve("none"), guest("demo")), 1,
                "cannot preopen " + dir.resolve("none") + ": no such directory");
        assertOneErrorLine(run("run", dir.resolve("none.wasm").toString()), 1, "no such file");
        assertOneErrorLine(run("run", guest("greeter-lib")), 1,
                "greeter-lib.wasm: not a WASI command: it exports no function _start");
    }

    @Test
    void theCacheKeepsOneJarPerModuleAndReusesIt() throws IOException {
        ModuleCache cache = new ModuleCache(dir.resolve("cache"));
        Path wasm = Path.of(guest("demo"));
        cache.load(wasm);
        List<Path> jars = jars(cache);
        assertEquals(1, jars.size());
        assertTrue(jars.get(0).getFileName().toString().matches("[0-9a-f]{64}-[0-9a-f]{32}\\.jar"), jars.toString());
        FileTime written = Files.getLastModifiedTime(jars.get(0));
        Files.setLastModifiedTime(jars.get(0), FileTime.fromMillis(written.toMillis() - 60_000));
        FileTime before = Files.getLastModifiedTime(jars.get(0));
        cache.load(wasm);
        assertEquals(before, Files.getLastModifiedTime(jars.get(0)), "the second load reads the jar");
        Files.write(jars.get(0), new byte[] {1, 2, 3}); // damaged: compiled again
        cache.load(wasm);
        assertTrue(Files.size(jars.get(0)) > 3);
    }

    @Test
    void aModuleChangedInPlaceIsCompiledAgainEvenWithItsOldSizeAndTime() throws Exception {
        // A clock 10 s ahead: the file's times count as settled, so its hash is remembered.
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(10));
        ModuleCache cache = new ModuleCache(dir.resolve("cache"), ahead);
        Path wasm = dir.resolve("answer.wasm");
        Files.write(wasm, answerModule(42));
        FileTime time = Files.getLastModifiedTime(wasm);
        dev.wasm2jar.runtime.Module first = cache.load(wasm);
        assertEquals(42, first.instantiate(dev.wasm2jar.runtime.Imports.empty()).function("answer").call()[0]);
        assertTrue(indexEntries(cache).contains(sha256(answerModule(42))));
        Files.write(wasm, answerModule(43)); // the same size, and the same modification time below
        Files.setLastModifiedTime(wasm, time);
        dev.wasm2jar.runtime.Module second = cache.load(wasm);
        assertEquals(43, second.instantiate(dev.wasm2jar.runtime.Imports.empty()).function("answer").call()[0]);
        assertEquals(2, jars(cache).size());
    }

    @Test
    void theHashOfAModuleWrittenWithinTheLastTwoSecondsIsNotRemembered() throws Exception {
        ModuleCache cache = new ModuleCache(dir.resolve("cache"));
        Path wasm = dir.resolve("fresh.wasm");
        Files.write(wasm, answerModule(7));
        dev.wasm2jar.runtime.Module module = cache.load(wasm);
        assertEquals(7, module.instantiate(dev.wasm2jar.runtime.Imports.empty()).function("answer").call()[0]);
        assertFalse(indexEntries(cache).contains(sha256(answerModule(7))), "the hashes of wasm2jar's jars only");
        assertEquals(1, jars(cache).size());
    }

    /** The hashes the cache remembers: the modules' and those of wasm2jar's own jars. */
    private static List<String> indexEntries(ModuleCache cache) throws IOException {
        Path index = cache.directory().resolve("index");
        if (!Files.isDirectory(index)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(index)) {
            List<String> hashes = new ArrayList<>();
            for (Path f : files.sorted().toList()) {
                hashes.add(Files.readString(f));
            }
            return hashes;
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** (module (func (export "answer") (result i32) i32.const VALUE)), VALUE below 64 (one LEB128 byte). */
    private static byte[] answerModule(int value) {
        return new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 7, 10, 1, 6, 'a', 'n',
            's', 'w', 'e', 'r', 0, 0, 10, 6, 1, 4, 0, 0x41, (byte) value, 0x0b};
    }

    private static List<Path> jars(ModuleCache cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.directory())) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** Runs {@code command} in {@code cwd} in a process of its own; stdout and stderr separately. */
    private static CliRun process(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new CliRun(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void aSeparateProcessWritesToTheRealStdoutAndFillsTheCache() throws Exception {
        Path cache = dir.resolve("xdg");
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", guest("demo"), "args", "x"));
        CliRun r = process(dir, Map.of("XDG_CACHE_HOME", cache.toString()), command.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertEquals("argv[0]=" + guest("demo") + "\nargv[1]=args\nargv[2]=x\n", r.out());
        try (Stream<Path> jars = Files.list(cache.resolve("wasm2jar"))) {
            assertEquals(1, jars.filter(p -> p.toString().endsWith(".jar")).count());
        }
    }

    @Test
    void aRunnableJarNeedsNothingElse() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        CliRun compiled = run("compile", "--main", guest("demo"), "-o", app.resolve("demo.jar").toString());
        assertEquals(0, compiled.exit(), compiled.err());
        assertTrue(compiled.out().contains("run it with java -jar"), compiled.out());
        Files.createDirectories(app.resolve("data"));
        Files.writeString(app.resolve("data/note.txt"), "shipped");
        try (Stream<Path> files = Files.list(app)) {
            assertEquals(2, files.count(), "the jar and the guest's data, nothing else");
        }
        CliRun cat = process(app, Map.of(), java(), "-jar", "demo.jar", "--dir", ".:data", "--env", "X=1", "cat",
                "note.txt");
        assertEquals(0, cat.exit(), cat.err());
        assertEquals("shipped", cat.out());
        CliRun args = process(app, Map.of(), java(), "-jar", "demo.jar", "--env=X=y", "--", "args", "--dir");
        assertEquals(0, args.exit(), args.err());
        assertEquals("argv[0]=demo.jar\nargv[1]=args\nargv[2]=--dir\n", args.out());
        CliRun argv0 = process(app, Map.of(), java(), "-jar", "demo.jar", "--argv0", "busybox", "args", "--argv0");
        assertEquals("argv[0]=busybox\nargv[1]=args\nargv[2]=--argv0\n", argv0.out(), argv0.err());
        CliRun exit = process(app, Map.of(), java(), "-jar", "demo.jar", "exit", "5");
        assertEquals(5, exit.exit());
        CliRun bad = process(app, Map.of(), java(), "-jar", "demo.jar", "--dir", "/:missing", "args");
        assertEquals(1, bad.exit());
        assertEquals("demo.jar: error: cannot preopen missing: no such directory\n", bad.err());
    }

    @Test
    void compileMainWantsAJar() {
        assertOneErrorLine(run("compile", "--main", guest("demo"), "-o", dir.resolve("classes").toString()), 2,
                "--main writes a runnable jar; give an OUT ending in .jar");
    }
}
