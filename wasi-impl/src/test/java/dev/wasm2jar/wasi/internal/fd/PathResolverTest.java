package dev.wasm2jar.wasi.internal.fd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's path walk on a real directory tree with real symbolic links. */
class PathResolverTest {
    @TempDir
    Path tmp;
    Path root;
    OpenDirectory dir;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/f.txt"), "f");
        Files.createSymbolicLink(root.resolve("to-b"), Path.of("a/b"));
        Files.createSymbolicLink(root.resolve("a/up"), Path.of(".."));
        dir = new OpenDirectory(root, root, "/", Rights.DIRECTORY, Rights.DIRECTORY_INHERITING, 0);
    }

    private int errno(String path, boolean follow) {
        return assertThrows(ErrnoException.class, () -> PathResolver.resolve(dir, path, follow)).errno();
    }

    @Test
    void componentsDotsAndSlashes() throws IOException {
        PathResolver.Resolved r = PathResolver.resolve(dir, "a/./b//../b/f.txt", false);
        assertEquals(root.resolve("a/b/f.txt"), r.host());
        assertEquals("f.txt", r.name());
        assertFalse(r.trailingSlash());
        assertTrue(PathResolver.resolve(dir, "a/b/", false).trailingSlash());
        assertTrue(PathResolver.resolve(dir, ".", false).isSelf());
        assertTrue(PathResolver.resolve(dir, "a/..", false).isSelf());
        assertNull(PathResolver.resolve(dir, "a/../", false).name());
    }

    @Test
    void linksAreFollowedInsideAndTheLastOneOnlyWhenAsked() throws IOException {
        assertEquals(root.resolve("a/b/f.txt"), PathResolver.resolve(dir, "to-b/f.txt", false).host());
        assertEquals(root.resolve("to-b"), PathResolver.resolve(dir, "to-b", false).host());
        assertEquals(root.resolve("a/b"), PathResolver.resolve(dir, "to-b", true).host());
        assertEquals(root.resolve("a/b"), PathResolver.resolve(dir, "to-b/", false).host(), "a trailing / follows");
        assertEquals(root.resolve("a"), PathResolver.resolve(dir, "a/up/a", false).host());
    }

    @Test
    void escapesAreNotCapable() throws IOException {
        assertEquals(Errno.NOTCAPABLE, errno("..", false));
        assertEquals(Errno.NOTCAPABLE, errno("a/../..", false));
        assertEquals(Errno.NOTCAPABLE, errno("/a", false));
        assertEquals(Errno.NOTCAPABLE, errno("a/up/..", false), "a link to .. at the top climbs out");
        Files.createSymbolicLink(root.resolve("abs"), root.resolve("a"));
        assertEquals(Errno.NOTCAPABLE, errno("abs/b", false), "absolute targets are refused, even inside");
    }

    @Test
    void aDirectoryBeneathIsASandboxOfItsOwn() throws IOException {
        OpenDirectory a = new OpenDirectory(root.resolve("a"), root, null, Rights.DIRECTORY, 0, 0);
        assertEquals(Errno.NOTCAPABLE,
                assertThrows(ErrnoException.class, () -> PathResolver.resolve(a, "../to-b", false)).errno());
        assertEquals(root.resolve("a/b/f.txt"), PathResolver.resolve(a, "b/f.txt", false).host());
    }

    @Test
    void loopsAndLongChains() throws IOException {
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
        assertEquals(Errno.LOOP, errno("self", true));
        assertEquals(root.resolve("self"), PathResolver.resolve(dir, "self", false).host());
        Files.createSymbolicLink(root.resolve("l0"), Path.of("a"));
        for (int i = 1; i <= PathResolver.MAX_LINKS; i++) {
            Files.createSymbolicLink(root.resolve("l" + i), Path.of("l" + (i - 1)));
        }
        int last = PathResolver.MAX_LINKS;
        assertEquals(root.resolve("a/b"), PathResolver.resolve(dir, "l" + (last - 1) + "/b", false).host());
        assertEquals(Errno.LOOP, errno("l" + last + "/b", false));
    }

    @Test
    void missingPiecesAndBadNames() throws IOException {
        assertEquals(Errno.NOENT, errno("none/f.txt", false));
        assertEquals(Errno.NOTDIR, errno("a/b/f.txt/x", false));
        assertEquals(Errno.NOENT, errno("", false));
        assertEquals(Errno.INVAL, errno("a\0b", false));
        assertEquals(root.resolve("a/none"), PathResolver.resolve(dir, "a/none", false).host());
    }

    @Test
    void linkTargetsThatStayWithin() {
        assertTrue(PathResolver.staysWithin(root, root.resolve("a/l"), "../to-b"));
        assertTrue(PathResolver.staysWithin(root, root.resolve("a/l"), "b/../../a"));
        assertFalse(PathResolver.staysWithin(root, root.resolve("a/l"), "../.."));
        assertFalse(PathResolver.staysWithin(root, root.resolve("l"), ".."));
        assertFalse(PathResolver.staysWithin(root, root.resolve("l"), "/etc"));
        assertFalse(PathResolver.staysWithin(root, root.resolve("l"), ""));
    }
}
