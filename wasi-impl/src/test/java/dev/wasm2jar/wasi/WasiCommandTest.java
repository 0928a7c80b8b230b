package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.host.Linker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WASI commands in C (demo.c) and Rust (files.rs) doing what programs do, on real files in a temporary directory. */
class WasiCommandTest {
    @TempDir
    Path dir;

    private UnaryOperator<WasiConfig> preopen(String guest) {
        return c -> c.withPreopen(guest, dir);
    }

    @Test
    void argumentsArriveAsGiven() throws IOException {
        Guests.Run r = Guests.run("demo", c -> c, "args", "two words", "--flag", "é");
        assertEquals(0, r.exit());
        assertEquals("argv[0]=demo\nargv[1]=args\nargv[2]=two words\nargv[3]=--flag\nargv[4]=é\n", r.out());
    }

    @Test
    void theEnvironmentIsOnlyWhatIsGiven() throws IOException {
        assertEquals("", Guests.run("demo", c -> c, "env").out());
        Guests.Run r = Guests.run("demo", c -> c.withEnv("A", "1").withEnv("B", "x=y z"), "env");
        assertEquals("A=1\nB=x=y z\n", r.out());
    }

    @Test
    void exitCodeIsTheGuests() throws IOException {
        Guests.Run r = Guests.run("demo", c -> c, "exit", "7");
        assertEquals(7, r.exit());
        assertEquals("exiting with 7\n", r.out());
        assertEquals(0, Guests.run("demo", c -> c, "exit", "0").exit());
    }

    @Test
    void stdinIsCopiedToStdout() throws IOException {
        String text = "line one\nline two\n".repeat(1000);
        Guests.Run r = Guests.run("demo", text, c -> c, "echo");
        assertEquals(0, r.exit());
        assertEquals(text, r.out());
    }

    @Test
    void pollWaitsForInputAndForItsEnd() throws Exception {
        Guests.Run ready = Guests.run("demo", "at once\n", c -> c, "poll-echo");
        assertEquals("at once\n", ready.out());
        assertEquals(0, ready.exit(), "the end of the input counts as ready");
        java.io.PipedOutputStream writer = new java.io.PipedOutputStream();
        java.io.PipedInputStream reader = new java.io.PipedInputStream(writer);
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(150);
                writer.write("late\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                writer.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        late.start();
        Guests.Run waited = Guests.run("demo", "", c -> c.withStdin(reader), "poll-echo");
        late.join();
        assertEquals("late\n", waited.out());
        assertEquals(0, waited.exit());
    }

    @Test
    void filesAreWrittenReadListedMovedAndRemoved() throws IOException {
        assertEquals(0, Guests.run("demo", preopen("."), "write", "notes.txt", "first").exit());
        assertEquals("first", Files.readString(dir.resolve("notes.txt")));
        assertEquals(0, Guests.run("demo", preopen("."), "append", "notes.txt", " second").exit());
        assertEquals("first second", Guests.run("demo", preopen("."), "cat", "notes.txt").out());
        assertEquals(0, Guests.run("demo", preopen("."), "mkdir", "sub").exit());
        assertTrue(Files.isDirectory(dir.resolve("sub")));
        assertEquals(0, Guests.run("demo", preopen("."), "mv", "notes.txt", "sub/moved.txt").exit());
        assertEquals("first second", Files.readString(dir.resolve("sub/moved.txt")));
        Files.writeString(dir.resolve("sub/b.txt"), "b");
        assertEquals("b.txt\nmoved.txt\n", Guests.run("demo", preopen("."), "ls", "sub").out());
        assertEquals("sub/b.txt: file, 1 bytes\n", Guests.run("demo", preopen("."), "stat", "sub/b.txt").out());
        Guests.Run notEmpty = Guests.run("demo", preopen("."), "rmdir", "sub");
        assertEquals(1, notEmpty.exit());
        assertEquals("rmdir sub: Directory not empty\n", notEmpty.out());
        assertEquals(0, Guests.run("demo", preopen("."), "rm", "sub/b.txt").exit());
        assertEquals(0, Guests.run("demo", preopen("."), "rm", "sub/moved.txt").exit());
        assertEquals(0, Guests.run("demo", preopen("."), "rmdir", "sub").exit());
        assertFalse(Files.exists(dir.resolve("sub")));
    }

    @Test
    void aMissingFileIsNoEntry() throws IOException {
        Guests.Run r = Guests.run("demo", preopen("."), "cat", "none.txt");
        assertEquals(1, r.exit());
        assertEquals("cat none.txt: No such file or directory\n", r.out());
    }

    @Test
    void withoutAPreopenNothingIsReachable() throws IOException {
        Files.writeString(dir.resolve("x.txt"), "x");
        Guests.Run r = Guests.run("demo", c -> c, "cat", dir.resolve("x.txt").toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().startsWith("cat " + dir.resolve("x.txt") + ": "), r.out());
    }

    @Test
    void rootPreopenServesAbsolutePaths() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "root file");
        assertEquals("root file", Guests.run("demo", preopen("/"), "cat", "/a.txt").out());
        assertEquals("root file", Guests.run("demo", preopen("/"), "cat", "a.txt").out());
    }

    @Test
    void clocksRandomAndSleep() throws IOException {
        assertEquals("monotonic ok, realtime after 2020: yes, resolution > 0: yes\n",
                Guests.run("demo", c -> c, "clock").out());
        assertTrue(Guests.run("demo", c -> c, "random", "256").out().startsWith("256 random bytes, "));
        long start = System.nanoTime();
        assertEquals("slept at least 30 ms: yes\n", Guests.run("demo", c -> c, "sleep", "30").out());
        assertTrue(System.nanoTime() - start >= 30_000_000L);
    }

    @Test
    void rustStdDoesFilesEnvironmentAndExit() throws IOException {
        Guests.Run r = Guests.run("files", c -> c.withPreopen(".", dir).withEnv("GREETING", "hi"), "4");
        assertEquals("""
                args: ["4"]
                GREETING=hi
                PATH set: false
                data: 0123ab6789
                size: 10
                appended: 0123ab6789!
                work: ["moved.txt", "nested"]
                missing: NotFound
                outside: Uncategorized
                cleaned up: true
                """, r.out());
        assertEquals(4, r.exit());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "the guest removed what it made");
        }
    }

    @Test
    void preview0LayoutsOnWasiUnstable() throws IOException {
        Guests.Run r = Guests.run("preview0", c -> c.withPreopen(".", dir));
        assertEquals("preview0 ok\n", r.out());
        assertEquals(0, r.exit());
    }

    @Test
    void aTrapIsThrownWithTheCalledFunctionsOnItsStack() throws IOException {
        try (Wasi wasi = Wasi.create(WasiConfig.defaults().withArgs(java.util.List.of("trap", "divide", "0")))) {
            var instance = Linker.create().with(wasi).instantiate(Guests.module("trap"));
            TrapException e = assertThrows(TrapException.class, () -> wasi.run(instance));
            assertEquals("integer divide by zero", e.getMessage());
        }
    }

    @Test
    void aModuleWithoutStartIsNoCommand() throws IOException {
        try (Wasi wasi = Wasi.create(WasiConfig.defaults())) {
            var lib = Linker.create().with(wasi).instantiate(Guests.module("greeter-lib"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wasi.run(lib));
            assertEquals("not a WASI command: it exports no function _start", e.getMessage());
        }
    }

    @Test
    void aMissingPreopenIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> Wasi.create(WasiConfig.defaults().withPreopen("/", dir.resolve("none"))));
        assertEquals("cannot preopen " + dir.resolve("none") + ": no such directory", e.getMessage());
    }
}
