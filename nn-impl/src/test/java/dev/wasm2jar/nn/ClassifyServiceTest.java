package dev.wasm2jar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.host.Linker;
import dev.wasm2jar.wasi.Wasi;
import dev.wasm2jar.wasi.WasiConfig;
import dev.wasm2jar.wasi.WasmEdgeSockets;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The classification microservice (guests/rust/classify_service.rs): WasmEdge's sockets, wasmedge_image and wasi-nn
 * in one guest, asked by curl as WasmEdge's example is.
 */
class ClassifyServiceTest {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+)");

    /** Standard output, readable while the guest writes it. */
    private static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** The port once the guest says it listens (within 60 s: compiling the guest takes a few). */
        synchronized int port(CompletableFuture<Integer> exit) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !exit.isDone()) {
                Matcher m = LISTENING.matcher(text());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
                wait(100);
            }
            throw new AssertionError("the service did not listen: " + text() + (exit.isDone() ? exit.get() : ""));
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "60"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void curlPostsGraceHopperAndHearsOfAMilitaryUniform() throws Exception {
        Output out = new Output();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.defaults()
                .withArgs(List.of("classify_service", "models/" + TestData.MOBILENET_V2, "models/imagenet_labels.txt",
                        "--addr", "127.0.0.1", "--port", "0", "--max-requests", "4"))
                .withPreopen("models", TestData.model(".")).withStdout(out).withStderr(err);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread guest = new Thread(null, () -> {
            try (Wasi wasi = Wasi.create(config); WasiNn nn = WasiNn.create(NnConfig.defaults())) {
                exit.complete(wasi.run(Linker.create().with(wasi).with(new WasmEdgeSockets(wasi)).with(nn)
                        .instantiate(Guests.module("classify_service"))));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "classify_service", 64L << 20);
        guest.setDaemon(true);
        guest.start();
        String url = "localhost:" + out.port(exit);
        Path image = TestData.image("grace_hopper.jpg");

        String answer = curl("-X", "POST", "--data-binary", "@" + image, url + "/classify");
        assertTrue(answer.matches("military uniform is detected with \\d+/255 confidence\n"), answer);
        assertEquals(answer, curl("-X", "POST", "--data-binary", "@" + image, url + "/classify"), "the same again");
        assertTrue(curl("-X", "POST", "--data-binary", "not an image", url + "/classify")
                .startsWith("wasmedge_image cannot decode the image"));
        assertTrue(curl(url + "/").startsWith("Try POSTing an image to /classify"));
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.text().endsWith("served 4 requests\n"), out.text());
    }
}
