package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A WASI server (guests/c/server.c) on a real loopback socket: it waits with poll, accepts, receives a line, sends a
 * reply and shuts the connection down, with poll_oneoff, sock_accept, sock_recv, sock_send and sock_shutdown.
 */
class SocketTest {
    @Test
    void servesClientsOnALoopbackSocket() throws Exception {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        CompletableFuture<Guests.Run> server = CompletableFuture.supplyAsync(() -> {
            try {
                return Guests.run("server", c -> c.withListener(listener), "2");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200); // the server is waiting in poll_oneoff on the listener now, most likely
        assertEquals("HELLO, WORLD", exchange(port, "world"));
        assertEquals("HELLO, WASI ON THE JVM", exchange(port, "wasi on the jvm"));
        Guests.Run run = server.get(60, TimeUnit.SECONDS);
        assertEquals(0, run.exit(), run.out());
        assertEquals("listening\nserved world\nserved wasi on the jvm\n", run.out());
    }

    private static String exchange(int port, String line) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, 2); // in two pieces: the server polls, receives part, polls again
            out.flush();
            Thread.sleep(100);
            out.write(bytes, 2, bytes.length - 2);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String reply = in.readLine();
            assertEquals(null, in.readLine(), "the server shut the connection down after one reply");
            return reply;
        }
    }
}
