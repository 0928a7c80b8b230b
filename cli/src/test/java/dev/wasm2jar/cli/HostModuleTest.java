package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.demohost.DemoHost;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.host.Linker;
import dev.wasm2jar.wasi.Wasi;
import dev.wasm2jar.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host module added through the seam: {@link DemoHost}, one class registered by one line of
 * {@code META-INF/services} in this module's test resources, linked to the guest {@code demo-host} (guests/wat) by
 * {@code wasm2jar run}, by a runnable jar and by the embedding API. The guest exits with the character count of
 * "héllo", 5, when both types of {@code demo_host.strlen} agree.
 */
class HostModuleTest {
    @TempDir
    Path dir;

    private static int run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        return exit;
    }

    @Test
    void runLinksTheRegisteredHostModuleAndPassesItsOptions() {
        assertEquals(5, run("run", RunCommandTest.guest("demo-host")));
        assertEquals(15, run("run", "--demo-offset", "10", RunCommandTest.guest("demo-host")));
        assertEquals(7, run("run", "--demo-offset=2", RunCommandTest.guest("demo-host")));
    }

    /**
     * A command that imports WASI's module only is linked to WASI first, without looking for the registered host
     * modules (bin/wasm2jar's class path has 13 jars to open for that), and to them when WASI lacks an import.
     */
    @Test
    void aHostModuleCanAddToWasisModule() throws Exception {
        Path wat = dir.resolve("extension.wat");
        Files.writeString(wat, """
                (module
                  (import "wasi_snapshot_preview1" "demo_extension" (func $extension (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                  (memory (export "memory") 1)
                  (func (export "_start") (call $exit (call $extension))))
                """);
        assertEquals(42, run("run", wat.toString()));
    }

    @Test
    void runsHelpListsTheHostModulesOptions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new String[] {"run", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--demo-offset"), out.toString());
    }

    @Test
    void aRunnableJarCarriesTheRegisteredHostModule() throws Exception {
        Path jar = dir.resolve("demo-host.jar");
        assertEquals(0, run("compile", "--main", RunCommandTest.guest("demo-host"), "-o", jar.toString()));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertTrue(file.getEntry("dev/wasm2jar/demohost/DemoHost.class") != null);
            assertTrue(file.getEntry("dev/wasm2jar/cli/HostModuleTest.class") == null, "only the factory's package");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--demo-offset", "1").inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(6, p.exitValue());
    }

    /**
     * A registration that cannot load is one error line for a guest that needs the host modules; a guest that imports
     * WASI's modules only does not look for them, and runs.
     */
    @Test
    void aRegistrationThatCannotLoadIsOneErrorLine() throws Exception {
        Path services = Files.createDirectories(dir.resolve("broken/META-INF/services"));
        Files.writeString(services.resolve("dev.wasm2jar.runtime.host.HostModuleFactory"), "no.such.Factory\n");
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = dir.resolve("broken") + File.pathSeparator + System.getProperty("java.class.path");
        Process p = new ProcessBuilder(jvm, "-cp", classPath, Main.class.getName(), "run",
                RunCommandTest.guest("demo-host")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("wasm2jar: error: ") && err.contains("a registered host module cannot be loaded")
                && err.contains("no.such.Factory"), err);

        Process wasiOnly = new ProcessBuilder(jvm, "-cp", classPath, Main.class.getName(), "run",
                RunCommandTest.guest("demo"), "exit", "7").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String wasiOnlyErr = new String(wasiOnly.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(wasiOnly.waitFor(60, TimeUnit.SECONDS));
        assertEquals(7, wasiOnly.exitValue(), wasiOnlyErr);
        assertEquals("", wasiOnlyErr);
    }

    @Test
    void theEmbeddingApiLinksTheSameClass() throws Exception {
        Module module = ModuleFiles.load(Path.of(RunCommandTest.guest("demo-host")), null);
        try (Wasi wasi = Wasi.create(WasiConfig.defaults().withArgs(List.of("demo-host")))) {
            assertEquals(5, wasi.run(Linker.create().with(wasi).with(new DemoHost()).instantiate(module)));
        }
    }
}
