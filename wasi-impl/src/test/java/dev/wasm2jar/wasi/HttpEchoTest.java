package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The HTTP echo guest (guests/rust/http_echo.rs) on WasmEdge's socket calls: it listens itself (sock_open,
 * sock_bind, sock_listen), waits with poll_oneoff or epoll_oneoff, and serves many keep-alive connections at once;
 * and it survives hostile peers. It stops after the number of responses it is given, so every test knows it served
 * exactly those.
 */
class HttpEchoTest {
    private static final String USAGE =
            "Try POSTing data to /echo such as: `curl localhost:8080/echo -XPOST -d 'hello world'`\n";

    private static GuestServer start(int responses, String... more) {
        List<String> args = new ArrayList<>(List.of("--addr", "127.0.0.1", "--port", "0", "--max-requests",
                String.valueOf(responses)));
        args.addAll(List.of(more));
        return GuestServer.start("http_echo", UnaryOperator.identity(), args.toArray(String[]::new));
    }

    private static void assertServed(GuestServer server, int responses) throws Exception {
        Guests.Run run = server.await();
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("served " + responses + " requests\n"), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"poll_oneoff", "epoll_oneoff"})
    void echoesWithKeepAliveAndPipelining(String poll) throws Exception {
        GuestServer server = poll.equals("epoll_oneoff") ? start(6, "--epoll") : start(6);
        int port = server.port();
        try (HttpClient c = new HttpClient(port)) {
            assertEquals(new HttpClient.Response(200, "Hello WasmEdge", false), c.call("POST", "/echo", "Hello WasmEdge"));
            assertEquals(new HttpClient.Response(200, USAGE, false), c.call("GET", "/", ""));
            assertEquals(404, c.call("GET", "/nothing", "").status());
            // two requests in one write: two responses, in order
            c.send(HttpClient.request("POST", "/echo", "first") + HttpClient.request("POST", "/echo", "second"));
            assertEquals("first", c.read().body());
            assertEquals("second", c.read().body());
            // a body larger than the socket buffers, in both directions
            String big = "0123456789abcdef".repeat(20_000);
            assertEquals(big, c.call("POST", "/echo", big).body());
        }
        assertServed(server, 6);
    }

    @Test
    void servesManyConnectionsAtOnce() throws Exception {
        int clients = 32;
        int each = 10;
        GuestServer server = start(clients * each);
        int port = server.port();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                done.add(pool.submit(() -> {
                    int ok = 0;
                    try (HttpClient c = new HttpClient(port)) {
                        for (int k = 0; k < each; k++) {
                            String body = "client " + client + " request " + k;
                            if (c.call("POST", "/echo", body).body().equals(body)) {
                                ok++;
                            }
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(each, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertServed(server, clients * each);
    }

    @Test
    void survivesHostilePeers() throws Exception {
        GuestServer server = start(6);
        int port = server.port();
        // malformed HTTP: 400, and the connection closed
        try (HttpClient c = new HttpClient(port)) {
            c.send("GARBAGE\r\n\r\n");
            assertEquals(new HttpClient.Response(400, "Bad Request", true), c.read());
            assertTrue(c.closedByServer());
        }
        // a head that never ends: 431 once it passes 8 KiB
        try (HttpClient c = new HttpClient(port)) {
            c.send("GET / HTTP/1.1\r\nX-Long: " + "x".repeat(9000));
            assertEquals(431, c.read().status());
        }
        // a body longer than the server takes: 413
        try (HttpClient c = new HttpClient(port)) {
            c.send("POST /echo HTTP/1.1\r\ncontent-length: 99999999\r\n\r\n");
            assertEquals(413, c.read().status());
        }
        // a client that resets the connection halfway through its request, and one that connects and leaves
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoLinger(true, 0);
            OutputStream out = s.getOutputStream();
            out.write("POST /echo HTTP/1.1\r\ncontent-length: 100\r\n\r\nhalf".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(50);
        }
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        // a thousand idle connections, and a client served among them
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
            try (HttpClient c = new HttpClient(port)) {
                assertEquals("among a thousand", c.call("POST", "/echo", "among a thousand").body());
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        try (HttpClient c = new HttpClient(port)) {
            assertEquals("still serving", c.call("POST", "/echo", "still serving").body());
            c.send("GET / HTTP/1.0\r\n\r\n"); // HTTP/1.0 without keep-alive: answered, then closed
            HttpClient.Response last = c.read();
            assertEquals(new HttpClient.Response(200, USAGE, true), last);
            assertNull(c.read());
        }
        assertServed(server, 6);
    }
}
