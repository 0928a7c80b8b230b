package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Descriptor;
import dev.wasm2jar.wasi.internal.fd.OpenDirectory;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.util.List;

/**
 * fd_readdir: a directory's entries from a cookie on, as many as fit; the last one may be cut short, which tells the
 * guest to come back (with a bigger buffer when one entry does not fit). The cookie is an entry's index.
 *
 * <pre>
 * fd_readdir(fd, buf, buf_len, cookie: u64, bufused_out: *u32)
 * dirent (24 bytes, then d_namlen bytes of name):
 *   0 d_next u64 (cookie of the next entry) | 8 d_ino u64 | 16 d_namlen u32 | 20 d_type u8
 * </pre>
 */
public final class Readdir {
    private static final int DIRENT = 24;

    private final WasiContext context;
    private final GuestMemory memory;

    public Readdir(WasiContext context, GuestMemory memory) {
        this.context = context;
        this.memory = memory;
    }

    public int fdReaddir(int fd, int buffer, int length, long cookie, int out) throws IOException {
        Descriptor d = context.fds().get(fd);
        d.require(Rights.FD_READDIR);
        if (!(d instanceof OpenDirectory dir)) {
            throw ErrnoException.of(Errno.NOTDIR);
        }
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, buffer, length);
        GuestMemory.check(mem, out, 4);
        List<OpenDirectory.Entry> entries = dir.listing(cookie);
        byte[] header = new byte[DIRENT];
        int used = 0;
        for (long i = Math.max(cookie, 0); i < entries.size() && used < length; i++) {
            OpenDirectory.Entry e = entries.get((int) i);
            GuestMemory.putI64(header, 0, i + 1);
            GuestMemory.putI64(header, 8, e.ino());
            GuestMemory.putI32(header, 16, e.name().length);
            GuestMemory.putI32(header, 20, e.type()); // d_type and three bytes of padding
            int n = Math.min(DIRENT, length - used);
            System.arraycopy(header, 0, mem, buffer + used, n);
            used += n;
            n = Math.min(e.name().length, length - used);
            System.arraycopy(e.name(), 0, mem, buffer + used, n);
            used += n;
        }
        GuestMemory.putI32(mem, out, used);
        return Errno.SUCCESS;
    }
}
