package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.spec.Rights;
import dev.wasm2jar.wasi.internal.spec.SocketAbi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A TCP socket from sock_open that neither listens nor connects yet, perhaps bound. Java splits what a POSIX socket
 * becomes into two channel classes, so this holds an unconnected {@link SocketChannel} (which takes options and a
 * bind, and fails as the OS does) until the guest decides: {@link #connect} keeps that channel, {@link #listen}
 * moves its address and options to a {@link ServerSocketChannel}. Either way the descriptor is replaced in the
 * table by what it became.
 */
public final class NewSocket extends Socket {
    private final SocketChannel channel;

    public NewSocket(Poller poller, ProtocolFamily family, int fdflags) throws IOException {
        super(poller, family, Rights.SOCKET | Rights.SOCK_ACCEPT, Rights.SOCKET, fdflags);
        this.channel = SocketChannel.open(family);
        channel.configureBlocking(false);
    }

    @Override
    public int sockType() {
        return SocketAbi.SOCK_STREAM;
    }

    @Override
    public NetworkChannel channel() {
        return channel;
    }

    /** poll_oneoff reports it at once, as poll(2) reports an unconnected TCP socket ({@code POLLHUP}). */
    @Override
    public boolean readableNow() {
        return true;
    }

    @Override
    public void bind(InetSocketAddress address) throws IOException {
        channel.bind(address);
    }

    /** sock_listen: the listening socket that replaces this one (its address and options moved over). */
    public Listener listen(int backlog) throws IOException {
        InetSocketAddress local = localAddress();
        boolean reuse = channel.getOption(StandardSocketOptions.SO_REUSEADDR);
        int receiveBuffer = channel.getOption(StandardSocketOptions.SO_RCVBUF);
        channel.close(); // frees the address for the listening channel; an unconnected socket leaves no TIME_WAIT
        poller.forget(this);
        ServerSocketChannel server = ServerSocketChannel.open(family());
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, reuse);
            server.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            server.bind(local, Math.max(backlog, 1));
            Listener listener = new Listener(poller, server, fdflags());
            listener.setReceiveTimeout(receiveTimeout());
            listener.setSendTimeout(sendTimeout());
            return listener;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * sock_connect: the connection that replaces this one, connected or (when the connect takes time) connecting;
     * {@link OpenSocket#awaitConnect} finishes it for a blocking guest.
     */
    public OpenSocket connect(InetSocketAddress address) throws IOException {
        boolean done = channel.connect(address);
        OpenSocket socket = new OpenSocket(poller, family(), channel, fdflags(), !done);
        socket.setReceiveTimeout(receiveTimeout());
        socket.setSendTimeout(sendTimeout());
        return socket;
    }
}
