package dev.wasm2jar.spectest;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wasm2jar.cli.spectest.CommandResult;
import dev.wasm2jar.cli.spectest.FileResult;
import dev.wasm2jar.cli.spectest.SpecSuite;
import dev.wasm2jar.runtime.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The WebAssembly 2.0 core test suite, one test per script, through the same harness as {@code wasm2jar spectest}.
 * Every module is compiled by wasm2jar. Text-format modules are skipped command by command inside a script when
 * wabt is missing; whole scripts are left out only through {@link #EXCLUDED}, and show as skipped.
 */
class WasmCoreSpecTest {
    /** Script folders not run yet, by name prefix, each with the reason; they are reported as skipped. */
    static final List<Exclusion> EXCLUDED = List.of();

    /** A failure message lists at most this many failing commands. */
    private static final int MAX_LISTED = 40;

    record Exclusion(String prefix, String reason) {}

    private static final java.util.concurrent.atomic.AtomicLongArray TOTALS = new java.util.concurrent.atomic.AtomicLongArray(4);

    /** The suite's totals, in the form {@code wasm2jar spectest} prints them, so a run shows its counts. */
    @org.junit.jupiter.api.AfterAll
    static void printTotals() {
        System.out.println("wasm-2.0 scripts excluded: " + TOTALS.get(3));
        System.out.println("spectest: " + TOTALS.get(0) + " passed, " + TOTALS.get(1) + " failed, " + TOTALS.get(2)
                + " skipped");
    }

    @TestFactory
    Stream<DynamicTest> wasm20() throws IOException {
        Path suite = suiteDir().resolve("wasm-2.0");
        if (!Files.isDirectory(suite)) {
            fail("no spec-test suite at " + suite.toAbsolutePath()
                    + ": set -Dspectest.dir to the folder holding wasm-2.0/ (normally ../shared/spectest)");
        }
        List<Path> folders;
        try (Stream<Path> list = Files.list(suite)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        if (folders.isEmpty()) {
            fail("no scripts in " + suite.toAbsolutePath());
        }
        Duration timeout = Duration.ofSeconds(Long.getLong("spectest.timeout", 300));
        return folders.stream().map(folder -> {
            String name = folder.getFileName().toString();
            return DynamicTest.dynamicTest(name, folder.toUri(), () -> run(folder, name, timeout));
        });
    }

    private static void run(Path folder, String name, Duration timeout) {
        for (Exclusion e : EXCLUDED) {
            if (name.startsWith(e.prefix())) {
                TOTALS.incrementAndGet(3);
            }
            Assumptions.assumeFalse(name.startsWith(e.prefix()), () -> name + " excluded: " + e.reason());
        }
        Path script = folder.resolve(name + ".json");
        if (!Files.isRegularFile(script)) {
            fail("no script " + script);
        }
        FileResult result = SpecSuite.run(script, timeout, Feature.WASM_2_0);
        TOTALS.addAndGet(0, result.passed());
        TOTALS.addAndGet(1, result.failed());
        TOTALS.addAndGet(2, result.skipped());
        if (!result.ok()) {
            fail(report(result));
        }
    }

    /** The summary line, then each failing command with its line and reason. */
    static String report(FileResult result) {
        List<CommandResult> failures = new ArrayList<>(result.setupFailures());
        failures.addAll(result.failures());
        failures.sort((a, b) -> Integer.compare(a.command().line(), b.command().line()));
        StringBuilder sb = new StringBuilder(result.summary());
        String file = result.file().getFileName().toString();
        for (int i = 0; i < Math.min(failures.size(), MAX_LISTED); i++) {
            CommandResult f = failures.get(i);
            sb.append("\n  ").append(file).append(':').append(f.command().line()).append(": ")
                    .append(f.command().describe()).append(": ").append(f.reason());
        }
        if (failures.size() > MAX_LISTED) {
            sb.append("\n  ... and ").append(failures.size() - MAX_LISTED)
                    .append(" more; bin/wasm2jar spectest --verbose ").append(result.file());
        }
        return sb.toString();
    }

    private static Path suiteDir() {
        return Path.of(System.getProperty("spectest.dir", "../../shared/spectest"));
    }
}
