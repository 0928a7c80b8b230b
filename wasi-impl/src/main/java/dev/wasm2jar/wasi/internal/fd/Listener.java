package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import dev.wasm2jar.wasi.internal.spec.SocketAbi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A listening TCP socket: one the host opened for the guest ({@code --tcplisten}), or one the guest made listen
 * ({@link NewSocket#listen}). sock_accept takes its clients.
 */
public final class Listener extends Socket {
    private final ServerSocketChannel channel;

    public Listener(Poller poller, ServerSocketChannel channel, int fdflags) throws IOException {
        super(poller, familyOf((InetSocketAddress) channel.getLocalAddress()), Rights.LISTENER, Rights.SOCKET,
                fdflags);
        channel.configureBlocking(false);
        this.channel = channel;
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
        return Errno.NOTCONN;
    }

    @Override
    int readOp() {
        return SelectionKey.OP_ACCEPT;
    }

    @Override
    int writeOp() {
        return 0; // poll(2) never reports a listening socket writable
    }

    /** The next connection, with {@code fdflags} (only {@code nonblock} is allowed); null when it would block. */
    public OpenSocket accept(int fdflags) throws IOException {
        if ((fdflags & ~Flags.FDFLAGS_NONBLOCK) != 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        readAgain();
        while (true) {
            SocketChannel client = channel.accept();
            if (client != null) {
                try {
                    return new OpenSocket(poller, family(), client, fdflags, false);
                } catch (IOException | RuntimeException e) {
                    client.close();
                    throw e;
                }
            }
            if (!awaitReceive(SelectionKey.OP_ACCEPT)) {
                return null;
            }
        }
    }

    @Override
    public void bind(InetSocketAddress address) throws IOException {
        throw ErrnoException.of(Errno.INVAL); // bound already
    }

    @Override
    public void shutdown(int how) throws IOException {
        checkShutdownFlags(how);
        throw ErrnoException.of(Errno.NOTCONN);
    }
}
