package dev.wasm2jar.wasi.internal.fd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.wasi.internal.spec.Flags;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Poller on a real loopback connection: level-triggered rounds (poll_oneoff) report a readable socket as long
 * as data waits; edge-triggered rounds (epoll_oneoff) report it once, then again only after the guest has read.
 */
class PollerTest {
    private final Poller poller = new Poller();
    private ServerSocketChannel server;
    private Socket peer;
    private OpenSocket socket;
    private OutputStream toSocket;

    @BeforeEach
    void connect() throws Exception {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
        Listener listener = new Listener(poller, server, 0);
        socket = listener.accept(Flags.FDFLAGS_NONBLOCK);
        toSocket = peer.getOutputStream();
    }

    @AfterEach
    void close() throws Exception {
        socket.close();
        peer.close();
        server.close();
        poller.close();
    }

    /** One round subscribing the socket for reading (subscription 7): how many readinesses it found at once. */
    private int round(boolean edge, long timeoutNanos) throws Exception {
        poller.begin(edge);
        assertTrue(poller.subscribe(socket, true, 7));
        int n = poller.select(timeoutNanos);
        for (int i = 0; i < n; i++) {
            assertEquals(7, poller.readyIndex(i));
            assertEquals(Poller.READ, poller.readyFlags(i));
        }
        return n;
    }

    private void arrive(String text) throws Exception {
        toSocket.write(text.getBytes());
        toSocket.flush();
    }

    private String read() throws Exception {
        byte[] b = new byte[64];
        return new String(b, 0, socket.receive(b, 0, b.length, false, false));
    }

    @Test
    void levelTriggeredReportsWhileDataWaits() throws Exception {
        assertEquals(0, round(false, 0));
        arrive("hello");
        assertEquals(1, round(false, -1));
        assertEquals(1, round(false, 0)); // not read yet: still readable
        assertEquals("hello", read());
        assertEquals(0, round(false, 0));
    }

    @Test
    void edgeTriggeredReportsOncePerChange() throws Exception {
        arrive("one");
        assertEquals(1, round(true, -1));
        assertEquals(0, round(true, 1_000_000)); // still unread, but reported already: the wait times out
        assertEquals("one", read());
        // drained, as an edge-triggered reader reads
        assertEquals(dev.wasm2jar.wasi.internal.fd.Socket.WOULD_BLOCK, socket.receive(new byte[8], 0, 8, false, false));
        arrive("two");
        assertEquals(1, round(true, -1));
        assertEquals("two", read());
    }

    @Test
    void aRoundCannotSubscribeTheSameReadinessTwice() throws Exception {
        poller.begin(false);
        assertTrue(poller.subscribe(socket, true, 0));
        assertFalse(poller.subscribe(socket, true, 1));
        assertTrue(poller.subscribe(socket, false, 2)); // writable: another readiness
        assertEquals(1, poller.select(0)); // a fresh connection is writable, not readable
        assertEquals(2, poller.readyIndex(0));
    }
}
