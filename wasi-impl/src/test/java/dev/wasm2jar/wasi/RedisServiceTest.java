package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis microservice guest (guests/rust/redis_service.rs) against a real redis-server (Debian's), which the test
 * starts on a free loopback port in a temporary directory, without persistence, and stops: RESP's SET, GET, DEL and
 * INCR, and an HTTP front that counts visits in Redis. Only the guest's calls go through WasmEdge's sockets.
 */
class RedisServiceTest {
    private static LocalServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        String program = LocalServer.program("redis-server");
        redis = LocalServer.start("redis", (dir, port) -> List.of(program, "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no"));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Test
    void setGetAndIncrRoundTrip() throws Exception {
        Guests.Run run = Guests.run("redis_service", UnaryOperator.identity(), String.valueOf(redis.port()));
        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                SET greeting hello from wasm -> OK
                GET greeting -> hello from wasm
                DEL counter -> 0
                INCR counter -> 1
                INCR counter -> 2
                GET missing-key -> (nil)
                """, run.out());
    }

    @Test
    void anHttpFrontCountsVisitsInRedis() throws Exception {
        GuestServer server = GuestServer.start("redis_service", UnaryOperator.identity(),
                String.valueOf(redis.port()), "--serve", "0", "3");
        int port = server.port();
        try (HttpClient c = new HttpClient(port)) {
            int first = Integer.parseInt(c.call("GET", "/visits", "").body().replaceAll("\\D", ""));
            assertEquals("visits: " + (first + 1) + "\n", c.call("GET", "/visits", "").body());
            assertEquals(new HttpClient.Response(404, "Not Found\n", false), c.call("GET", "/", ""));
        }
        Guests.Run run = server.await();
        assertEquals(0, run.exit(), run.err());
        assertEquals("served Ok(3)\n", run.out().lines().reduce((a, b) -> b).orElse("") + "\n");
    }
}
