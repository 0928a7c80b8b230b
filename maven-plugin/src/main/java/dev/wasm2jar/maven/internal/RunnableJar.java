package dev.wasm2jar.maven.internal;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.StoredEntries;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.host.HostModuleFactory;
import dev.wasm2jar.wasi.Launcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;


/**
 * A runnable jar of a WASI command: the compiled module, the classes of runtime-support and wasi-impl of the plugin's
 * own version, the host modules registered on the plugin's class path (a plugin {@code <dependency>} adds one: each
 * factory's package and its service entry), and {@link Launcher} as {@code Main-Class}, so
 * {@code java -jar app.jar [--dir ...] [ARGS...]} needs nothing else. As {@code wasm2jar compile --main} writes it. Entries are written in a fixed order with a fixed time, so the same module gives the same bytes (and
 * the same image layer).
 */
public final class RunnableJar {
    private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the earliest time a zip entry holds

    private RunnableJar() {}

    /** Writes the jar of {@code module} to {@code jar}. */
    public static void write(CompiledModule module, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, Launcher.class.getName());
        main.putValue(Module.MANIFEST_ATTRIBUTE, module.className());
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Set<String> written = new HashSet<>();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            put(out, written, "META-INF/MANIFEST.MF", manifestBytes(manifest));
            for (var e : module.files().entrySet()) {
                put(out, written, e.getKey(), e.getValue());
            }
            for (Class<?> library : List.of(Module.class, Launcher.class)) {
                copy(location(library), "", out, written);
            }
            StringBuilder services = new StringBuilder();
            for (HostModuleFactory factory : Launcher.hostModuleFactories()) {
                Class<?> type = factory.getClass();
                copy(location(type), type.getPackageName().replace('.', '/') + "/", out, written);
                services.append(type.getName()).append('\n');
            }
            if (!services.isEmpty()) {
                put(out, written, "META-INF/services/" + HostModuleFactory.class.getName(),
                        services.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] manifestBytes(Manifest manifest) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    private static Path location(Class<?> type) throws IOException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot find the classes of " + type.getName(), e);
        }
    }

    /** Copies the files under {@code prefix}, but not the manifest or Maven's metadata, of a jar or class directory. */
    private static void copy(Path location, String prefix, JarOutputStream out, Set<String> written)
            throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = location.relativize(f).toString().replace('\\', '/');
                    if (!name.startsWith("META-INF/") && name.startsWith(prefix)) {
                        put(out, written, name, Files.readAllBytes(f));
                    }
                }
            }
            return;
        }
        try (JarFile source = new JarFile(location.toFile())) {
            for (JarEntry e : source.stream().sorted(java.util.Comparator.comparing(JarEntry::getName)).toList()) {
                if (!e.isDirectory() && !e.getName().startsWith("META-INF/") && e.getName().startsWith(prefix)) {
                    try (InputStream in = source.getInputStream(e)) {
                        put(out, written, e.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static void put(JarOutputStream out, Set<String> written, String name, byte[] bytes) throws IOException {
        if (written.add(name)) {
            // Stored, not deflated: twice the size, and java -jar reads each class instead of inflating it (11-15 ms
            // less CPU at start; RATIONALE.md, "Start-up").
            JarEntry entry = StoredEntries.of(name, bytes);
            entry.setTime(FIXED_TIME);
            out.putNextEntry(entry);
            out.write(bytes);
            out.closeEntry();
        }
    }
}
