package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * What a guest file descriptor number refers to: a file, a directory, a standard stream or a socket. It carries the
 * descriptor's rights and fdflags; each kind overrides the operations it supports, the rest fail with the errno
 * POSIX gives for that kind ({@link #unsupported}).
 */
public abstract sealed class Descriptor permits OpenFile, OpenDirectory, StdStream, Socket {
    private long rightsBase;
    private long rightsInheriting;
    private int fdflags;

    protected Descriptor(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    /** The {@code filetype} that fd_fdstat_get reports. */
    public abstract int filetype();

    public final long rightsBase() {
        return rightsBase;
    }

    public final long rightsInheriting() {
        return rightsInheriting;
    }

    public final int fdflags() {
        return fdflags;
    }

    /** Fails with {@link Errno#NOTCAPABLE} unless every one of {@code rights} is held. */
    public final void require(long rights) {
        if ((rightsBase & rights) != rights) {
            throw ErrnoException.of(Errno.NOTCAPABLE);
        }
    }

    /** Fails with {@link Errno#NOTCAPABLE} unless one of {@code rights} is held. */
    public final void requireAny(long rights) {
        if ((rightsBase & rights) == 0) {
            throw ErrnoException.of(Errno.NOTCAPABLE);
        }
    }

    /** fd_fdstat_set_rights: rights can only be dropped. */
    public final void setRights(long base, long inheriting) {
        if ((base & ~rightsBase) != 0 || (inheriting & ~rightsInheriting) != 0) {
            throw ErrnoException.of(Errno.NOTCAPABLE);
        }
        rightsBase = base;
        rightsInheriting = inheriting;
    }

    /** fd_fdstat_set_flags: files read {@code append}, sockets {@code nonblock}, on every call. */
    public void setFdflags(int flags) throws IOException {
        this.fdflags = flags;
    }

    /** The errno for an operation this kind of descriptor cannot do. */
    protected int unsupported() {
        return Errno.BADF;
    }

    private ErrnoException fail() {
        return ErrnoException.of(unsupported());
    }

    /** Reads up to {@code length} bytes into {@code mem}; 0 at the end. */
    public int read(byte[] mem, int offset, int length) throws IOException {
        throw fail();
    }

    /** Writes up to {@code length} bytes from {@code mem}; how many were written. */
    public int write(byte[] mem, int offset, int length) throws IOException {
        throw fail();
    }

    public int pread(byte[] mem, int offset, int length, long position) throws IOException {
        throw ErrnoException.of(unsupported() == Errno.BADF ? Errno.SPIPE : unsupported());
    }

    public int pwrite(byte[] mem, int offset, int length, long position) throws IOException {
        throw ErrnoException.of(unsupported() == Errno.BADF ? Errno.SPIPE : unsupported());
    }

    /** Moves the offset ({@code whence} in preview 1's numbering); the new offset. */
    public long seek(long delta, int whence) throws IOException {
        throw ErrnoException.of(unsupported() == Errno.BADF ? Errno.SPIPE : unsupported());
    }

    public long tell() throws IOException {
        throw ErrnoException.of(unsupported() == Errno.BADF ? Errno.SPIPE : unsupported());
    }

    /** fd_sync (with metadata) and fd_datasync. */
    public void sync(boolean metadata) throws IOException {}

    public void setSize(long size) throws IOException {
        throw ErrnoException.of(unsupported() == Errno.BADF ? Errno.INVAL : unsupported());
    }

    /** fd_allocate: makes the file at least {@code offset + length} bytes long. */
    public void allocate(long offset, long length) throws IOException {
        throw ErrnoException.of(unsupported() == Errno.BADF ? Errno.SPIPE : unsupported());
    }

    /** The attributes fd_filestat_get reports. */
    public FileStat stat() throws IOException {
        return new FileStat(0, 0, filetype(), 0, 0, 0, 0, 0);
    }

    /** Sets access and modification times; null leaves one as it is. */
    public void setTimes(java.nio.file.attribute.FileTime atime, java.nio.file.attribute.FileTime mtime)
            throws IOException {
        throw ErrnoException.of(Errno.NOTSUP);
    }

    /** Bytes that can be read without blocking, for poll_oneoff; -1 when it cannot say. */
    public long readable() throws IOException {
        return 0;
    }

    /** The channel poll_oneoff waits on, when this is a socket. */
    public SelectableChannel selectable() {
        return null;
    }

    public abstract void close() throws IOException;
}
