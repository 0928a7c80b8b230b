package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Module;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compiled jars of .wasm modules, kept in the user's cache directory ({@code $XDG_CACHE_HOME/wasm2jar}, else
 * {@code ~/.cache/wasm2jar}) under the SHA-256 of the module, so that running a module the second time loads a jar
 * instead of compiling. The key also covers the compiler and runtime themselves (a hash of their class files), so a
 * rebuilt wasm2jar never loads a jar an older one wrote, and whether the module was compiled with metering. Failing
 * to write the cache is never an error.
 *
 * <p>A file's hash is remembered under its identity (device, inode, size, modification and change times) in
 * {@code index/}, as git's index remembers what it hashed: hashing 1.8 MB in a JVM that has not compiled SHA-256 yet
 * costs about 100 ms of a start-up, and any write to the file, or to its metadata, changes the change time. A module
 * is hashed again when it is compiled, so a jar is always stored under the hash of the bytes it was compiled from.
 * A hash is remembered only when the file's identity is the same after reading it as before, and its times are over
 * two seconds old: a file system's clock ticks coarsely (Linux: a few milliseconds, FAT: two seconds), so a file
 * written again within the tick of its last write can keep its times, and git calls such an entry "racily clean".
 */
final class ModuleCache {
    /** How old a file's times must be for its hash to be remembered. */
    private static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(2);

    private String buildId;

    private final Path directory;
    private final Clock clock;

    ModuleCache(Path directory) {
        this(directory, null);
    }

    /**
     * A cache whose idea of "now" is {@code clock}'s (tests); null for the system's, read without a {@link Clock},
     * whose first use loads the time-zone classes (2-4 ms of a start).
     */
    ModuleCache(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
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

    /** The features as a number, one bit per feature by its flag's position in the alphabet of flags. */
    private static String featureBits(Set<Feature> features) {
        java.util.List<String> flags = java.util.Arrays.stream(Feature.values()).map(Feature::flag).sorted().toList();
        long bits = 0;
        for (Feature f : features) {
            bits |= 1L << flags.indexOf(f.flag());
        }
        return Long.toHexString(bits);
    }

    /** The module compiled from {@code file}: from the cache when it is there, else compiled and stored. */
    Module load(Path file) throws IOException {
        return load(file, false);
    }

    /** {@link #load(Path)} compiled with {@code metering} or without: two entries, since the code differs. */
    Module load(Path file, boolean metering) throws IOException {
        return load(file, metering, Feature.DEFAULT);
    }

    /**
     * {@link #load(Path, boolean)} with {@code features}: other features than the default make an entry of their own,
     * since they judge the module by another language.
     */
    Module load(Path file, boolean metering, Set<Feature> features) throws IOException {
        String kind = (features.equals(Feature.DEFAULT) ? "" : "-f" + featureBits(features))
                + (metering ? "-metered.jar" : ".jar");
        Path entry = indexEntry(file);
        String hash = rememberedHash(entry);
        byte[] wasm = null;
        if (hash == null) {
            wasm = Files.readAllBytes(file);
            hash = sha256(wasm);
            remember(file, entry, hash);
        }
        Path jar = directory.resolve(hash + "-" + buildId() + kind);
        boolean damaged = false;
        if (Files.isRegularFile(jar)) {
            try {
                return Module.fromJar(jar);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(jar); // damaged: compile again
                damaged = true;
            }
        }
        if (wasm == null) {
            wasm = Files.readAllBytes(file);
            jar = directory.resolve(sha256(wasm) + "-" + buildId() + kind);
        }
        CompiledModule compiled = ModuleFiles.compile(file, wasm,
                new CompilerOptions(ModuleFiles.defaultClassName(file, null)).withMetering(metering)
                        .withFeatures(features));
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "compiling-", ".jar");
            compiled.writeJar(temporary, false);
            Files.move(temporary, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // After a damaged jar, this process may still hold the old one open: use what is in memory.
            return damaged ? compiled.load() : Module.fromJar(jar);
        } catch (IOException | UnsupportedOperationException e) {
            return compiled.load(); // no cache: run from memory
        }
    }

    /** The SHA-256 remembered under the index entry {@code entry}; null when there is none. */
    private static String rememberedHash(Path entry) {
        if (entry == null) {
            return null;
        }
        try {
            String hash = Files.readString(entry);
            return isSha256(hash) ? hash : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether {@code s} is 64 lower-case hex digits; a loop: a first regular expression costs 8 ms of a start. */
    private static boolean isSha256(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Remembers {@code hash}, read from {@code file} after its identity was {@code entry}, if the file still has that
     * identity; failing to is no error.
     */
    private void remember(Path file, Path entry, String hash) {
        if (entry == null || !entry.equals(indexEntry(file))) {
            return;
        }
        try {
            Files.createDirectories(entry.getParent());
            Path temporary = Files.createTempFile(entry.getParent(), "entry-", ".tmp");
            Files.writeString(temporary, hash);
            Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // the next run hashes the file again
        }
    }

    /**
     * The index entry for {@code file}'s current identity; null where the file system cannot tell one, or where the
     * file's times are too recent to tell a later write within the same clock tick.
     */
    private Path indexEntry(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            long modified = nanos(a.get("lastModifiedTime"));
            long changed = nanos(a.get("ctime"));
            long now = clock == null ? TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis())
                    : nanos(FileTime.from(clock.instant()));
            if (now - Math.max(modified, changed) < SETTLED_NANOS) {
                return null;
            }
            return directory.resolve("index").resolve(a.get("dev") + "-" + a.get("ino") + "-" + a.get("size") + "-"
                    + modified + "-" + changed);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
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

    /**
     * 32 hex digits from the hashes of the compiler's and runtime-support's class files: 16 of each jar's (remembered
     * as a module's is), or of a directory's files.
     */
    String buildId() throws IOException {
        String id = buildId;
        if (id == null) {
            StringBuilder b = new StringBuilder();
            for (Class<?> c : List.of(Compiler.class, Module.class)) {
                b.append(hashOf(location(c)), 0, 16);
            }
            id = buildId = b.toString();
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

    /** The SHA-256 of a jar (remembered), or of a class directory's file names and contents. */
    private String hashOf(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            MessageDigest d = digest();
            try (Stream<Path> files = Files.walk(location)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    d.update(location.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    d.update(Files.readAllBytes(f));
                }
            }
            return HexFormat.of().formatHex(d.digest());
        }
        Path entry = indexEntry(location);
        String hash = rememberedHash(entry);
        if (hash == null) {
            hash = sha256(Files.readAllBytes(location));
            remember(location, entry, hash);
        }
        return hash;
    }
}
