package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Module;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiled jars of .wasm modules, kept in the user's cache directory ({@code $XDG_CACHE_HOME/wasm2jar}, else
 * {@code ~/.cache/wasm2jar}) under the SHA-256 of the module, so that running a module the second time loads a jar
 * instead of compiling. The key also covers the compiler and runtime themselves (a hash of their class files), so a
 * rebuilt wasm2jar never loads a jar an older one wrote, and whether the module was compiled with metering. Failing
 * to write the cache is never an error.
 */
final class ModuleCache {
    private static volatile String buildId;

    private final Path directory;

    ModuleCache(Path directory) {
        this.directory = directory;
    }

    /** The cache in the user's cache directory; the system property {@code wasm2jar.cache.dir} overrides it. */
    static ModuleCache user() {
        String property = System.getProperty("wasm2jar.cache.dir");
        if (property != null && !property.isBlank()) {
            return new ModuleCache(Path.of(property));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new ModuleCache(base.resolve("wasm2jar"));
    }

    Path directory() {
        return directory;
    }

    /** The module compiled from {@code file}: from the cache when it is there, else compiled and stored. */
    Module load(Path file) throws IOException {
        return load(file, false);
    }

    /** {@link #load(Path)} compiled with {@code metering} or without: two entries, since the code differs. */
    Module load(Path file, boolean metering) throws IOException {
        byte[] wasm = Files.readAllBytes(file);
        Path jar = directory.resolve(sha256(wasm) + "-" + buildId() + (metering ? "-metered" : "") + ".jar");
        boolean damaged = false;
        if (Files.isRegularFile(jar)) {
            try {
                return Module.fromJar(jar);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(jar); // damaged: compile again
                damaged = true;
            }
        }
        CompiledModule compiled = ModuleFiles.compile(file, wasm,
                new CompilerOptions(ModuleFiles.defaultClassName(file, null)).withMetering(metering));
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "compiling-", ".jar");
            compiled.writeJar(temporary);
            Files.move(temporary, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // After a damaged jar, this process may still hold the old one open: use what is in memory.
            return damaged ? compiled.load() : Module.fromJar(jar);
        } catch (IOException | UnsupportedOperationException e) {
            return compiled.load(); // no cache: run from memory
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 16 hex digits of a hash over the class files of the compiler and runtime-support. */
    static String buildId() throws IOException {
        String id = buildId;
        if (id == null) {
            MessageDigest d = digest();
            for (Class<?> c : List.of(Compiler.class, Module.class)) {
                hash(d, location(c));
            }
            id = buildId = HexFormat.of().formatHex(d.digest()).substring(0, 16);
        }
        return id;
    }

    static Path location(Class<?> c) throws IOException {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot find the classes of " + c.getName(), e);
        }
    }

    private static void hash(MessageDigest d, Path location) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    d.update(location.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    d.update(Files.readAllBytes(f));
                }
            }
        } else {
            try (InputStream in = Files.newInputStream(location)) {
                d.update(in.readAllBytes());
            }
        }
    }
}
