package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.i32;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Descriptor;
import dev.wasm2jar.wasi.internal.fd.Listener;
import dev.wasm2jar.wasi.internal.fd.OpenSocket;
import dev.wasm2jar.wasi.internal.fd.Socket;
import dev.wasm2jar.wasi.internal.fd.UdpSocket;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * sock_accept, sock_recv, sock_send and sock_shutdown: WASI preview 1's socket calls, which are also WasmEdge's (its
 * V1 sock_recv, sock_send and sock_shutdown, and its V2 sock_accept, have these types), on every kind of socket:
 * listeners from {@code --tcplisten} and those the guest made, TCP connections, UDP sockets.
 *
 * <pre>
 * sock_accept(fd, fdflags: u16, fd_out: *u32)                                  preview 1 only
 * sock_recv(fd, ri_data: *iovec, ri_data_len, ri_flags: u16, ro_datalen_out: *u32, ro_flags_out: *u16)
 * sock_send(fd, si_data: *ciovec, si_data_len, si_flags: u16, so_datalen_out: *u32)
 * sock_shutdown(fd, how: sdflags u8)
 * </pre>
 */
public final class Sockets {
    private final WasiContext context;
    private final GuestMemory memory;

    public Sockets(WasiContext context, GuestMemory memory) {
        this.context = context;
        this.memory = memory;
    }

    public int sockAccept(int fd, int fdflags, int out) throws IOException {
        return accept(context, memory.bytes(), fd, fdflags, out);
    }

    /** sock_accept: the next connection of listener {@code fd}, as a new descriptor written to {@code out}. */
    static int accept(WasiContext context, byte[] mem, int fd, int fdflags, int out) throws IOException {
        Descriptor d = context.fds().get(fd);
        if (!(d instanceof Listener listener)) {
            // as Linux: a UDP socket cannot accept at all, a stream socket that does not listen cannot yet
            throw ErrnoException.of(d instanceof UdpSocket ? Errno.NOTSUP : d instanceof Socket ? Errno.INVAL
                    : Errno.NOTSOCK);
        }
        d.require(Rights.SOCK_ACCEPT);
        GuestMemory.check(mem, out, 4);
        OpenSocket client = listener.accept(fdflags);
        if (client == null) {
            return Errno.AGAIN;
        }
        int newFd;
        try {
            newFd = context.fds().add(client);
        } catch (ErrnoException e) {
            client.close();
            throw e;
        }
        GuestMemory.putI32(mem, out, newFd);
        return Errno.SUCCESS;
    }

    public int sockRecv(int fd, int iovs, int count, int riflags, int lengthOut, int flagsOut) throws IOException {
        byte[] mem = memory.bytes();
        Socket socket = socket(context, fd);
        socket.require(Rights.FD_READ);
        checkRiflags(riflags);
        GuestMemory.check(mem, lengthOut, 4);
        GuestMemory.check(mem, flagsOut, 2);
        checkIovecs(mem, iovs, count);
        int roflags = 0;
        int total;
        if (socket instanceof UdpSocket udp) {
            UdpSocket.Datagram d = udp.receive((riflags & Flags.RIFLAGS_RECV_PEEK) != 0);
            if (d == null) {
                return Errno.AGAIN;
            }
            total = scatter(mem, GuestMemory.iovecs(mem, iovs, count), d.data());
            roflags = total < d.data().length ? Flags.ROFLAGS_RECV_DATA_TRUNCATED : 0;
        } else {
            total = receive(stream(socket), mem, iovs, count, riflags);
            if (total == Socket.WOULD_BLOCK) {
                return Errno.AGAIN;
            }
        }
        GuestMemory.putI32(mem, lengthOut, total);
        GuestMemory.putI16(mem, flagsOut, roflags);
        return Errno.SUCCESS;
    }

    public int sockSend(int fd, int iovs, int count, int siflags, int lengthOut) throws IOException {
        return send(context, memory.bytes(), fd, iovs, count, null, lengthOut);
    }

    /** sock_send, and sock_send_to when {@code target} is not null. */
    static int send(WasiContext context, byte[] mem, int fd, int iovs, int count, InetSocketAddress target,
            int lengthOut) throws IOException {
        Socket socket = socket(context, fd);
        socket.require(Rights.FD_WRITE);
        GuestMemory.check(mem, lengthOut, 4);
        checkIovecs(mem, iovs, count);
        int total = 0;
        if (socket instanceof UdpSocket udp) {
            total = udp.send(datagram(mem, GuestMemory.iovecs(mem, iovs, count)), target);
        } else {
            OpenSocket stream = stream(socket);
            for (int i = 0; i < count; i++) {
                int address = i32(mem, iovs + 8 * i);
                int length = i32(mem, iovs + 8 * i + 4);
                int n = stream.send(mem, address, length);
                if (n == Socket.WOULD_BLOCK) {
                    if (total == 0) {
                        return Errno.AGAIN;
                    }
                    break; // what went so far is the result
                }
                total += n;
                if (n < length) {
                    break;
                }
            }
        }
        if (total == Socket.WOULD_BLOCK) {
            return Errno.AGAIN;
        }
        GuestMemory.putI32(mem, lengthOut, total);
        return Errno.SUCCESS;
    }

    public int sockShutdown(int fd, int how) throws IOException {
        Socket socket = socket(context, fd);
        socket.require(Rights.SOCK_SHUTDOWN);
        socket.shutdown(how);
        return Errno.SUCCESS;
    }

    /** The socket {@code fd}: {@link Errno#BADF} when there is no such descriptor, {@link Errno#NOTSOCK}. */
    static Socket socket(WasiContext context, int fd) {
        if (context.fds().get(fd) instanceof Socket s) {
            return s;
        }
        throw ErrnoException.of(Errno.NOTSOCK);
    }

    /** {@code socket} as a connection: {@link Errno#NOTCONN} for a listening or unconnected one, as Linux says. */
    static OpenSocket stream(Socket socket) {
        if (socket instanceof OpenSocket s) {
            return s;
        }
        throw ErrnoException.of(Errno.NOTCONN);
    }

    static void checkRiflags(int riflags) {
        if ((riflags & ~(Flags.RIFLAGS_RECV_PEEK | Flags.RIFLAGS_RECV_WAITALL)) != 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
    }

    /**
     * Receives from a connection into {@code vecs}: what one recvmsg(2) with {@code riflags} would; how many bytes,
     * or {@link Socket#WOULD_BLOCK}.
     */
    static int receive(OpenSocket socket, byte[] mem, int iovs, int count, int riflags) throws IOException {
        boolean peek = (riflags & Flags.RIFLAGS_RECV_PEEK) != 0;
        boolean waitAll = (riflags & Flags.RIFLAGS_RECV_WAITALL) != 0;
        int total = 0;
        for (int i = 0; i < count; i++) {
            int address = i32(mem, iovs + 8 * i);
            int length = i32(mem, iovs + 8 * i + 4);
            if (length == 0) {
                continue;
            }
            int n = socket.receive(mem, address, length, peek, waitAll);
            if (n == Socket.WOULD_BLOCK) {
                return total > 0 ? total : Socket.WOULD_BLOCK; // what came so far is the result
            }
            total += n;
            if (n < length || peek) {
                break;
            }
        }
        return total;
    }

    /**
     * Checks the {@code count} (c)iovecs at {@code iovs} (at most {@code IOV_MAX}, as in WasmEdge), each buffer in
     * the memory, before any byte moves: a bad one fails the call with nothing received or sent.
     */
    static void checkIovecs(byte[] mem, int iovs, int count) {
        iovecCount(count);
        GuestMemory.check(mem, iovs, count * GuestMemory.IOVEC_SIZE); // at most 8 KiB: no overflow
        for (int i = 0; i < count; i++) {
            GuestMemory.check(mem, i32(mem, iovs + 8 * i), i32(mem, iovs + 8 * i + 4));
        }
    }

    /** The bytes of {@code vecs} as one datagram; {@code msgsize} when they are more than UDP can carry. */
    static byte[] datagram(byte[] mem, GuestMemory.IoVec[] vecs) {
        long total = 0;
        for (GuestMemory.IoVec v : vecs) {
            total += v.length();
        }
        if (total > UdpSocket.MAX_DATAGRAM) {
            throw ErrnoException.of(Errno.MSGSIZE);
        }
        byte[] data = new byte[(int) total];
        int at = 0;
        for (GuestMemory.IoVec v : vecs) {
            System.arraycopy(mem, v.address(), data, at, v.length());
            at += v.length();
        }
        return data;
    }

    /** Copies a datagram into {@code vecs}; how much fit. */
    static int scatter(byte[] mem, GuestMemory.IoVec[] vecs, byte[] data) {
        int done = 0;
        for (GuestMemory.IoVec v : vecs) {
            int n = Math.min(v.length(), data.length - done);
            System.arraycopy(data, done, mem, v.address(), n);
            done += n;
        }
        return done;
    }

    /** {@code count} when an iovec list may be that long: at most {@code IOV_MAX} entries, as in WasmEdge. */
    static int iovecCount(int count) {
        if (Integer.compareUnsigned(count, dev.wasm2jar.wasi.internal.spec.SocketAbi.IOV_MAX) > 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        return count;
    }

    /** Fails with {@code addrnotavail}, as WasmEdge does, when {@code pointer} is not aligned to {@code align}. */
    static void aligned(int pointer, int align) {
        if ((pointer & (align - 1)) != 0) {
            throw ErrnoException.of(Errno.ADDRNOTAVAIL);
        }
    }
}
