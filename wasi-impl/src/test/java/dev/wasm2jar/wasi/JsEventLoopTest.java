package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * WasmEdge's QuickJS runtime as its event loop uses the host (guests/c/js_event_loop.c stands in for it, since
 * wasmedge_quickjs.wasm cannot live in this repository): the first form of WasmEdge's socket calls, descriptors
 * made non-blocking through fcntl, and one poll_oneoff per round over the listener, every connection (a read and
 * its timeout, an absolute realtime clock, under one userdata) and a timer, as setTimeout arms it. The http module's
 * way of answering: the body back, "connection: close", then shutdown and close.
 */
class JsEventLoopTest {
    private static GuestServer start(int requests, int timers) {
        return GuestServer.start("js_event_loop", UnaryOperator.identity(), "0", String.valueOf(requests),
                String.valueOf(timers));
    }

    private static void assertServed(GuestServer server, int requests, int timers) throws Exception {
        Guests.Run run = server.await();
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("served " + requests + " requests, " + timers + " timers\n"), run.out());
    }

    @Test
    void answersWithTheBodyAndClosesWhileTimersFire() throws Exception {
        GuestServer server = start(4, 5);
        int port = server.port();
        try (HttpClient c = new HttpClient(port)) {
            assertEquals(new HttpClient.Response(200, "Hello", true), c.call("POST", "/", "Hello"));
            assertTrue(c.closedByServer());
        }
        try (HttpClient c = new HttpClient(port)) {
            assertEquals(new HttpClient.Response(200, "", true), c.call("GET", "/", ""));
        }
        // a request in two writes, apart: the guest reads until the socket would block, and polls again
        String body = "0123456789".repeat(500);
        try (HttpClient c = new HttpClient(port)) {
            String request = HttpClient.request("POST", "/", body);
            c.send(request.substring(0, 3000));
            Thread.sleep(100);
            c.send(request.substring(3000));
            assertEquals(body, c.read().body());
        }
        // a peer that connects and leaves without a word: the guest sees the end and closes its side
        new HttpClient(port).close();
        try (HttpClient c = new HttpClient(port)) {
            assertEquals("last", c.call("POST", "/", "last").body());
        }
        assertServed(server, 4, 5);
    }

    @Test
    void servesConnectionsThatArriveTogether() throws Exception {
        int clients = 32;
        GuestServer server = start(clients, 1);
        int port = server.port();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> bodies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String body = "client " + i;
                bodies.add(pool.submit(() -> {
                    try (HttpClient c = new HttpClient(port)) {
                        return c.call("POST", "/", body).body();
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertEquals("client " + i, bodies.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertServed(server, clients, 1);
    }
}
