package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.StoredEntries;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.host.HostModuleFactory;
import dev.wasm2jar.wasi.Launcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * A runnable jar of a WASI command: the compiled module, the classes of runtime-support and wasi-impl copied in, the
 * registered host modules (each factory's package and the packages beneath it, and the service file that registers
 * them), and a manifest whose {@code Main-Class} is {@link Launcher}. {@code java -jar} needs nothing else, unless a
 * host module needs libraries of its own.
 */
final class RunnableJar {
    private RunnableJar() {}

    static void write(CompiledModule module, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, Launcher.class.getName());
        main.putValue(Module.MANIFEST_ATTRIBUTE, module.className());
        main.putValue("Created-By", "wasm2jar " + Version.get());
        Path parent = jar.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Set<String> written = new HashSet<>();
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (var e : module.files().entrySet()) {
                put(out, written, e.getKey(), e.getValue());
            }
            for (Class<?> library : List.of(Module.class, Launcher.class)) {
                copy(ModuleCache.location(library), "", out, written);
            }
            StringBuilder services = new StringBuilder();
            for (HostModuleFactory factory : Launcher.hostModuleFactories()) {
                Class<?> type = factory.getClass();
                copy(ModuleCache.location(type), type.getPackageName().replace('.', '/') + "/", out, written);
                services.append(type.getName()).append('\n');
            }
            if (!services.isEmpty()) {
                put(out, written, "META-INF/services/" + HostModuleFactory.class.getName(),
                        services.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Copies the files under {@code prefix} (every file for ""), but not the manifest or Maven's metadata, of a jar or
     * class directory.
     */
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
            for (JarEntry e : source.stream().toList()) {
                if (!e.isDirectory() && !e.getName().startsWith("META-INF/") && e.getName().startsWith(prefix)) {
                    try (InputStream in = source.getInputStream(e)) {
                        put(out, written, e.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    /**
     * Adds a file, stored rather than deflated: the jar is about twice the size (a C hello world: 0.9 MB instead of
     * 0.44 MB), and {@code java -jar} reads each class's bytes instead of inflating them (11-15 ms less CPU at start).
     */
    private static void put(JarOutputStream out, Set<String> written, String name, byte[] bytes) throws IOException {
        if (written.add(name)) {
            out.putNextEntry(StoredEntries.of(name, bytes));
            out.write(bytes);
            out.closeEntry();
        }
    }
}
