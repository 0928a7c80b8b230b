package dev.wasm2jar.maven.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What one module's outputs were built from, kept beside them in {@code target/wasm2jar/NAME.properties}: the
 * SHA-256 of the .wasm, the plugin's version, a digest of the compiler's own classes (so a rebuilt snapshot of the
 * compiler counts as a change) and the options. A module whose stamp is unchanged and whose outputs all exist is not
 * compiled again.
 *
 * @param wasm SHA-256 of the module's bytes
 * @param plugin the plugin's version
 * @param compiler digest of the compiler's classes
 * @param options the options that shape the outputs, in one string
 * @param outputs every file written, as absolute paths
 */
public record Stamp(String wasm, String plugin, String compiler, String options, List<Path> outputs) {
    /** Whether {@code other} was built from the same inputs; the outputs are not compared. */
    public boolean sameInputs(Stamp other) {
        return other != null && wasm.equals(other.wasm) && plugin.equals(other.plugin)
                && compiler.equals(other.compiler) && options.equals(other.options);
    }

    /** Whether every output is still there. */
    public boolean outputsExist() {
        return outputs.stream().allMatch(Files::isRegularFile);
    }

    /** The stamp in {@code file}, or null when there is none or it cannot be read. */
    public static Stamp read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return null; // a damaged stamp only costs a rebuild
        }
        String outputs = p.getProperty("outputs", "");
        return new Stamp(p.getProperty("wasm", ""), p.getProperty("plugin", ""), p.getProperty("compiler", ""),
                p.getProperty("options", ""),
                outputs.isEmpty() ? List.of() : Stream.of(outputs.split("\n")).map(Path::of).toList());
    }

    /** Writes this stamp to {@code file}. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("wasm", wasm);
        p.setProperty("plugin", plugin);
        p.setProperty("compiler", compiler);
        p.setProperty("options", options);
        p.setProperty("outputs", String.join("\n", outputs.stream().map(Path::toString).toList()));
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "wasm2jar-maven-plugin: what these outputs were built from");
        }
    }

    /** SHA-256 of {@code bytes}, in hex. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** SHA-256 of the jar or class directory that holds {@code type}'s class. */
    public static String codeDigest(Class<?> type) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            MessageDigest digest = digest();
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update(location.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        digest.update(Files.readAllBytes(f));
                    }
                }
            } else {
                digest.update(Files.readAllBytes(location));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "unknown"; // no code source to read: the version alone tells builds apart
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
