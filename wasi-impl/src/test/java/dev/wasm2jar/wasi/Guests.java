package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.host.Linker;
import java.io.ByteArrayInputStream;
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
import java.util.function.UnaryOperator;

/** The test guests of guests/wasm (built by guests/build from guests/c, rust, wat), compiled once per test JVM. */
final class Guests {
    private static final Map<String, Module> COMPILED = new ConcurrentHashMap<>();

    private Guests() {}

    /** What one run of a guest did. */
    record Run(int exit, String out, String err) {}

    static Path file(String name) {
        Path dir = Path.of(System.getProperty("guests.dir", "../guests/wasm"));
        Path file = dir.resolve(name + ".wasm");
        assertTrue(Files.isRegularFile(file), "missing guest " + file + "; guests/build makes it");
        return file;
    }

    static Module module(String name) {
        return COMPILED.computeIfAbsent(name, n -> {
            try {
                String cls = "guest." + Character.toUpperCase(n.charAt(0)) + n.substring(1).replace('-', '_');
                return Compiler.compile(Files.readAllBytes(file(n)), new CompilerOptions(cls)).load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Runs guest {@code name} with {@code args} after argv[0], the config changed by {@code setup}, no stdin; linked
     * to WASI and WasmEdge's sockets.
     */
    static Run run(String name, UnaryOperator<WasiConfig> setup, String... args) throws IOException {
        return run(name, "", setup, args);
    }

    static Run run(String name, String stdin, UnaryOperator<WasiConfig> setup, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>();
        argv.add(name);
        argv.addAll(List.of(args));
        WasiConfig config = setup.apply(WasiConfig.defaults().withArgs(argv)
                .withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .withStdout(out).withStderr(err));
        int exit;
        try (Wasi wasi = Wasi.create(config)) {
            exit = wasi.run(Linker.create().with(wasi).with(new WasmEdgeSockets(wasi)).instantiate(module(name)));
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
