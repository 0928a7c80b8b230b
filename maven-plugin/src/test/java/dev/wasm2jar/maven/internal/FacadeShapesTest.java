package dev.wasm2jar.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompilationException;
import dev.wasm2jar.runtime.WasmException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facades of modules of every shape compile without a warning: no imports, imported memories, tables and globals,
 * mutable and immutable globals of every type, tables, several results, v128 and reference parameters. The modules
 * are the spec suite's (the ones wasm2jar compiles) and the example.
 */
class FacadeShapesTest {
    private static final Path SPEC = Path.of(System.getProperty("spectest.dir", "../../shared/spectest"), "wasm-2.0");
    private static final List<String> SCRIPTS = List.of("global", "imports", "func", "linking", "exports",
            "call_indirect", "table_get", "simd_lane", "ref_func");

    @TempDir
    Path dir;

    @Test
    void facadesOfEveryShapeCompileWithoutWarnings() throws Exception {
        List<Path> modules = new ArrayList<>(List.of(Path.of("../examples/fib.wasm")));
        for (String script : SCRIPTS) {
            try (Stream<Path> files = Files.list(SPEC.resolve(script))) {
                files.filter(f -> f.toString().endsWith(".wasm")).sorted().limit(12).forEach(modules::add);
            }
        }
        List<String> sources = new ArrayList<>();
        for (Path wasm : modules) {
            String name = wasm.getFileName().toString().replace(".wasm", "").replaceAll("[^A-Za-z0-9]", "_");
            ModuleBuild build = new ModuleBuild(wasm, "shapes." + name + ".Facade", true, dir.resolve("classes"),
                    dir.resolve("sources"), dir.resolve("state/" + name), Set.of("wasi_snapshot_preview1"));
            try {
                build.run("1.0", "c");
            } catch (WasmException | CompilationException e) {
                continue; // the suite's invalid and unlinkable modules
            }
            sources.add(dir.resolve("sources/shapes/" + name + "/Facade.java").toString());
        }
        assertTrue(sources.size() > 50, "modules compiled: " + sources.size());
        List<String> args = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-d", dir.resolve("out").toString(),
                "-cp", System.getProperty("java.class.path")));
        args.addAll(sources);
        StringWriter out = new StringWriter();
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertEquals(0, status, out.toString());
    }
}
