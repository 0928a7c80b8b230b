package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.errno.ErrnoMapping;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import dev.wasm2jar.wasi.internal.spec.SocketAbi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * A TCP connection: accepted from a {@link Listener}, or connected (or connecting) from a {@link NewSocket}.
 * {@code riflags::recv_peek} keeps what it peeked in a buffer that the next reads drain first (Java has no
 * {@code MSG_PEEK}). A connect that did not finish at once finishes when the poller finds the socket writable, or
 * when a blocking guest waits for it ({@link #awaitConnect}); its failure is then {@code SO_ERROR}.
 */
public final class OpenSocket extends Socket {
    private static final byte[] NONE = new byte[0];

    private final SocketChannel channel;
    private byte[] peeked = NONE;
    private ByteBuffer view = ByteBuffer.wrap(NONE); // over the guest's memory, made again when it grows
    private boolean connecting;
    private int error = Errno.SUCCESS;
    private boolean failed;

    public OpenSocket(Poller poller, ProtocolFamily family, SocketChannel channel, int fdflags, boolean connecting)
            throws IOException {
        super(poller, family, Rights.SOCKET, 0, fdflags);
        channel.configureBlocking(false);
        this.channel = channel;
        this.connecting = connecting;
    }

    @Override
    public int sockType() {
        return SocketAbi.SOCK_STREAM;
    }

    @Override
    public NetworkChannel channel() {
        return channel;
    }

    @Override
    protected int unsupported() {
        return Errno.SPIPE;
    }

    @Override
    int writeOp() {
        return connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
    }

    @Override
    int connected() {
        if (connecting) {
            finishConnect();
        }
        return failed ? Poller.HANGUP : 0;
    }

    @Override
    int hangup() {
        return failed ? Poller.HANGUP : 0;
    }

    /** Finishes a pending connect if it is done; a failure becomes {@code SO_ERROR}. */
    private void finishConnect() {
        try {
            if (channel.finishConnect()) {
                connecting = false;
            }
        } catch (IOException e) {
            connecting = false;
            failed = true;
            error = ErrnoMapping.ofIo(e);
        }
    }

    /** Whether a connect is still under way. */
    public boolean connecting() {
        return connecting;
    }

    /** For a blocking guest's sock_connect: waits for the connect to finish; its failure is thrown. */
    public void awaitConnect() throws IOException {
        while (connecting) {
            if (!poller.await(this, SelectionKey.OP_CONNECT, sendTimeout())) {
                throw ErrnoException.of(Errno.INPROGRESS); // SO_SNDTIMEO ran out, as connect(2) reports it
            }
            finishConnect();
        }
        if (failed) {
            int e = takeError();
            throw ErrnoException.of(e == Errno.SUCCESS ? Errno.CONNREFUSED : e);
        }
    }

    @Override
    public int takeError() {
        if (connecting) {
            finishConnect();
        }
        int e = error;
        error = Errno.SUCCESS;
        return e;
    }

    /** Fails as the OS does on a socket whose connect is under way or failed. */
    private void checkUsable() {
        if (connecting) {
            finishConnect();
        }
        if (connecting) {
            throw ErrnoException.of(Errno.AGAIN); // once, before the connect is known to be done
        }
        if (failed) {
            throw ErrnoException.of(Errno.NOTCONN);
        }
    }

    @Override
    public int read(byte[] mem, int offset, int length) throws IOException {
        return orAgain(receive(mem, offset, length, false, false));
    }

    /**
     * sock_recv: {@code peek} leaves the data to be read again; {@code waitAll} fills the buffer or hits the end.
     * How many bytes came (0 at the end), or {@link #WOULD_BLOCK}.
     */
    public int receive(byte[] mem, int offset, int length, boolean peek, boolean waitAll) throws IOException {
        checkUsable();
        readAgain();
        if (length == 0) {
            return 0;
        }
        int total = 0;
        while (true) {
            int n;
            if (peeked.length > 0) {
                n = Math.min(peeked.length, length - total);
                System.arraycopy(peeked, 0, mem, offset + total, n);
                if (!peek) {
                    peeked = n == peeked.length ? NONE : Arrays.copyOfRange(peeked, n, peeked.length);
                }
            } else {
                n = channel.read(view(mem, offset + total, length - total));
                if (n > 0 && peek) {
                    peeked = Arrays.copyOfRange(mem, offset + total, offset + total + n);
                }
            }
            if (n < 0) {
                return total; // end of stream
            }
            total += n;
            if (total == length || (total > 0 && (!waitAll || peek))) {
                return total;
            }
            if (n == 0 && (total > 0 && nonblocking() || !awaitReceive(SelectionKey.OP_READ))) {
                return total > 0 ? total : WOULD_BLOCK;
            }
        }
    }

    @Override
    public int write(byte[] mem, int offset, int length) throws IOException {
        return orAgain(send(mem, offset, length));
    }

    /** sock_send: how many bytes went (all, for a blocking socket that does not time out), or {@link #WOULD_BLOCK}. */
    public int send(byte[] mem, int offset, int length) throws IOException {
        checkUsable();
        writeAgain();
        ByteBuffer buffer = view(mem, offset, length);
        while (buffer.hasRemaining()) {
            int n = channel.write(buffer);
            if (n == 0 && (buffer.position() > offset && nonblocking() || !awaitSend(SelectionKey.OP_WRITE))) {
                if (buffer.position() == offset) {
                    return WOULD_BLOCK;
                }
                break; // what went so far (a blocking send that timed out too)
            }
        }
        return buffer.position() - offset;
    }

    /** {@code length} bytes of {@code mem} at {@code offset} as a buffer, without making one on every call. */
    private ByteBuffer view(byte[] mem, int offset, int length) {
        if (view.array() != mem) {
            view = ByteBuffer.wrap(mem);
        }
        view.limit(offset + length).position(offset);
        return view;
    }

    @Override
    public void shutdown(int how) throws IOException {
        checkShutdownFlags(how);
        if (connecting || failed || !channel.isConnected()) {
            throw ErrnoException.of(Errno.NOTCONN);
        }
        if ((how & Flags.SDFLAGS_RD) != 0) {
            channel.shutdownInput();
        }
        if ((how & Flags.SDFLAGS_WR) != 0) {
            channel.shutdownOutput();
        }
    }

    @Override
    public InetSocketAddress peerAddress() throws IOException {
        InetSocketAddress peer = connecting || failed ? null : (InetSocketAddress) channel.getRemoteAddress();
        if (peer == null) {
            throw ErrnoException.of(Errno.NOTCONN);
        }
        return peer;
    }

    @Override
    public void bind(InetSocketAddress address) throws IOException {
        throw ErrnoException.of(Errno.INVAL); // already bound, as for a connected socket on Linux
    }

    @Override
    public boolean readableNow() {
        return peeked.length > 0;
    }

    @Override
    public long readable() {
        return peeked.length;
    }
}
