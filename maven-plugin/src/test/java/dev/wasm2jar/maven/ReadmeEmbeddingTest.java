package dev.wasm2jar.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example, compiled from the README's own text and run from the repository's root (it reads
 * examples/c-library's module), with the class path of this module's tests: compiler, runtime-support.
 */
class ReadmeEmbeddingTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String MARKER = "<!-- embedding-example";

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleCompilesAndRuns() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int marker = readme.indexOf(MARKER);
        assertTrue(marker >= 0, "README.md has the embedding example's marker");
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        String source = readme.substring(start, readme.indexOf("```\n", start));
        Path file = dir.resolve("Embedding.java");
        Files.writeString(file, source);
        String classPath = System.getProperty("java.class.path");
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-Xlint:all", "-Werror",
                "-d", dir.toString(), "-cp", classPath, file.toString());
        assertEquals(0, compiled, "javac on the README's example");

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process run = new ProcessBuilder(List.of(java.toString(), "-cp", dir + File.pathSeparator + classPath,
                "Embedding")).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes());
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals("add(2, 3) = 5, fib(50) = 12586269025, adler32 = 18a40419\n", out);
        assertEquals(0, run.exitValue());
    }
}
