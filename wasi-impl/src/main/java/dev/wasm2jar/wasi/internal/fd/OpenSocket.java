package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.FileType;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * A connected TCP socket. The channel is always non-blocking, so that poll_oneoff can select on it; a guest that did
 * not ask for {@code fdflags::nonblock} gets blocking reads and writes by waiting on the socket's own selector.
 * {@code riflags::recv_peek} keeps what it peeked in a buffer that the next reads drain first (Java has no
 * {@code MSG_PEEK}).
 */
public final class OpenSocket extends Descriptor {
    private final SocketChannel channel;
    private final Waiter waiter;
    private byte[] peeked = new byte[0];

    public OpenSocket(SocketChannel channel, int fdflags) throws IOException {
        super(Rights.SOCKET, 0, fdflags);
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
        return Errno.SPIPE;
    }

    private boolean nonblocking() {
        return (fdflags() & Flags.FDFLAGS_NONBLOCK) != 0;
    }

    @Override
    public int read(byte[] mem, int offset, int length) throws IOException {
        return receive(mem, offset, length, false, false);
    }

    /** sock_recv: {@code peek} leaves the data to be read again; {@code waitAll} fills the buffer or hits the end. */
    public int receive(byte[] mem, int offset, int length, boolean peek, boolean waitAll) throws IOException {
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
                    peeked = Arrays.copyOfRange(peeked, n, peeked.length);
                }
            } else {
                n = channel.read(ByteBuffer.wrap(mem, offset + total, length - total));
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
            if (n == 0) {
                if (nonblocking()) {
                    if (total > 0) {
                        return total;
                    }
                    throw ErrnoException.of(Errno.AGAIN);
                }
                waiter.await(SelectionKey.OP_READ);
            }
        }
    }

    @Override
    public int write(byte[] mem, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(mem, offset, length);
        while (buffer.hasRemaining()) {
            int n = channel.write(buffer);
            if (n == 0) {
                if (nonblocking()) {
                    if (buffer.position() > offset) {
                        break;
                    }
                    throw ErrnoException.of(Errno.AGAIN);
                }
                waiter.await(SelectionKey.OP_WRITE);
            }
        }
        return buffer.position() - offset;
    }

    /** sock_shutdown with {@code sdflags}. */
    public void shutdown(int how) throws IOException {
        if (how == 0 || (how & ~(Flags.SDFLAGS_RD | Flags.SDFLAGS_WR)) != 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        if (!channel.isConnected()) {
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
    public long readable() {
        return peeked.length;
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
