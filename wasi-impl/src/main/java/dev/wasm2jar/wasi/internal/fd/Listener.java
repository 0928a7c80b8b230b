package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.FileType;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listening TCP socket the host opened for the guest (preview 1 cannot make one): sock_accept takes its clients. */
public final class Listener extends Descriptor {
    private final ServerSocketChannel channel;
    private final Waiter waiter;

    public Listener(ServerSocketChannel channel) throws IOException {
        super(Rights.LISTENER, Rights.SOCKET, 0);
        channel.configureBlocking(false);
        this.channel = channel;
        this.waiter = new Waiter(channel);
    }

    @Override
    public int filetype() {
        return FileType.SOCKET_STREAM;
    }

    @Override
    protected int unsupported() {
        return Errno.NOTCONN;
    }

    /** The next connection, with {@code fdflags} (only {@code nonblock} is allowed). */
    public OpenSocket accept(int fdflags) throws IOException {
        if ((fdflags & ~Flags.FDFLAGS_NONBLOCK) != 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        while (true) {
            SocketChannel client = channel.accept();
            if (client != null) {
                return new OpenSocket(client, fdflags);
            }
            if ((fdflags() & Flags.FDFLAGS_NONBLOCK) != 0) {
                throw ErrnoException.of(Errno.AGAIN);
            }
            waiter.await(SelectionKey.OP_ACCEPT);
        }
    }

    @Override
    public SelectableChannel selectable() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        waiter.close();
        channel.close();
    }
}
