package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.host.Linker;
import dev.wasm2jar.wasi.Wasi;
import dev.wasm2jar.wasi.WasiConfig;
import it.wasm.HelloHttp;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the WASI command in this JVM through its facade: WASI attached with the linker, a socket it listens on. */
class HelloHttpTest {
    @Test
    void servesOneRequest() throws Exception {
        ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.defaults().withArgs(List.of("hello-http", "1")).withEnv("GREETING", "hi")
                .withListener(listener).withStdout(stdout);
        try (Wasi wasi = Wasi.create(config)) {
            HelloHttp service = HelloHttp.instantiate(Linker.create().with(wasi));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> wasi.run(service.instance()));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/junit")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("hello from wasm, /junit (hi)\n", response.body());
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
            assertEquals("hello-http: listening\n", stdout.toString());
        }
    }
}
