package dev.wasm2jar.cli.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The spec suite's WebAssembly 2.0 binary modules that fuzzed modules start from ({@link Recipe#initial()}), in a
 * fixed order: those of 100 bytes or more, where the instructions are (the binary-format, custom-section and
 * UTF-8 scripts' modules test the decoder, not code). Read from {@code -Dspectest.dir} (default
 * {@code ../shared/spectest}); without the suite no module starts from one.
 */
final class SpecModules {
    private static final int MIN_BYTES = 100;
    private static final Path SUITE = Path.of(System.getProperty("spectest.dir", "../shared/spectest"));
    private static volatile List<Path> modules;

    private SpecModules() {}

    static List<Path> list() {
        if (modules == null) {
            modules = find(SUITE.resolve("wasm-2.0"));
        }
        return modules;
    }

    /** The module's name relative to the suite, such as {@code wasm-2.0/simd_lane/simd_lane.0.wasm}. */
    static String name(Path module) {
        return SUITE.relativize(module).toString();
    }

    private static List<Path> find(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".wasm"))
                    .filter(p -> !dir.relativize(p).getName(0).toString().matches("binary.*|custom|utf8.*"))
                    .filter(p -> p.toFile().length() >= MIN_BYTES)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
