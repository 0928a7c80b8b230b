package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.i32;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Descriptor;
import dev.wasm2jar.wasi.internal.spec.Abi;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;

/**
 * fd_read, fd_write, fd_pread, fd_pwrite, fd_seek and fd_tell. Data moves straight between the guest's memory and
 * the descriptor, one (c)iovec at a time; a short transfer ends the call, as readv and writev do.
 *
 * <pre>
 * iovec / ciovec (8 bytes): 0 buf u32 | 4 buf_len u32
 * fd_read(fd, iovs, iovs_len, nread_out: *u32)     fd_pread(fd, iovs, iovs_len, offset: u64, nread_out)
 * fd_write(fd, iovs, iovs_len, nwritten_out: *u32)  fd_pwrite(fd, iovs, iovs_len, offset: u64, nwritten_out)
 * fd_seek(fd, delta: s64, whence: u8, newoffset_out: *u64)   fd_tell(fd, offset_out: *u64)
 * </pre>
 */
public final class FdIo {
    private final WasiContext context;
    private final GuestMemory memory;
    private final Abi abi;

    public FdIo(WasiContext context, GuestMemory memory, Abi abi) {
        this.context = context;
        this.memory = memory;
        this.abi = abi;
    }

    public int fdRead(int fd, int iovs, int count, int out) throws IOException {
        Descriptor d = context.fds().get(fd);
        d.require(Rights.FD_READ);
        return transfer(d, iovs, count, -1, false, out);
    }

    public int fdWrite(int fd, int iovs, int count, int out) throws IOException {
        Descriptor d = context.fds().get(fd);
        d.require(Rights.FD_WRITE);
        return transfer(d, iovs, count, -1, true, out);
    }

    public int fdPread(int fd, int iovs, int count, long offset, int out) throws IOException {
        Descriptor d = context.fds().get(fd);
        d.require(Rights.FD_READ | Rights.FD_SEEK);
        if (offset < 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        return transfer(d, iovs, count, offset, false, out);
    }

    public int fdPwrite(int fd, int iovs, int count, long offset, int out) throws IOException {
        Descriptor d = context.fds().get(fd);
        d.require(Rights.FD_WRITE | Rights.FD_SEEK);
        if (offset < 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        return transfer(d, iovs, count, offset, true, out);
    }

    /** Moves data for each (c)iovec in turn; {@code offset} -1 uses and moves the descriptor's own offset. */
    private int transfer(Descriptor d, int iovs, int count, long offset, boolean write, int out) throws IOException {
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, iovs, count * 8);
        GuestMemory.check(mem, out, 4);
        long total = 0;
        for (int i = 0; i < count; i++) {
            int buf = i32(mem, iovs + 8 * i);
            int len = i32(mem, iovs + 8 * i + 4);
            GuestMemory.check(mem, buf, len);
            if (len == 0) {
                continue;
            }
            int n;
            if (offset < 0) {
                try {
                    n = write ? d.write(mem, buf, len) : d.read(mem, buf, len);
                } catch (ErrnoException e) {
                    if (e.errno() == Errno.AGAIN && total > 0) {
                        break; // a non-blocking socket: what moved so far is the result, as readv(2) returns it
                    }
                    throw e;
                }
            } else {
                n = write ? d.pwrite(mem, buf, len, offset + total) : d.pread(mem, buf, len, offset + total);
            }
            total += n;
            if (n < len) {
                break;
            }
        }
        GuestMemory.putI32(mem, out, (int) total);
        return Errno.SUCCESS;
    }

    public int fdSeek(int fd, long delta, int whence, int out) throws IOException {
        Descriptor d = context.fds().get(fd);
        int w = abi.whence(whence);
        if (delta == 0 && w == Flags.WHENCE_CUR) {
            d.requireAny(Rights.FD_SEEK | Rights.FD_TELL);
        } else {
            d.require(Rights.FD_SEEK);
        }
        if (w < 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, out, 8);
        GuestMemory.putI64(mem, out, d.seek(delta, w));
        return Errno.SUCCESS;
    }

    public int fdTell(int fd, int out) throws IOException {
        Descriptor d = context.fds().get(fd);
        d.requireAny(Rights.FD_TELL | Rights.FD_SEEK);
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, out, 8);
        GuestMemory.putI64(mem, out, d.tell());
        return Errno.SUCCESS;
    }
}
