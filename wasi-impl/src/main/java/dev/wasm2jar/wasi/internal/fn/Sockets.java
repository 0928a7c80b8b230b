package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.i32;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Descriptor;
import dev.wasm2jar.wasi.internal.fd.Listener;
import dev.wasm2jar.wasi.internal.fd.OpenSocket;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;

/**
 * sock_accept, sock_recv, sock_send and sock_shutdown, on TCP sockets: listeners the host opened for the guest
 * and the connections they accept.
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
        Descriptor d = context.fds().get(fd);
        if (!(d instanceof Listener listener)) {
            throw ErrnoException.of(d instanceof OpenSocket ? Errno.INVAL : Errno.NOTSOCK);
        }
        d.require(Rights.SOCK_ACCEPT);
        GuestMemory.check(memory.bytes(), out, 4);
        OpenSocket client = listener.accept(fdflags);
        int newFd;
        try {
            newFd = context.fds().add(client);
        } catch (ErrnoException e) {
            client.close();
            throw e;
        }
        GuestMemory.putI32(memory.bytes(), out, newFd);
        return Errno.SUCCESS;
    }

    public int sockRecv(int fd, int iovs, int count, int riflags, int lengthOut, int flagsOut) throws IOException {
        OpenSocket socket = socket(fd);
        socket.require(Rights.FD_READ);
        if ((riflags & ~(Flags.RIFLAGS_RECV_PEEK | Flags.RIFLAGS_RECV_WAITALL)) != 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        boolean peek = (riflags & Flags.RIFLAGS_RECV_PEEK) != 0;
        boolean waitAll = (riflags & Flags.RIFLAGS_RECV_WAITALL) != 0;
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, iovs, count * 8);
        GuestMemory.check(mem, lengthOut, 4);
        GuestMemory.check(mem, flagsOut, 2);
        int total = 0;
        for (int i = 0; i < count; i++) {
            int buf = i32(mem, iovs + 8 * i);
            int len = i32(mem, iovs + 8 * i + 4);
            GuestMemory.check(mem, buf, len);
            if (len == 0) {
                continue;
            }
            int n = socket.receive(mem, buf, len, peek, waitAll);
            total += n;
            if (n < len || peek) {
                break;
            }
        }
        GuestMemory.putI32(mem, lengthOut, total);
        GuestMemory.putI16(mem, flagsOut, 0);
        return Errno.SUCCESS;
    }

    public int sockSend(int fd, int iovs, int count, int siflags, int lengthOut) throws IOException {
        OpenSocket socket = socket(fd);
        socket.require(Rights.FD_WRITE);
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, iovs, count * 8);
        GuestMemory.check(mem, lengthOut, 4);
        int total = 0;
        for (int i = 0; i < count; i++) {
            int buf = i32(mem, iovs + 8 * i);
            int len = i32(mem, iovs + 8 * i + 4);
            GuestMemory.check(mem, buf, len);
            int n = socket.write(mem, buf, len);
            total += n;
            if (n < len) {
                break;
            }
        }
        GuestMemory.putI32(mem, lengthOut, total);
        return Errno.SUCCESS;
    }

    public int sockShutdown(int fd, int how) throws IOException {
        Descriptor d = context.fds().get(fd);
        if (d instanceof Listener) {
            throw ErrnoException.of(Errno.NOTCONN);
        }
        OpenSocket socket = socket(fd);
        socket.require(Rights.SOCK_SHUTDOWN);
        socket.shutdown(how);
        return Errno.SUCCESS;
    }

    private OpenSocket socket(int fd) {
        if (context.fds().get(fd) instanceof OpenSocket s) {
            return s;
        }
        throw ErrnoException.of(Errno.NOTSOCK);
    }
}
