package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jvm-cache, the start-up cache of bin/wasm2jar, on a small program of its own ({@link Hello} in a jar): the
 * program's output and exit code are the same with and without a cache, while it is made and once it is used; a cache
 * that does not match (here: garbage) is ignored. Both kinds: an AOT cache (JDK 25+) and a class-data archive (what
 * bin/wasm2jar makes on JDK 21 to 24, here made by this JVM). Each run is a process of its own, as bin/wasm2jar's are.
 */
class JvmCacheTest {
    private static final Path SCRIPT = Path.of(System.getProperty("wasm2jar.root", ".."), "bin", "jvm-cache");

    @TempDir
    Path dir;

    /** What the cached runs run: prints one line and exits with the code it is given. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello");
            System.exit(Integer.parseInt(args[0]));
        }
    }

    @Test
    void aheadOfTimeCacheIsMadeUsedAndIgnoredWhenItDoesNotMatch() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the JVM running the tests has no AOT cache");
        Path jar = helloJar();
        Path archive = dir.resolve("cache/hello.aot");
        Files.createDirectories(archive.getParent());

        assertRunsAsWithout(jar, archive);
        assertTrue(files(archive.getParent(), ".record").size() == 1, "the first run records: " + files(dir, ""));
        assertRunsAsWithout(jar, archive); // claims the record and makes the cache in the background
        waitFor(archive);
        assertTrue(files(archive.getParent(), ".record").isEmpty(), "records left: " + files(dir, ""));

        Path log = dir.resolve("classes.log");
        assertRunsAsWithout(jar, archive, "-Xlog:class+load:file=" + log);
        assertTrue(loadedFromCache(log), "Hello was not loaded from the cache:\n" + Files.readString(log));

        Files.write(archive, new byte[] {1, 2, 3});
        assertRunsAsWithout(jar, archive);
    }

    @Test
    void classDataArchiveIsMadeUsedAndIgnoredWhenItDoesNotMatch() throws Exception {
        Path jar = helloJar();
        Path archive = dir.resolve("cache/hello.jsa");
        Files.createDirectories(archive.getParent());

        assertRunsAsWithout(jar, archive); // dumps at exit, under a name of its own
        assertRunsAsWithout(jar, archive); // adopts it
        assertTrue(Files.isRegularFile(archive), "no archive: " + files(dir, ""));

        Path log = dir.resolve("classes.log");
        assertRunsAsWithout(jar, archive, "-Xlog:class+load:file=" + log);
        assertTrue(loadedFromCache(log), "Hello was not loaded from the archive:\n" + Files.readString(log));

        Files.write(archive, new byte[] {1, 2, 3});
        assertRunsAsWithout(jar, archive);
    }

    /** Runs Hello through exec_cached with exit code 3: the same output and code as without a cache, nothing else. */
    private void assertRunsAsWithout(Path jar, Path archive, String... javaOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("bash", "-c", """
                source "$1"
                java=("$2") opts=("${@:6}") classpath=$3 main=(-cp "$3" "$4")
                tidy() { :; }
                exec_cached "$5" tidy 3
                """, "bash", SCRIPT.toString(), java, jar.toString(), Hello.class.getName(), archive.toString()));
        command.addAll(List.of(javaOptions));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        byte[] out;
        byte[] err;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals("", new String(err, StandardCharsets.UTF_8));
        assertEquals("hello\n", new String(out, StandardCharsets.UTF_8));
        assertEquals(3, p.exitValue());
    }

    private static boolean loadedFromCache(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .anyMatch(l -> l.contains(Hello.class.getName() + " source: shared objects file"));
    }

    /** Waits for the cache a background process makes (a few seconds; longer on a loaded machine). */
    private void waitFor(Path archive) throws Exception {
        for (int i = 0; i < 1200 && !Files.isRegularFile(archive); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.isRegularFile(archive), "no cache made: " + files(dir, ""));
        for (int i = 0; i < 600 && !files(archive.getParent(), ".creating").isEmpty(); i++) {
            Thread.sleep(100);
        }
    }

    private static List<String> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    /** A jar of Hello alone, as the cache needs: it covers jars of the class path, not directories. */
    private Path helloJar() throws IOException {
        Path jar = dir.resolve("hello.jar");
        String entry = Hello.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = Hello.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
