package dev.wasm2jar.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.cli.spectest.FileResult;
import dev.wasm2jar.cli.spectest.SpecSuite;
import dev.wasm2jar.runtime.Feature;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The divergences that fuzzing found, reduced to spec scripts in {@code src/test/resources/fuzz/}: each script's
 * assertions are what the spec (and binaryen's interpreter) say, and failed before its fix.
 */
class FuzzRegressionTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> reducedDivergences() throws IOException, URISyntaxException {
        Path scripts = Path.of(FuzzRegressionTest.class.getResource("/fuzz").toURI());
        List<Path> wasts;
        try (Stream<Path> files = Files.list(scripts)) {
            wasts = files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        assertTrue(!wasts.isEmpty(), "no scripts in " + scripts);
        return wasts.stream().map(wast -> DynamicTest.dynamicTest(wast.getFileName().toString(), () -> {
            FileResult result = SpecSuite.run(toJson(wast), Duration.ofMinutes(2), Feature.WASM_2_0);
            assertNull(result.error(), result::summary);
            assertEquals(0, result.failed() + result.skipped() + result.unsupported(), result::summary);
            assertTrue(result.passed() > 0, result::summary);
        }));
    }

    /** wabt's wast2json (bin/setup installs wabt) writes the script as JSON and its modules as binaries. */
    private Path toJson(Path wast) throws IOException, InterruptedException {
        String name = wast.getFileName().toString().replace(".wast", "");
        Path json = dir.resolve(name + ".json");
        Process process = new ProcessBuilder("wast2json", wast.toString(), "-o", json.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "wast2json: " + output);
        return json;
    }
}
