package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Rights;
import dev.wasm2jar.wasi.internal.spec.SocketAbi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.util.Arrays;

/**
 * A UDP socket. A datagram is received whole into a buffer of the largest UDP payload, so that a guest buffer too
 * small for it can be told ({@code roflags::recv_data_truncated}); a peeked datagram is kept for the next receive.
 */
public final class UdpSocket extends Socket {
    /** The largest UDP payload over IPv4 (65,535 less the IP and UDP headers). */
    public static final int MAX_DATAGRAM = 65_507;

    /** One datagram and who sent it. */
    public record Datagram(byte[] data, InetSocketAddress sender) {}

    private final DatagramChannel channel;
    private ByteBuffer scratch;
    private Datagram peeked;

    public UdpSocket(Poller poller, ProtocolFamily family, int fdflags) throws IOException {
        super(poller, family, Rights.SOCKET, 0, fdflags);
        this.channel = DatagramChannel.open(family);
        channel.configureBlocking(false);
    }

    @Override
    public int sockType() {
        return SocketAbi.SOCK_DGRAM;
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
    public void bind(InetSocketAddress address) throws IOException {
        channel.bind(address);
    }

    /** sock_connect: sends go to {@code address}, and only its datagrams are received. */
    public void connect(InetSocketAddress address) throws IOException {
        channel.connect(address);
    }

    /** The next datagram, or null when it would block; {@code peek} leaves it to be received again. */
    public Datagram receive(boolean peek) throws IOException {
        readAgain();
        Datagram d = peeked;
        if (d == null) {
            if (scratch == null) {
                scratch = ByteBuffer.allocateDirect(MAX_DATAGRAM);
            }
            while (true) {
                scratch.clear();
                InetSocketAddress sender = (InetSocketAddress) channel.receive(scratch);
                if (sender != null) {
                    scratch.flip();
                    byte[] data = new byte[scratch.remaining()];
                    scratch.get(data);
                    d = new Datagram(data, sender);
                    break;
                }
                if (!awaitReceive(SelectionKey.OP_READ)) {
                    return null;
                }
            }
        }
        peeked = peek ? d : null;
        return d;
    }

    /**
     * Sends {@code data} as one datagram to {@code target}, or to the connected peer when it is null; its length,
     * or {@link #WOULD_BLOCK}.
     */
    public int send(byte[] data, InetSocketAddress target) throws IOException {
        writeAgain();
        if (target == null && !channel.isConnected()) {
            throw ErrnoException.of(Errno.DESTADDRREQ);
        }
        while (true) {
            int n = target == null || channel.isConnected()
                    ? channel.write(ByteBuffer.wrap(data)) : channel.send(ByteBuffer.wrap(data), target);
            if (n > 0 || data.length == 0) {
                return n;
            }
            if (!awaitSend(SelectionKey.OP_WRITE)) {
                return WOULD_BLOCK;
            }
        }
    }

    @Override
    public int read(byte[] mem, int offset, int length) throws IOException {
        Datagram d = receive(false);
        if (d == null) {
            throw ErrnoException.of(Errno.AGAIN);
        }
        byte[] data = d.data();
        int n = Math.min(length, data.length);
        System.arraycopy(data, 0, mem, offset, n);
        return n;
    }

    @Override
    public int write(byte[] mem, int offset, int length) throws IOException {
        return orAgain(send(Arrays.copyOfRange(mem, offset, offset + length), null));
    }

    @Override
    public InetSocketAddress peerAddress() throws IOException {
        InetSocketAddress peer = (InetSocketAddress) channel.getRemoteAddress();
        if (peer == null) {
            throw ErrnoException.of(Errno.NOTCONN);
        }
        return peer;
    }

    @Override
    public void shutdown(int how) throws IOException {
        checkShutdownFlags(how);
        if (!channel.isConnected()) {
            throw ErrnoException.of(Errno.NOTCONN);
        }
    }

    @Override
    public boolean readableNow() {
        return peeked != null;
    }

    @Override
    public long readable() {
        return peeked == null ? 0 : peeked.data().length;
    }
}
