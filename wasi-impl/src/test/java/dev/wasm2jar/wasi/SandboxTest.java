package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route out of a preopened directory is refused. guests/c/escape.c tries each one with raw WASI calls and
 * prints one line per route; each route is one test here, and afterwards the directory beside the preopen must be
 * exactly as it was.
 */
class SandboxTest {
    /** Each route the guest tries, as it prints it. */
    static List<String> routes() {
        return List.of(
                "open ../outside/secret.txt",
                "open sub/../../outside/secret.txt",
                "open absolute /etc/passwd",
                "open through absolute link out-abs/secret.txt",
                "open through relative link out-rel/secret.txt",
                "open through nested links hop1/secret.txt",
                "open link out-rel followed as last component",
                "create through link out-rel/new.txt",
                "stat through link out-rel/secret.txt",
                "stat ..",
                "rename inside.txt to ../outside/moved.txt",
                "rename ../outside/secret.txt in",
                "rename through link out-rel/secret.txt in",
                "link ../outside/secret.txt in",
                "link through link out-rel/secret.txt in",
                "link inside.txt out to ../outside/copy.txt",
                "symlink with target ../outside",
                "symlink with target /etc",
                "symlink with target sub/../../outside",
                "readlink of out-abs",
                "readlink of out-rel",
                "unlink ../outside/secret.txt",
                "unlink through link out-rel/secret.txt",
                "mkdir ../outside/made",
                "rmdir ..",
                "set times through link out-rel/secret.txt",
                "open ../../outside/secret.txt from sub");
    }

    @TempDir
    static Path root;
    static Path sandbox;
    static Path outside;
    static FileTime secretTime;
    static Map<String, String> results = new LinkedHashMap<>();
    static Guests.Run run;

    @BeforeAll
    static void runTheGuest() throws IOException {
        sandbox = Files.createDirectories(root.resolve("sandbox"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        secretTime = Files.getLastModifiedTime(outside.resolve("secret.txt"));
        Files.writeString(sandbox.resolve("inside.txt"), "inside");
        Files.createDirectories(sandbox.resolve("sub"));
        Files.createSymbolicLink(sandbox.resolve("out-abs"), outside.toAbsolutePath());
        Files.createSymbolicLink(sandbox.resolve("out-rel"), Path.of("../outside"));
        Files.createSymbolicLink(sandbox.resolve("hop1"), Path.of("hop2"));
        Files.createSymbolicLink(sandbox.resolve("hop2"), Path.of("../outside"));
        // On the host these do lead out: the refusals below are the sandbox's doing.
        assertEquals("secret", Files.readString(sandbox.resolve("out-rel/secret.txt")));
        assertEquals("secret", Files.readString(sandbox.resolve("hop1/secret.txt")));
        assertEquals("secret", Files.readString(sandbox.resolve("out-abs/secret.txt")));
        run = Guests.run("escape", c -> c.withPreopen("/", sandbox));
        for (String line : run.out().lines().toList()) {
            int colon = line.lastIndexOf(": ");
            if (colon > 0) {
                results.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void isRefusedAsNotCapable(String route) {
        assertEquals("refused (76)", results.get(route), route + "\n" + run.out()); // 76: errno notcapable
    }

    @Test
    void theGuestTriedExactlyTheseRoutes() {
        List<String> tried = new java.util.ArrayList<>(results.keySet());
        tried.removeAll(List.of("open sub/../inside.txt", "symlink made-ok -> inside.txt", "readlink made-ok"));
        assertEquals(routes(), tried);
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().endsWith("all refused\n"), run.out());
    }

    @Test
    void whatIsInsideStaysReachable() {
        assertEquals("ok", results.get("open sub/../inside.txt"));
        assertEquals("ok", results.get("symlink made-ok -> inside.txt"));
        assertEquals("inside.txt", results.get("readlink made-ok"));
    }

    @AfterAll
    static void outsideIsUntouched() throws IOException {
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("secret.txt")), files.toList());
        }
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
        assertEquals(secretTime, Files.getLastModifiedTime(outside.resolve("secret.txt")));
        assertFalse(Files.exists(sandbox.resolve("stolen.txt"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(sandbox.resolve("made-rel"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(sandbox.resolve("made-abs"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(sandbox.resolve("made-nested"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(sandbox.resolve("inside.txt")));
    }
}
