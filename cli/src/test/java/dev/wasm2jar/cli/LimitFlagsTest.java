package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Module;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limit flags of {@code wasm2jar run} and of runnable jars, on guests/c/limits.c (a loop that never ends, a
 * counted loop, memory.grow) and guests/c/trap.c (recursion N calls deep).
 */
class LimitFlagsTest {
    @TempDir
    Path dir;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String LIMITS = RunCommandTest.guest("limits");
    private static final String TRAP = RunCommandTest.guest("trap");

    @Test
    void aDeadlineStopsAGuestThatLoopsForever() {
        CliRun r = run("run", "--no-cache", "--deadline", "300ms", LIMITS, "spin");
        assertEquals(134, r.exit(), r.err());
        assertEquals(List.of("wasm2jar: error: trap: deadline exceeded", "wasm backtrace:", "    0: main (func 8)"),
                r.errLines().subList(0, 3));
        CliRun finished = run("run", "--no-cache", "--deadline=10m", LIMITS, "count", "100000");
        assertEquals(0, finished.exit(), finished.err());
        assertEquals("100000\n", finished.out());
    }

    @Test
    void fuelStopsAGuestThatLoopsForever() {
        CliRun r = run("run", "--no-cache", "--fuel", "1000000", LIMITS, "spin");
        assertEquals(134, r.exit(), r.err());
        assertEquals("wasm2jar: error: trap: fuel exhausted", r.errLines().get(0));
        CliRun enough = run("run", "--no-cache", "--fuel", "1000000", LIMITS, "count", "1000");
        assertEquals("1000\n", enough.out(), enough.err());
        CliRun tooLittle = run("run", "--no-cache", "--fuel", "1000", LIMITS, "count", "1000");
        assertEquals("wasm2jar: error: trap: fuel exhausted", tooLittle.errLines().get(0));
    }

    @Test
    void theCallDepthIsCountedInWasmCalls() {
        CliRun r = run("run", "--no-cache", "--max-call-depth", "1000", TRAP, "recurse", "5000");
        assertEquals(134, r.exit(), r.err());
        assertEquals("wasm2jar: error: exhaustion: call stack exhausted", r.errLines().get(0));
        assertEquals("    0: recurse (func 11)", r.errLines().get(2));
        CliRun within = run("run", "--no-cache", "--max-call-depth", "1000", TRAP, "recurse", "900");
        assertEquals(0, within.exit(), within.err());
    }

    @Test
    void memoryGrowsToTheLimitAndNoFurther() {
        // The guest starts with 2 pages: 256 KiB leaves room for 2 more.
        assertEquals("2 4\n", run("run", "--max-memory", "256KiB", LIMITS, "grow", "2").out());
        assertEquals("-1 2\n", run("run", "--max-memory", "256KiB", LIMITS, "grow", "3").out());
        assertEquals("2 12\n", run("run", LIMITS, "grow", "10").out());
        CliRun small = run("run", "--max-memory", "64KiB", LIMITS, "count", "1");
        assertEquals(1, small.exit());
        assertEquals(List.of("wasm2jar: error: " + LIMITS + ": uninstantiable: memory of 2 pages (128 KiB) is over "
                + "the limit of 1 pages (64 KiB)"), small.errLines());
    }

    @Test
    void badValuesAreOneLine() {
        for (String[] bad : List.of(new String[] {"--deadline", "soon"}, new String[] {"--deadline", "0s"},
                new String[] {"--fuel", "-1"}, new String[] {"--max-memory", "12 parsecs"},
                new String[] {"--max-memory", "1KiB"}, new String[] {"--max-call-depth", "99999999999"})) {
            CliRun r = run("run", bad[0], bad[1], LIMITS, "count", "1");
            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("wasm2jar: error: " + bad[0] + " " + bad[1] + ": "), r.err());
        }
        assertTrue(run("run", "--help").out().contains("--deadline TIME"));
    }

    @Test
    void theCacheKeepsMeteredAndPlainCodeApart() throws Exception {
        ModuleCache cache = new ModuleCache(dir.resolve("cache"));
        Module plain = cache.load(Path.of(LIMITS), false);
        Module metered = cache.load(Path.of(LIMITS), true);
        assertFalse(plain.metered());
        assertTrue(metered.metered());
        assertTrue(cache.load(Path.of(LIMITS), true).metered(), "from the cache");
        try (Stream<Path> jars = Files.list(dir.resolve("cache"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted()
                    .toList();
            assertEquals(2, names.size(), names.toString());
            assertEquals(1, names.stream().filter(n -> n.endsWith("-metered.jar")).count(), names.toString());
        }
    }

    @Test
    void aRunnableJarTakesTheSameFlags() throws Exception {
        Path metered = dir.resolve("metered.jar");
        Path plain = dir.resolve("plain.jar");
        assertEquals(0, run("compile", "--main", "--metering", LIMITS, "-o", metered.toString()).exit());
        assertEquals(0, run("compile", "--main", LIMITS, "-o", plain.toString()).exit());

        CliRun deadline = process("-jar", metered.toString(), "--deadline", "300ms", "spin");
        assertEquals(134, deadline.exit(), deadline.err());
        assertEquals("metered.jar: error: trap: deadline exceeded", deadline.errLines().get(0));
        CliRun fuel = process("-jar", metered.toString(), "--fuel", "100", "count", "1000");
        assertEquals("metered.jar: error: trap: fuel exhausted", fuel.errLines().get(0));
        CliRun grow = process("-jar", plain.toString(), "--max-memory", "192KiB", "grow", "2");
        assertEquals("-1 2\n", grow.out(), grow.err());

        CliRun refused = process("-jar", plain.toString(), "--deadline", "1s", "spin");
        assertEquals(2, refused.exit());
        assertEquals(List.of("plain.jar: error: wasm.Limits was compiled without metering, needed for fuel, "
                + "deadlines and call depths; compile it with wasm2jar compile --metering or "
                + "CompilerOptions.withMetering(true)"), refused.errLines());
    }

    private CliRun process(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new CliRun(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
