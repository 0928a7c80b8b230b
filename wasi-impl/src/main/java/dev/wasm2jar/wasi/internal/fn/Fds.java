package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Descriptor;
import dev.wasm2jar.wasi.internal.fd.OpenDirectory;
import dev.wasm2jar.wasi.internal.spec.Abi;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;

/**
 * The descriptor functions other than reading and writing: close, renumber, fdstat, filestat, prestat, advise,
 * allocate, sync. Each checks the right the spec names for it.
 *
 * <pre>
 * fd_prestat_get(fd, out)          out: 0 tag u8 (0 = dir) | 4 pr_name_len u32
 * fd_prestat_dir_name(fd, buf, len)  the guest's name of a preopened directory, no terminator
 * fd_fdstat_get(fd, out)           out: fdstat (see Structs)
 * fd_filestat_get(fd, out)         out: filestat (see Abi)
 * </pre>
 */
public final class Fds {
    private final WasiContext context;
    private final GuestMemory memory;
    private final Abi abi;

    public Fds(WasiContext context, GuestMemory memory, Abi abi) {
        this.context = context;
        this.memory = memory;
        this.abi = abi;
    }

    private Descriptor fd(int fd) {
        return context.fds().get(fd);
    }

    public int fdClose(int fd) throws IOException {
        context.fds().remove(fd).close();
        return Errno.SUCCESS;
    }

    public int fdRenumber(int from, int to) throws IOException {
        context.fds().renumber(from, to);
        return Errno.SUCCESS;
    }

    public int fdFdstatGet(int fd, int out) {
        Descriptor d = fd(fd);
        Structs.fdstat(memory.bytes(), out, d);
        return Errno.SUCCESS;
    }

    public int fdFdstatSetFlags(int fd, int flags) throws IOException {
        Descriptor d = fd(fd);
        d.require(Rights.FD_FDSTAT_SET_FLAGS);
        if ((flags & ~Flags.FDFLAGS_ALL) != 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        int fixed = Flags.FDFLAGS_DSYNC | Flags.FDFLAGS_RSYNC | Flags.FDFLAGS_SYNC;
        if ((flags & fixed) != (d.fdflags() & fixed)) {
            throw ErrnoException.of(Errno.NOTSUP); // as on Linux, the sync flags are fixed at open
        }
        d.setFdflags(flags);
        return Errno.SUCCESS;
    }

    public int fdFdstatSetRights(int fd, long base, long inheriting) {
        fd(fd).setRights(base, inheriting);
        return Errno.SUCCESS;
    }

    public int fdFilestatGet(int fd, int out) throws IOException {
        Descriptor d = fd(fd);
        d.require(Rights.FD_FILESTAT_GET);
        Structs.filestat(memory.bytes(), out, d.stat(), abi);
        return Errno.SUCCESS;
    }

    public int fdFilestatSetSize(int fd, long size) throws IOException {
        Descriptor d = fd(fd);
        d.require(Rights.FD_FILESTAT_SET_SIZE);
        d.setSize(size);
        return Errno.SUCCESS;
    }

    public int fdFilestatSetTimes(int fd, long atim, long mtim, int fstflags) throws IOException {
        Descriptor d = fd(fd);
        d.require(Rights.FD_FILESTAT_SET_TIMES);
        FileTime[] times = Structs.times(atim, mtim, fstflags);
        if (times[0] != null || times[1] != null) {
            d.setTimes(times[0], times[1]);
        }
        return Errno.SUCCESS;
    }

    public int fdPrestatGet(int fd, int out) {
        String name = preopenName(fd);
        byte[] mem = memory.bytes();
        GuestMemory.zero(mem, out, 8);
        GuestMemory.putU8(mem, out, Flags.PREOPENTYPE_DIR);
        GuestMemory.putI32(mem, out + 4, name.getBytes(StandardCharsets.UTF_8).length);
        return Errno.SUCCESS;
    }

    public int fdPrestatDirName(int fd, int buffer, int length) {
        byte[] name = preopenName(fd).getBytes(StandardCharsets.UTF_8);
        if (Integer.compareUnsigned(length, name.length) < 0) {
            throw ErrnoException.of(Errno.NAMETOOLONG);
        }
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, buffer, name.length);
        System.arraycopy(name, 0, mem, buffer, name.length);
        return Errno.SUCCESS;
    }

    /** The guest's name of preopen {@code fd}; any other descriptor is {@link Errno#BADF}, as wasi-libc expects. */
    private String preopenName(int fd) {
        if (fd(fd) instanceof OpenDirectory dir && dir.preopenName() != null) {
            return dir.preopenName();
        }
        throw ErrnoException.of(Errno.BADF);
    }

    public int fdAdvise(int fd, long offset, long length, int advice) {
        Descriptor d = fd(fd);
        d.require(Rights.FD_ADVISE);
        if (advice < 0 || advice > Flags.ADVICE_MAX || offset < 0 || length < 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        return Errno.SUCCESS; // advice only; the JDK has no posix_fadvise
    }

    public int fdAllocate(int fd, long offset, long length) throws IOException {
        Descriptor d = fd(fd);
        d.require(Rights.FD_ALLOCATE);
        d.allocate(offset, length);
        return Errno.SUCCESS;
    }

    public int fdSync(int fd) throws IOException {
        Descriptor d = fd(fd);
        d.require(Rights.FD_SYNC);
        d.sync(true);
        return Errno.SUCCESS;
    }

    public int fdDatasync(int fd) throws IOException {
        Descriptor d = fd(fd);
        d.require(Rights.FD_DATASYNC);
        d.sync(false);
        return Errno.SUCCESS;
    }
}
