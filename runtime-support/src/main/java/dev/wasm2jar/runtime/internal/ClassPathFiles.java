package dev.wasm2jar.runtime.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Reads files that lie beside classes (a module's shape, service registrations) from their jar or directory itself.
 * A class loader finds them too, but through a {@code jar:} URL, and the first such URL in a JVM costs 50-190 ms (the
 * JDK looks for URL handlers among the class path's services first): more than the rest of a runnable hello world's
 * start. RATIONALE.md, "Start-up".
 */
public final class ClassPathFiles {
    private static final String SERVICES = "META-INF/services/";

    private ClassPathFiles() {}

    /**
     * The file {@code name}, relative to {@code type}'s package, from the jar or directory {@code type} was loaded
     * from; null when that is neither (or unknown) or has no such file, and the class loader must look.
     */
    public static byte[] beside(Class<?> type, String name) throws IOException {
        Path location = location(type);
        if (location == null) {
            return null;
        }
        String pkg = type.getPackageName();
        return read(location, pkg.isEmpty() ? name : pkg.replace('.', '/') + "/" + name);
    }

    /**
     * The classes registered for {@code service} in {@code META-INF/services} on the class path the JVM was started
     * with ({@code java.class.path}), in its order, without repeats: what {@link java.util.ServiceLoader} finds through
     * the system class loader for a service the JDK's modules do not provide. Null when the class path is not just the
     * jars and directories it lists (a jar's manifest names more, as Maven Surefire's does): then ServiceLoader must
     * look.
     */
    public static List<String> services(String service) throws IOException {
        List<String> names = new ArrayList<>();
        for (String element : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path location = Path.of(element.isEmpty() ? "." : element);
            byte[] file;
            if (Files.isDirectory(location)) {
                Path path = location.resolve(SERVICES + service);
                file = Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
            } else if (Files.isRegularFile(location)) {
                try (JarFile jar = new JarFile(location.toFile(), false)) {
                    Manifest manifest = jar.getManifest();
                    if (manifest != null && manifest.getMainAttributes().containsKey(Attributes.Name.CLASS_PATH)) {
                        return null;
                    }
                    file = entry(jar, SERVICES + service);
                }
            } else {
                continue;
            }
            if (file != null) {
                addProviders(file, names);
            }
        }
        return names;
    }

    /** The provider names of a services file: one per line, {@code #} starts a comment. */
    private static void addProviders(byte[] file, List<String> names) {
        for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
            }
        }
    }

    /** The jar or directory {@code type} was loaded from, or null. */
    private static Path location(Class<?> type) {
        ProtectionDomain domain = type.getProtectionDomain();
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] read(Path location, String name) throws IOException {
        if (Files.isDirectory(location)) {
            Path file = location.resolve(name);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        }
        if (!Files.isRegularFile(location)) {
            return null;
        }
        try (JarFile jar = new JarFile(location.toFile(), false)) {
            return entry(jar, name);
        }
    }

    private static byte[] entry(JarFile jar, String name) throws IOException {
        ZipEntry e = jar.getEntry(name);
        if (e == null) {
            return null;
        }
        try (InputStream in = jar.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
