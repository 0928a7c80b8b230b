package dev.wasm2jar.wasi.internal.fd;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * When the guest's sockets are ready, on two {@link Selector}s: one for poll_oneoff and epoll_oneoff, one for the
 * blocking socket calls. One poller serves a whole program.
 *
 * <p>A poll is one round: {@link #begin}, then {@link #subscribe} for each socket subscription, then {@link #select}.
 * A socket keeps its interest from one round to the next, as WasmEdge keeps its epoll registrations, so an event
 * loop that waits on the same sockets every time costs no {@code epoll_ctl} at all; a socket the round does not
 * subscribe loses its interest when the round selects. Java's selectors are level-triggered: a socket is reported
 * as long as it is ready. An edge-triggered round (epoll_oneoff) instead reports a readiness once and then drops it
 * from the socket's interest until the guest reads (or accepts, or writes) that socket again, which is when
 * epoll's {@code EPOLLET} would report it anew for any guest that reads until {@code again}.
 *
 * <p>The blocking calls wait on the other selector, where only the one socket being waited for has interest, so a
 * ready socket of the event loop cannot wake them.
 */
public final class Poller implements AutoCloseable {
    /** Ready for reading (or accepting) and for writing (or finishing a connect), as {@link #select} reports. */
    public static final int READ = 1;
    public static final int WRITE = 2;
    /** The socket failed or the peer hung up: event flag {@code fd_readwrite_hangup}. */
    public static final int HANGUP = 4;

    private Selector events;
    private Selector waits;
    private long round;
    private boolean edge;
    private List<Socket> subscribed = new ArrayList<>();
    private List<Socket> previous = new ArrayList<>();
    private int[] readyIndex = new int[16];
    private int[] readyFlags = new int[16];
    private int readyCount;
    // Classes, not lambdas: the first lambda of a JVM costs 10 ms of CPU, and every WASI run makes a Poller.
    private final Consumer<SelectionKey> onReady = new Consumer<>() {
        @Override
        public void accept(SelectionKey key) {
            ready(key);
        }
    };
    private static final Consumer<SelectionKey> IGNORE = new Consumer<>() {
        @Override
        public void accept(SelectionKey key) {}
    };

    /** Starts a poll round; {@code edge} for epoll_oneoff's edge-triggered reports. */
    public void begin(boolean edge) {
        round++;
        this.edge = edge;
        List<Socket> swap = previous;
        previous = subscribed;
        subscribed = swap;
        subscribed.clear();
        readyCount = 0;
    }

    /**
     * Subscribes subscription {@code index} to {@code socket} being ready for reading or for writing; false when
     * the round has that subscription already (WasmEdge's {@code exist}).
     */
    public boolean subscribe(Socket socket, boolean read, int index) {
        if (socket.round != round) {
            socket.round = round;
            socket.readIndex = -1;
            socket.writeIndex = -1;
            subscribed.add(socket);
        }
        if (read ? socket.readIndex >= 0 : socket.writeIndex >= 0) {
            return false;
        }
        if (read) {
            socket.readIndex = index;
        } else {
            socket.writeIndex = index;
        }
        return true;
    }

    /**
     * Waits up to {@code timeoutNanos} (0: not at all, negative: forever) for a subscribed socket to be ready and
     * returns how many readinesses there are; {@link #readyIndex} and {@link #readyFlags} tell them. A wait can end
     * with none (its time is up).
     */
    public int select(long timeoutNanos) throws IOException {
        Selector selector = events();
        for (int i = 0, n = previous.size(); i < n; i++) { // indexed: no iterator on every poll
            Socket s = previous.get(i);
            if (s.round != round && s.eventKey != null && s.eventKey.isValid() && s.eventKey.interestOps() != 0) {
                s.eventKey.interestOps(0);
            }
        }
        for (int i = 0, n = subscribed.size(); i < n; i++) {
            Socket s = subscribed.get(i);
            SelectableChannel channel = s.selectable();
            if (!channel.isOpen()) {
                continue;
            }
            int ops = 0;
            if (s.readIndex >= 0 && (s.disarmed & READ) == 0) {
                ops |= s.readOp();
            }
            if (s.writeIndex >= 0 && (s.disarmed & WRITE) == 0) {
                ops |= s.writeOp();
            }
            if (s.eventKey == null || !s.eventKey.isValid()) {
                if (ops != 0) {
                    s.eventKey = channel.register(selector, ops, s);
                }
            } else if (s.eventKey.interestOps() != ops) {
                s.eventKey.interestOps(ops);
            }
        }
        readyCount = 0;
        if (timeoutNanos == 0) {
            selector.selectNow(onReady);
        } else if (timeoutNanos < 0) {
            selector.select(onReady, 0);
        } else {
            selector.select(onReady, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        }
        return readyCount;
    }

    private void ready(SelectionKey key) {
        Socket s = (Socket) key.attachment();
        if (s.round != round || !key.isValid()) {
            return;
        }
        int ops = key.readyOps();
        if ((ops & s.readOp()) != 0 && s.readIndex >= 0) {
            add(s.readIndex, READ | s.hangup());
            if (edge) {
                s.disarmed |= READ;
            }
        }
        if ((ops & s.writeOp()) != 0 && s.writeIndex >= 0) {
            add(s.writeIndex, WRITE | s.connected());
            if (edge) {
                s.disarmed |= WRITE;
            }
        }
    }

    private void add(int index, int flags) {
        if (readyCount == readyIndex.length) {
            readyIndex = java.util.Arrays.copyOf(readyIndex, readyCount * 2);
            readyFlags = java.util.Arrays.copyOf(readyFlags, readyCount * 2);
        }
        readyIndex[readyCount] = index;
        readyFlags[readyCount] = flags;
        readyCount++;
    }

    /** The subscription index of readiness {@code i} of the last {@link #select}. */
    public int readyIndex(int i) {
        return readyIndex[i];
    }

    /** {@link #READ} or {@link #WRITE}, and {@link #HANGUP}, of readiness {@code i} of the last {@link #select}. */
    public int readyFlags(int i) {
        return readyFlags[i];
    }

    /**
     * For a blocking call: waits until {@code socket} is ready for {@code ops} ({@link SelectionKey} operations),
     * at most {@code timeoutNanos} (negative: forever); false when the time ran out first.
     */
    boolean await(Socket socket, int ops, long timeoutNanos) throws IOException {
        Selector selector = waits();
        SelectionKey key = socket.waitKey;
        if (key == null || !key.isValid()) {
            key = socket.selectable().register(selector, ops);
            socket.waitKey = key;
        } else {
            key.interestOps(ops);
        }
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                int n;
                if (timeoutNanos < 0) {
                    n = selector.select(IGNORE, 0);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    n = selector.select(IGNORE, Math.max(1, (left + 999_999) / 1_000_000));
                }
                if (n > 0) {
                    return true;
                }
            }
        } finally {
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    /**
     * After {@code socket} was closed: lets the selectors deregister it now, so that its file descriptor is released
     * at once (a registered channel is closed only when every selector has dropped it).
     */
    void forget(Socket socket) throws IOException {
        if (socket.eventKey != null && events != null) {
            events.selectNow(IGNORE);
        }
        if (socket.waitKey != null && waits != null) {
            waits.selectNow(IGNORE);
        }
    }

    private Selector events() throws IOException {
        if (events == null) {
            events = Selector.open();
        }
        return events;
    }

    private Selector waits() throws IOException {
        if (waits == null) {
            waits = Selector.open();
        }
        return waits;
    }

    @Override
    public void close() throws IOException {
        try {
            if (events != null) {
                events.close();
            }
        } finally {
            if (waits != null) {
                waits.close();
            }
        }
    }
}
