package dev.wasm2jar.spectest;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wasm2jar.cli.spectest.FileResult;
import dev.wasm2jar.cli.spectest.SpecSuite;
import dev.wasm2jar.runtime.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The scripts of the WebAssembly 3.0 suites that wasm2jar passes completely, one test per script, judged as 3.0:
 * whole folders, the scripts of the core folder listed in {@link #CORE} and those of other folders in
 * {@link #SCRIPTS}. A script joins when all of it passes, so this never hides a failure; {@code wasm2jar spectest DIR}
 * gives the counts of the rest.
 */
class Wasm3SpecTest {
    /** Folders of {@code wasm-3.0-*} every script of which passes. */
    static final List<String> FOLDERS = List.of("wasm-3.0-gc", "wasm-3.0-memory64", "wasm-3.0-multi-memory",
            "wasm-3.0-relaxed-simd");

    /** Scripts of {@code wasm-3.0} that 2.0's suite does not have, or has otherwise, and that pass completely. */
    static final List<String> CORE = List.of("align", "br_on_non_null", "br_on_null", "br_table", "call_ref",
            "exports", "imports", "linking", "memory", "ref", "ref_as_non_null", "ref_is_null", "return_call",
            "return_call_indirect", "return_call_ref", "type-canon", "type-equivalence", "type-rec",
            "unreached-valid");

    /**
     * Scripts of other folders that pass completely, as {@code folder/script}: of {@code wasm-3.0-*}, and of exception
     * handling's legacy form (judged as 3.0 too: wasm2jar takes it as part of the exceptions feature, as WasmEdge
     * does).
     */
    static final List<String> SCRIPTS = List.of("wasm-3.0-exceptions/instance", "wasm-3.0-exceptions/tag",
            "wasm-3.0-exceptions/throw", "wasm-3.0-exceptions/throw_ref", "wasm-3.0-exceptions/try_table",
            "exception-handling-legacy/throw", "exception-handling-legacy/try_catch");

    @TestFactory
    Stream<DynamicTest> wasm30() throws IOException {
        Path suites = Path.of(System.getProperty("spectest.dir", "../../shared/spectest"));
        Stream.Builder<Path> scripts = Stream.builder();
        for (String folder : FOLDERS) {
            Path dir = suites.resolve(folder);
            if (!Files.isDirectory(dir)) {
                fail("no spec-test suite at " + dir.toAbsolutePath());
            }
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(Files::isDirectory).sorted().forEach(scripts::add);
            }
        }
        for (String name : CORE) {
            scripts.add(suites.resolve("wasm-3.0").resolve(name));
        }
        for (String name : SCRIPTS) {
            scripts.add(suites.resolve(name));
        }
        Duration timeout = Duration.ofSeconds(Long.getLong("spectest.timeout", 300));
        return scripts.build().map(folder -> {
            String name = folder.getParent().getFileName() + "/" + folder.getFileName();
            return DynamicTest.dynamicTest(name, folder.toUri(), () -> run(folder, timeout));
        });
    }

    private static void run(Path folder, Duration timeout) {
        Path script = folder.resolve(folder.getFileName() + ".json");
        if (!Files.isRegularFile(script)) {
            fail("no script " + script);
        }
        FileResult result = SpecSuite.run(script, timeout, Feature.WASM_3_0);
        if (!result.ok()) {
            fail(WasmCoreSpecTest.report(result));
        }
    }
}
