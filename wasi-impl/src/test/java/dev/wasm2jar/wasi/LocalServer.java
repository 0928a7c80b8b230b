package dev.wasm2jar.wasi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server from the system's packages (redis-server, mariadbd) that a test starts on a free loopback port in
 * a temporary directory, and stops (SIGTERM, then SIGKILL after 10 s) when it is closed, removing the directory.
 */
final class LocalServer implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private LocalServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** The program {@code name} from PATH, /usr/sbin or /usr/bin; a clear failure when it is not installed. */
    static String program(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " is not installed; bin/setup installs it (Debian packages redis-server and"
                + " mariadb-server)");
    }

    /** A loopback port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code command} (given the directory and the port) until the port takes connections, within 30 s. */
    static LocalServer start(String prefix, CommandLine command) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        int port = freePort();
        LocalServer server;
        try {
            ProcessBuilder pb = new ProcessBuilder(command.of(dir, port)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
            server = new LocalServer(pb.start(), dir, port);
        } catch (Exception e) {
            delete(dir);
            throw e;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close();
                return server;
            } catch (IOException notYet) {
                if (!server.process.isAlive() || System.nanoTime() > deadline) {
                    String log = server.log();
                    server.close();
                    throw new AssertionError(prefix + " did not start: " + log);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Runs {@code command} with {@code input} to its end (within 60 s) in a directory; its output if it fails. */
    static void runToEnd(Path dir, List<String> command, Path input) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(input.toFile()).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    /** How a server is started, given its directory and port. */
    @FunctionalInterface
    interface CommandLine {
        List<String> of(Path dir, int port) throws Exception;
    }

    int port() {
        return port;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
