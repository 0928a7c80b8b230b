package dev.wasm2jar.compiler;

import dev.wasm2jar.runtime.MalformedException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The WebAssembly text format, through wabt's {@code wat2wasm} when it is installed (Debian package {@code wabt};
 * {@code bin/setup} installs it). Only the text is wabt's business: it runs with {@code --no-check}, so validation
 * stays with our compiler.
 */
public final class TextFormat {
    private static final String TOOL = "wat2wasm";
    private static volatile Boolean available;

    private TextFormat() {}

    /** Whether {@code wat2wasm} is on the PATH. */
    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            known = available = findOnPath() != null;
        }
        return known;
    }

    /** Whether {@code file} is named as text: {@code .wat} or {@code .wast}. */
    public static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".wat") || name.endsWith(".wast");
    }

    /**
     * The binary module for the text in {@code wat}.
     *
     * @throws MalformedException with wat2wasm's first error line when the text does not parse
     * @throws IOException when wat2wasm is missing or cannot run
     */
    public static byte[] assemble(Path wat) throws IOException {
        if (!available()) {
            throw new IOException("reading the text format needs " + TOOL + " (Debian package wabt; run bin/setup)");
        }
        Path out = Files.createTempFile("wasm2jar", ".wasm");
        try {
            Process p = new ProcessBuilder(TOOL, "--no-check", wat.toString(), "-o", out.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            if (status != 0) {
                String first = output.lines().filter(l -> l.contains("error")).findFirst()
                        .orElse(output.lines().findFirst().orElse(TOOL + " failed"));
                throw new MalformedException(first.strip());
            }
            return Files.readAllBytes(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(TOOL + " interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, TOOL);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
