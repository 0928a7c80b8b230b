package dev.wasm2jar.maven.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts an image built by the image goal and asks it one HTTP request with curl. With podman where it works
 * ({@code podman load}, then {@code podman run -p 127.0.0.1:PORT:8080}); where it does not, by unpacking the image
 * tar and running its entrypoint on the host: the java the image names (found on the image's PATH inside its
 * layers), the jar from its layers, and its arguments with the listening port moved to a free one.
 */
public final class ImageRun {
    /**
     * What a run showed.
     *
     * @param how {@code podman} or {@code unpacked}, and why not podman when unpacked
     * @param body what curl printed
     */
    public record Answer(String how, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageRun() {}

    /**
     * Runs the image in {@code tar} (serving on 8080 inside) and curls {@code path}: a POST of {@code data}, or a GET
     * when it is null.
     */
    public static Answer curl(Path tar, String path, String data, Path work) throws Exception {
        // -Dwasm2jar.imageRun=unpacked tries the other way on a machine where podman works.
        String noPodman = "unpacked".equals(System.getProperty("wasm2jar.imageRun")) ? "asked for"
                : podmanProblem();
        if (noPodman == null) {
            return new Answer("podman", withPodman(tar, path, data));
        }
        return new Answer("unpacked (" + noPodman + ")", unpacked(tar, path, data, work));
    }

    /** Null when podman can run a container here, else why not. */
    private static String podmanProblem() {
        try {
            Result r = run(List.of("podman", "--version"), 30);
            return r.code == 0 ? null : "podman --version failed";
        } catch (IOException e) {
            return "no podman";
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String withPodman(Path tar, String path, String data) throws Exception {
        Result load = run(List.of("podman", "load", "-i", tar.toString()), 300);
        if (load.code != 0) {
            throw new IOException("podman load: " + load.out);
        }
        String image = load.out.lines().filter(l -> l.contains("Loaded image")).map(l -> l.substring(
                l.indexOf(": ") + 2).trim()).findFirst().orElseThrow(() -> new IOException(load.out));
        int port = freePort();
        // Low limits: podman's defaults ask for more than an unprivileged container host may grant.
        List<String> start = List.of("podman", "run", "-d", "--rm", "-p", "127.0.0.1:" + port + ":8080",
                "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", image);
        Result started = run(start, 120);
        if (started.code != 0 && Files.isExecutable(Path.of("/usr/sbin/runc"))) {
            // crun refuses hosts with cgroup v1 and v2 mixed; runc runs there.
            List<String> withRunc = new ArrayList<>(start);
            withRunc.add(1, "--runtime");
            withRunc.add(2, "runc");
            started = run(withRunc, 120);
        }
        if (started.code != 0) {
            throw new IOException(String.join(" ", start) + ": " + started.out);
        }
        String container = started.out.strip().lines().reduce((a, b) -> b).orElseThrow();
        try {
            return curlUntilAnswered(port, path, data);
        } finally {
            run(List.of("podman", "rm", "-f", container), 60);
            run(List.of("podman", "rmi", "-f", image), 60);
        }
    }

    private static String unpacked(Path tar, String path, String data, Path work) throws Exception {
        Path image = Files.createDirectories(work.resolve("image"));
        Path root = Files.createDirectories(work.resolve("root"));
        check(run(List.of("tar", "-xf", tar.toString(), "-C", image.toString()), 120), "tar");
        JsonNode config;
        List<Path> layers = new ArrayList<>();
        if (Files.exists(image.resolve("index.json"))) {
            JsonNode index = JSON.readTree(image.resolve("index.json").toFile());
            JsonNode manifest = JSON.readTree(blob(image, index.get("manifests").get(0).get("digest").asText()).toFile());
            config = JSON.readTree(blob(image, manifest.get("config").get("digest").asText()).toFile());
            for (JsonNode layer : manifest.get("layers")) {
                layers.add(blob(image, layer.get("digest").asText()));
            }
        } else {
            JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
            config = JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile());
            for (JsonNode layer : manifest.get("Layers")) {
                layers.add(image.resolve(layer.asText()));
            }
        }
        for (Path layer : layers) {
            check(run(List.of("tar", "-xzf", layer.toString(), "-C", root.toString()), 120), "tar");
        }
        JsonNode c = config.get("config");
        String searchPath = "/usr/bin:/bin";
        for (JsonNode env : c.path("Env")) {
            if (env.asText().startsWith("PATH=")) {
                searchPath = env.asText().substring(5);
            }
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        for (JsonNode part : c.get("Entrypoint")) {
            command.add(part.asText());
        }
        // The image listens on 8080 of its own network; on the host it gets a free port, on loopback only.
        for (JsonNode part : c.path("Cmd")) {
            String arg = part.asText().replace("0.0.0.0:8080", "127.0.0.1:" + port).replace("0.0.0.0", "127.0.0.1");
            command.add(command.get(command.size() - 1).equals("--port") && arg.equals("8080") ? "" + port : arg);
        }
        command.set(0, resolve(root, command.get(0), searchPath));
        for (int i = 1; i < command.size(); i++) {
            if (command.get(i).startsWith("/app/")) {
                command.set(i, root.resolve(command.get(i).substring(1)).toString());
            }
        }
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile()).start();
        try {
            return curlUntilAnswered(port, path, data);
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The image's java: a path, or a name looked up on the image's PATH inside its root. */
    private static String resolve(Path root, String java, String searchPath) throws IOException {
        if (java.startsWith("/")) {
            return root.resolve(java.substring(1)).toString();
        }
        for (String dir : searchPath.split(":")) {
            Path candidate = root.resolve(dir.substring(1)).resolve(java);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException("the image has no " + java + " on its PATH " + searchPath);
    }

    private static Path blob(Path image, String digest) {
        String[] parts = digest.split(":");
        return image.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }

    /** Curls until the server answers (it starts a JVM first), for at most a minute. */
    private static String curlUntilAnswered(int port, String path, String data) throws Exception {
        String url = "http://127.0.0.1:" + port + path;
        List<String> curl = new ArrayList<>(List.of("curl", "-s", "-S", "-f", "-m", "10", url));
        if (data != null) {
            curl.addAll(List.of("-X", "POST", "-d", data));
        }
        Result last = null;
        for (int attempt = 0; attempt < 120; attempt++) {
            last = run(curl, 30);
            if (last.code == 0) {
                return last.out;
            }
            Thread.sleep(500);
        }
        throw new IOException("no answer from " + url + ": " + last.out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private record Result(int code, String out) {}

    private static void check(Result r, String what) throws IOException {
        if (r.code != 0) {
            throw new IOException(what + " failed: " + r.out);
        }
    }

    private static Result run(List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " took over " + seconds + " s");
        }
        return new Result(p.exitValue(), out);
    }
}
