package dev.wasm2jar.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.host.Linker;
import dev.wasm2jar.wasi.Wasi;
import dev.wasm2jar.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The test guests of guests/wasm that use WASI-NN, compiled once per test JVM. */
public final class Guests {
    private static final Map<String, Module> COMPILED = new ConcurrentHashMap<>();

    private Guests() {}

    /** What one run of a command did. */
    public record Run(int exit, String out, String err) {}

    public static Module module(String name) {
        return COMPILED.computeIfAbsent(name, n -> {
            Path file = Path.of(System.getProperty("guests.dir", "../guests/wasm")).resolve(n + ".wasm");
            assertTrue(Files.isRegularFile(file), "missing guest " + file + "; guests/build makes it");
            try {
                String cls = "guest." + Character.toUpperCase(n.charAt(0)) + n.substring(1).replace('-', '_');
                return Compiler.compile(Files.readAllBytes(file), new CompilerOptions(cls)).load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs command {@code name} with WASI-NN of {@code nn}, {@code dirs} preopened as GUEST=HOST, and {@code args}. */
    public static Run run(String name, NnConfig nn, Map<String, Path> dirs, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>();
        argv.add(name);
        argv.addAll(List.of(args));
        WasiConfig config = WasiConfig.defaults().withArgs(argv).withStdout(out).withStderr(err);
        for (Map.Entry<String, Path> dir : dirs.entrySet()) {
            config = config.withPreopen(dir.getKey(), dir.getValue());
        }
        int exit;
        try (Wasi wasi = Wasi.create(config); WasiNn wasiNn = WasiNn.create(nn)) {
            exit = wasi.run(Linker.create().with(wasi).with(wasiNn).instantiate(module(name)));
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
