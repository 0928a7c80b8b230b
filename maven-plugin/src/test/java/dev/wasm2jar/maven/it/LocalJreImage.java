package dev.wasm2jar.maven.it;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A base image for the image tests, made on this machine because its network reaches no container registry: a JRE
 * that jlink cuts from the JDK running the build (java.base and the management modules wasi-impl uses) at
 * {@code /opt/java/openjdk}, where Temurin's images keep theirs, and the shared libraries it links against, copied
 * from the host at their own paths. Written once as a tar file ({@code tar://} base of the image goal).
 */
public final class LocalJreImage {
    /** Where the JRE lives in the image; its bin is on the image's PATH. */
    public static final String JAVA_HOME = "/opt/java/openjdk";
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+\\.so[.0-9]*)");

    private LocalJreImage() {}

    /** The image at {@code tar}, built when it is not there yet. */
    public static Path ensure(Path tar) throws Exception {
        if (Files.isRegularFile(tar)) {
            return tar;
        }
        Path work = Files.createTempDirectory(tar.getParent() == null ? Path.of(".") : createParent(tar), "jre");
        Path jre = work.resolve("jre");
        Path jdk = Path.of(System.getProperty("java.home"));
        run(List.of(jdk.resolve("bin/jlink").toString(), "--add-modules", "java.base,java.management,jdk.management",
                "--strip-debug", "--no-man-pages", "--no-header-files", "--output", jre.toString()));
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("jre");
        try (Stream<Path> files = Files.walk(jre)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                layer.addEntry(f, AbsoluteUnixPath.get(JAVA_HOME + "/" + jre.relativize(f)), permissions(f));
            }
        }
        for (String library : libraries(jre)) {
            Path real = Path.of(library).toRealPath();
            layer.addEntry(real, AbsoluteUnixPath.get(library), permissions(real));
        }
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        layer.addEntry(tmp, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"));
        Path partial = tar.resolveSibling(tar.getFileName() + ".part");
        Jib.fromScratch()
                .addFileEntriesLayer(layer.build())
                .setEnvironment(Map.of("PATH", JAVA_HOME + "/bin:/usr/bin:/bin", "JAVA_HOME", JAVA_HOME))
                .containerize(Containerizer.to(TarImage.at(partial).named("localhost/wasm2jar-test-jre:latest"))
                        .setBaseImageLayersCache(work.resolve("cache/base"))
                        .setApplicationLayersCache(work.resolve("cache/application"))
                        .setOfflineMode(true));
        Files.move(partial, tar, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return tar;
    }

    private static Path createParent(Path tar) throws IOException {
        return Files.createDirectories(tar.toAbsolutePath().getParent());
    }

    /** The host's shared libraries that the JRE's launcher and libraries load, the dynamic loader included. */
    private static List<String> libraries(Path jre) throws Exception {
        List<String> command = new ArrayList<>(List.of("ldd"));
        try (Stream<Path> files = Files.walk(jre)) {
            files.filter(f -> f.toString().endsWith(".so") || f.endsWith("bin/java"))
                    .forEach(f -> command.add(f.toString()));
        }
        TreeSet<String> found = new TreeSet<>();
        for (String line : run(command).split("\n")) {
            Matcher m = LIBRARY.matcher(line);
            while (m.find()) {
                if (!m.group(1).startsWith(jre.toString())) {
                    found.add(m.group(1));
                }
            }
        }
        return List.copyOf(found);
    }

    private static FilePermissions permissions(Path f) throws IOException {
        return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(f));
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed: " + out);
        }
        return out;
    }

    /** For a look by hand: builds the image at the path given. */
    public static void main(String[] args) throws Exception {
        System.out.println(ensure(Path.of(args[0])));
    }
}
