package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every valid module of the GC suite split at a target of 300 bytes (26 parts: its functions are small), so that parts
 * start among GC instructions and carry structs, arrays and i31 references through the frame: every class must load
 * and pass the JVM's verifier.
 */
class GcSplitTest {
    @Test
    void theGcSuiteSplitAlmostEverywhereVerifies() throws Exception {
        Path suite = Path.of(System.getProperty("spectest.dir", "../../shared/spectest"), "wasm-3.0-gc");
        if (!Files.isDirectory(suite)) {
            fail("no spec-test suite at " + suite.toAbsolutePath());
        }
        List<Path> modules;
        try (Stream<Path> files = Files.walk(suite)) {
            modules = files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        int compiled = 0;
        int parts = 0;
        for (Path file : modules) {
            CompiledModule m;
            try {
                m = Compiler.compile(Files.readAllBytes(file), new CompilerOptions("split.Gc" + compiled,
                        Feature.WASM_3_0), Progress.NONE, 300);
            } catch (InvalidException | MalformedException e) {
                continue; // the suite's assert_invalid and assert_malformed modules
            }
            Module module = m.load();
            ClassLoader loader = module.instanceClass().getClassLoader();
            for (String name : m.files().keySet()) {
                if (name.endsWith(".class")) {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), true,
                            loader);
                }
            }
            compiled++;
            parts += m.stats().parts();
        }
        assertTrue(compiled > 50, compiled + " modules compiled");
        assertTrue(parts >= 20, parts + " parts");
    }
}
