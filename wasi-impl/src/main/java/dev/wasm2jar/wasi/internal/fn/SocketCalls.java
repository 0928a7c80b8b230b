package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Listener;
import dev.wasm2jar.wasi.internal.fd.NewSocket;
import dev.wasm2jar.wasi.internal.fd.OpenSocket;
import dev.wasm2jar.wasi.internal.fd.Socket;
import dev.wasm2jar.wasi.internal.fd.UdpSocket;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import dev.wasm2jar.wasi.internal.spec.SocketAbi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;

/**
 * WasmEdge's socket calls beyond WASI's ({@link Sockets}): opening, binding, listening, connecting, datagrams and
 * addresses. Some have two forms: V1, what WasmEdge had before 0.12, and V2; the form is bound by the import's type
 * (Java overloads here), and where both forms have one type the object's {@code v2} decides, as WasmEdge binds V1
 * to the plain name and V2 to the name with {@code _v2}. Pointers are checked as WasmEdge checks them: misaligned
 * is {@code addrnotavail}, outside the memory {@code fault}.
 *
 * <pre>
 * sock_open(family: u8, type: u8, fd_out: *u32)
 * sock_bind(fd, address: *address, port: u32)          sock_connect: the same
 * sock_listen(fd, backlog: u32)
 * sock_accept(fd, fd_out: *u32)                                                            V1 (V2 is WASI's)
 * sock_recv_from(fd, ri_data: *iovec, ri_data_len, address: *address, ri_flags: u16,
 *                ro_datalen_out: *u32, ro_flags_out: *u16)                                V1
 * sock_recv_from(fd, ri_data, ri_data_len, address, ri_flags, port_out: *u16, ro_datalen_out, ro_flags_out)   V2
 * sock_send_to(fd, si_data: *ciovec, si_data_len, address: *address, port: u32, si_flags: u16, so_datalen_out: *u32)
 * sock_getlocaladdr(fd, address: *address, type_out: *u32, port_out: *u32)                V1; getpeeraddr too
 * sock_getlocaladdr(fd, address: *address (128-byte storage), port_out: *u32)            V2
 * </pre>
 */
public final class SocketCalls {
    private final WasiContext context;
    private final GuestMemory memory;
    private final boolean v2;

    public SocketCalls(WasiContext context, GuestMemory memory, boolean v2) {
        this.context = context;
        this.memory = memory;
        this.v2 = v2;
    }

    public int sockOpen(int family, int type, int fdOut) throws IOException {
        byte[] mem = memory.bytes();
        Sockets.aligned(fdOut, 4);
        GuestMemory.check(mem, fdOut, 4);
        ProtocolFamily pf = switch (family) {
            case SocketAbi.AF_INET4 -> StandardProtocolFamily.INET;
            case SocketAbi.AF_INET6 -> StandardProtocolFamily.INET6;
            case SocketAbi.AF_UNIX -> throw ErrnoException.of(Errno.NOSYS); // as WasmEdge without --allow-af-unix
            default -> throw ErrnoException.of(Errno.INVAL);
        };
        Socket socket = switch (type) {
            case SocketAbi.SOCK_STREAM -> new NewSocket(context.poller(), pf, 0);
            case SocketAbi.SOCK_DGRAM -> new UdpSocket(context.poller(), pf, 0);
            default -> throw ErrnoException.of(Errno.INVAL);
        };
        int fd;
        try {
            fd = context.fds().add(socket);
        } catch (ErrnoException e) {
            socket.close();
            throw e;
        }
        GuestMemory.putI32(mem, fdOut, fd);
        return Errno.SUCCESS;
    }

    public int sockBind(int fd, int address, int port) throws IOException {
        InetSocketAddress a = SocketAddresses.read(memory.bytes(), address, port, v2);
        Socket socket = Sockets.socket(context, fd);
        if (!context.network().mayListen(a)) {
            throw ErrnoException.of(Errno.ACCES);
        }
        socket.bind(a);
        return Errno.SUCCESS;
    }

    public int sockListen(int fd, int backlog) throws IOException {
        Socket socket = Sockets.socket(context, fd);
        if (socket instanceof NewSocket s) {
            InetSocketAddress local = s.localAddress();
            if (!context.network().mayListen(local != null ? local : new InetSocketAddress(0))) {
                throw ErrnoException.of(Errno.ACCES);
            }
            context.fds().replace(fd, s.listen(backlog));
            return Errno.SUCCESS;
        }
        if (socket instanceof Listener) {
            return Errno.SUCCESS; // listen(2) again only changes the backlog
        }
        throw ErrnoException.of(socket instanceof UdpSocket ? Errno.NOTSUP : Errno.INVAL);
    }

    public int sockConnect(int fd, int address, int port) throws IOException {
        InetSocketAddress a = SocketAddresses.read(memory.bytes(), address, port, v2);
        Socket socket = Sockets.socket(context, fd);
        if (!context.network().mayConnect(a)) {
            throw ErrnoException.of(Errno.ACCES);
        }
        switch (socket) {
            case NewSocket s -> {
                OpenSocket connection = s.connect(a);
                context.fds().replace(fd, connection);
                if (connection.connecting()) {
                    if ((connection.fdflags() & Flags.FDFLAGS_NONBLOCK) != 0) {
                        throw ErrnoException.of(Errno.INPROGRESS);
                    }
                    connection.awaitConnect();
                }
            }
            case UdpSocket s -> s.connect(a);
            case OpenSocket s -> throw ErrnoException.of(s.connecting() ? Errno.ALREADY : Errno.ISCONN);
            case Listener s -> throw ErrnoException.of(Errno.ISCONN);
        }
        return Errno.SUCCESS;
    }

    /** V1: the new connection is blocking. */
    public int sockAccept(int fd, int fdOut) throws IOException {
        Sockets.aligned(fdOut, 4);
        return Sockets.accept(context, memory.bytes(), fd, 0, fdOut);
    }

    /** V2: WASI's sock_accept. */
    public int sockAccept(int fd, int fdflags, int fdOut) throws IOException {
        Sockets.aligned(fdOut, 4);
        return Sockets.accept(context, memory.bytes(), fd, fdflags, fdOut);
    }

    /** V1: the sender's address bytes into the buffer, if they fit; no port. */
    public int sockRecvFrom(int fd, int iovs, int count, int address, int riflags, int lengthOut, int flagsOut)
            throws IOException {
        return recvFrom(fd, iovs, count, address, riflags, false, 0, lengthOut, flagsOut);
    }

    /** V2: the sender's family too (in a 128-byte buffer), and its port. */
    public int sockRecvFrom(int fd, int iovs, int count, int address, int riflags, int portOut, int lengthOut,
            int flagsOut) throws IOException {
        return recvFrom(fd, iovs, count, address, riflags, true, portOut, lengthOut, flagsOut);
    }

    private int recvFrom(int fd, int iovs, int count, int address, int riflags, boolean withPort, int portOut,
            int lengthOut, int flagsOut) throws IOException {
        byte[] mem = memory.bytes();
        Sockets.aligned(iovs, 4);
        Sockets.aligned(address, 4);
        if (withPort) {
            Sockets.aligned(portOut, 2);
        }
        Sockets.aligned(lengthOut, 4);
        Sockets.aligned(flagsOut, 2);
        long buffer = SocketAddresses.buffer(mem, address);
        int length = (int) buffer;
        if (withPort && length != 4 && length != 16 && length != SocketAbi.ADDRESS_STORAGE) {
            throw ErrnoException.of(Errno.INVAL);
        }
        Sockets.checkRiflags(riflags);
        Sockets.checkIovecs(mem, iovs, count);
        if (withPort) {
            GuestMemory.check(mem, portOut, 2);
        }
        GuestMemory.check(mem, lengthOut, 4);
        GuestMemory.check(mem, flagsOut, 2);
        Socket socket = Sockets.socket(context, fd);
        socket.require(Rights.FD_READ);
        int total;
        int roflags = 0;
        if (socket instanceof UdpSocket udp) {
            UdpSocket.Datagram d = udp.receive((riflags & Flags.RIFLAGS_RECV_PEEK) != 0);
            if (d == null) {
                return Errno.AGAIN;
            }
            total = Sockets.scatter(mem, GuestMemory.iovecs(mem, iovs, count), d.data());
            roflags = total < d.data().length ? Flags.ROFLAGS_RECV_DATA_TRUNCATED : 0;
            SocketAddresses.writeSender(mem, address, d.sender(), withPort);
            if (withPort) {
                // The port in host order: WasmEdge stores sin_port as it is (network order), which its own Rust
                // library then reads as a host-order number; we write what that library means to read.
                GuestMemory.putI16(mem, portOut, d.sender().getPort());
            }
        } else {
            total = Sockets.receive(Sockets.stream(socket), mem, iovs, count, riflags); // TCP: no sender, as recvmsg
            if (total == Socket.WOULD_BLOCK) {
                return Errno.AGAIN;
            }
        }
        GuestMemory.putI32(mem, lengthOut, total);
        GuestMemory.putI16(mem, flagsOut, roflags);
        return Errno.SUCCESS;
    }

    public int sockSendTo(int fd, int iovs, int count, int address, int port, int siflags, int lengthOut)
            throws IOException {
        byte[] mem = memory.bytes();
        Sockets.aligned(iovs, 4);
        Sockets.aligned(lengthOut, 4);
        InetSocketAddress target = SocketAddresses.read(mem, address, port, v2);
        if (siflags != 0) {
            throw ErrnoException.of(Errno.INVAL); // siflags has no flags
        }
        Sockets.iovecCount(count);
        Socket socket = Sockets.socket(context, fd);
        if (socket instanceof UdpSocket && !context.network().mayConnect(target)) {
            throw ErrnoException.of(Errno.ACCES);
        }
        return Sockets.send(context, mem, fd, iovs, count, socket instanceof UdpSocket ? target : null, lengthOut);
    }

    /** V1. */
    public int sockGetlocaladdr(int fd, int address, int typeOut, int portOut) throws IOException {
        byte[] mem = memory.bytes();
        checkAddressOuts(mem, address, true, typeOut, portOut);
        SocketAddresses.writeV1(mem, address, typeOut, portOut, local(Sockets.socket(context, fd)));
        return Errno.SUCCESS;
    }

    /** V2. */
    public int sockGetlocaladdr(int fd, int address, int portOut) throws IOException {
        byte[] mem = memory.bytes();
        checkAddressOuts(mem, address, false, 0, portOut);
        SocketAddresses.writeV2(mem, address, portOut, local(Sockets.socket(context, fd)));
        return Errno.SUCCESS;
    }

    /** V1. */
    public int sockGetpeeraddr(int fd, int address, int typeOut, int portOut) throws IOException {
        byte[] mem = memory.bytes();
        checkAddressOuts(mem, address, true, typeOut, portOut);
        SocketAddresses.writeV1(mem, address, typeOut, portOut, Sockets.socket(context, fd).peerAddress());
        return Errno.SUCCESS;
    }

    /** V2. */
    public int sockGetpeeraddr(int fd, int address, int portOut) throws IOException {
        byte[] mem = memory.bytes();
        checkAddressOuts(mem, address, false, 0, portOut);
        SocketAddresses.writeV2(mem, address, portOut, Sockets.socket(context, fd).peerAddress());
        return Errno.SUCCESS;
    }

    private static void checkAddressOuts(byte[] mem, int address, boolean withType, int typeOut, int portOut) {
        Sockets.aligned(address, 4);
        if (withType) {
            Sockets.aligned(typeOut, 4);
        }
        Sockets.aligned(portOut, 4);
        SocketAddresses.buffer(mem, address);
        if (withType) {
            GuestMemory.check(mem, typeOut, 4);
        }
        GuestMemory.check(mem, portOut, 4);
    }

    /** The local address, the unspecified address of the socket's family (port 0) when it is not bound. */
    private static InetSocketAddress local(Socket socket) throws IOException {
        InetSocketAddress a = socket.localAddress();
        if (a != null) {
            return a;
        }
        return new InetSocketAddress(socket.family() == StandardProtocolFamily.INET6
                ? java.net.InetAddress.getByAddress(new byte[16]) : java.net.InetAddress.getByAddress(new byte[4]), 0);
    }
}
