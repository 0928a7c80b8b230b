package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.FileType;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.SocketAbi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A socket descriptor: a java.nio channel, always non-blocking underneath so that one {@link Poller} can wait on
 * it. A guest that did not ask for {@code fdflags::nonblock} gets blocking calls, which wait on the poller (at most
 * their {@code SO_RCVTIMEO} or {@code SO_SNDTIMEO}, then {@code again}, as Linux does).
 *
 * <p>The kinds: a stream socket the guest opened and has not yet made listen or connect ({@link NewSocket}), a
 * listening one ({@link Listener}), a connection ({@link OpenSocket}), and a UDP socket ({@link UdpSocket}).
 */
public abstract sealed class Socket extends Descriptor permits NewSocket, Listener, OpenSocket, UdpSocket {
    /** The poller of the program, which blocking calls wait on. */
    protected final Poller poller;
    private final ProtocolFamily family;
    private long receiveTimeout = -1;
    private long sendTimeout = -1;

    // The poller's bookkeeping: the keys of its two selectors, the round this socket was last subscribed in, the
    // subscriptions of that round, and the readinesses an edge-triggered round reported and the guest has not
    // acted on since.
    SelectionKey eventKey;
    SelectionKey waitKey;
    long round;
    int readIndex = -1;
    int writeIndex = -1;
    int disarmed;

    protected Socket(Poller poller, ProtocolFamily family, long rights, long inheriting, int fdflags) {
        super(rights, inheriting, fdflags);
        this.poller = poller;
        this.family = family;
    }

    /** IPv4 or IPv6. */
    public final ProtocolFamily family() {
        return family;
    }

    /** The protocol family of {@code address}. */
    public static ProtocolFamily familyOf(InetSocketAddress address) {
        return address != null && address.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /** {@link SocketAbi#SOCK_STREAM} or {@link SocketAbi#SOCK_DGRAM}. */
    public abstract int sockType();

    /** The channel, for its options and addresses. */
    public abstract NetworkChannel channel();

    @Override
    public int filetype() {
        return sockType() == SocketAbi.SOCK_DGRAM ? FileType.SOCKET_DGRAM : FileType.SOCKET_STREAM;
    }

    @Override
    public SelectableChannel selectable() {
        return (SelectableChannel) channel();
    }

    /** The selection operation that means "readable" for a poll subscription. */
    int readOp() {
        return SelectionKey.OP_READ;
    }

    /** The selection operation that means "writable" for a poll subscription; 0 when it never is. */
    int writeOp() {
        return SelectionKey.OP_WRITE;
    }

    /** {@link Poller#HANGUP} when the socket failed, for a readable event; else 0. */
    int hangup() {
        return 0;
    }

    /** Called when the selector reports {@link #writeOp()}: finishes a connect; {@link Poller#HANGUP} if it failed. */
    int connected() {
        return 0;
    }

    /** Whether poll_oneoff must report this socket readable without asking the selector (data already taken in). */
    public boolean readableNow() {
        return false;
    }

    /** Whether the guest asked for non-blocking calls. */
    protected final boolean nonblocking() {
        return (fdflags() & Flags.FDFLAGS_NONBLOCK) != 0;
    }

    /** The guest read or accepted: an edge-triggered poll may report this socket readable again. */
    protected final void readAgain() {
        disarmed &= ~Poller.READ;
    }

    /** The guest wrote: an edge-triggered poll may report this socket writable again. */
    protected final void writeAgain() {
        disarmed &= ~Poller.WRITE;
    }

    /**
     * What a receive or send returns instead of a count when it would block (a non-blocking socket, or a timeout):
     * the caller returns {@code again}. Not an exception: an event loop meets it once per readiness, and throwing
     * it through the method handles cost more than the rest of a call.
     */
    public static final int WOULD_BLOCK = -1;

    /** When a receive found nothing: false at once if non-blocking, else waits for {@code ops}; false on timeout. */
    protected final boolean awaitReceive(int ops) throws IOException {
        return !nonblocking() && poller.await(this, ops, receiveTimeout);
    }

    /** When a send could not go on: false at once if non-blocking, else waits for {@code ops}; false on timeout. */
    protected final boolean awaitSend(int ops) throws IOException {
        return !nonblocking() && poller.await(this, ops, sendTimeout);
    }

    /** {@code n}, or {@code again} thrown for {@link #WOULD_BLOCK} (for fd_read and fd_write). */
    protected static int orAgain(int n) {
        if (n == WOULD_BLOCK) {
            throw ErrnoException.of(Errno.AGAIN);
        }
        return n;
    }

    /** {@code SO_RCVTIMEO} in nanoseconds; negative when calls wait forever. */
    public final long receiveTimeout() {
        return receiveTimeout;
    }

    public final void setReceiveTimeout(long nanos) {
        receiveTimeout = nanos;
    }

    /** {@code SO_SNDTIMEO} in nanoseconds; negative when calls wait forever. */
    public final long sendTimeout() {
        return sendTimeout;
    }

    public final void setSendTimeout(long nanos) {
        sendTimeout = nanos;
    }

    /** {@code SO_ERROR}: the pending error, cleared by reading it; {@link Errno#SUCCESS} when there is none. */
    public int takeError() {
        return Errno.SUCCESS;
    }

    /** Whether {@code option} applies to this socket's channel. */
    public boolean supports(SocketOption<?> option) {
        return channel().supportedOptions().contains(option);
    }

    public <T> T option(SocketOption<T> option) throws IOException {
        return channel().getOption(option);
    }

    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        channel().setOption(option, value);
    }

    /** The address this socket is bound to, or null when it is not bound. */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel().getLocalAddress();
    }

    /** The address of the peer; {@link Errno#NOTCONN} when there is none. */
    public InetSocketAddress peerAddress() throws IOException {
        throw ErrnoException.of(Errno.NOTCONN);
    }

    /** sock_bind. */
    public void bind(InetSocketAddress address) throws IOException {
        throw ErrnoException.of(Errno.INVAL);
    }

    /** sock_shutdown with {@code sdflags}. */
    public void shutdown(int how) throws IOException {
        checkShutdownFlags(how);
        throw ErrnoException.of(Errno.NOTCONN);
    }

    /** Checks {@code sdflags} as sock_shutdown does. */
    protected static void checkShutdownFlags(int how) {
        if (how == 0 || (how & ~(Flags.SDFLAGS_RD | Flags.SDFLAGS_WR)) != 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel().close();
        } finally {
            poller.forget(this);
        }
    }
}
