package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/**
 * An open regular file (or device) on a {@link FileChannel}. {@code fdflags::append} is done here, not by the host's
 * {@code O_APPEND}: Java cannot open a channel for reading and appending at once, and the flag can be switched by
 * fd_fdstat_set_flags. Attributes are read through the path the file was opened by.
 */
public final class OpenFile extends Descriptor {
    private static final byte[] ZERO = new byte[1];

    private final FileChannel channel;
    private final Path path;
    private final int filetype;

    public OpenFile(FileChannel channel, Path path, int filetype, long rightsBase, long rightsInheriting,
            int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.channel = channel;
        this.path = path;
        this.filetype = filetype;
    }

    @Override
    public int filetype() {
        return filetype;
    }

    @Override
    protected int unsupported() {
        return Errno.INVAL;
    }

    @Override
    public int read(byte[] mem, int offset, int length) throws IOException {
        int n = channel.read(ByteBuffer.wrap(mem, offset, length));
        return Math.max(n, 0);
    }

    @Override
    public int write(byte[] mem, int offset, int length) throws IOException {
        if ((fdflags() & Flags.FDFLAGS_APPEND) != 0) {
            channel.position(channel.size());
        }
        ByteBuffer buffer = ByteBuffer.wrap(mem, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        return length;
    }

    @Override
    public int pread(byte[] mem, int offset, int length, long position) throws IOException {
        int n = channel.read(ByteBuffer.wrap(mem, offset, length), position);
        return Math.max(n, 0);
    }

    @Override
    public int pwrite(byte[] mem, int offset, int length, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(mem, offset, length);
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        return length;
    }

    @Override
    public long seek(long delta, int whence) throws IOException {
        long base = switch (whence) {
            case Flags.WHENCE_SET -> 0;
            case Flags.WHENCE_CUR -> channel.position();
            case Flags.WHENCE_END -> channel.size();
            default -> throw ErrnoException.of(Errno.INVAL);
        };
        long target = base + delta;
        if (target < 0 || (delta > 0 && target < base)) {
            throw ErrnoException.of(Errno.INVAL);
        }
        channel.position(target);
        return target;
    }

    @Override
    public long tell() throws IOException {
        return channel.position();
    }

    @Override
    public void sync(boolean metadata) throws IOException {
        channel.force(metadata);
    }

    @Override
    public void setSize(long size) throws IOException {
        if (size < 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        long current = channel.size();
        if (size < current) {
            channel.truncate(size);
        } else if (size > current) {
            channel.write(ByteBuffer.wrap(ZERO), size - 1); // the bytes in between read as zeros
        }
    }

    @Override
    public void allocate(long offset, long length) throws IOException {
        if (offset < 0 || length <= 0 || offset + length < 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        if (offset + length > channel.size()) {
            channel.write(ByteBuffer.wrap(ZERO), offset + length - 1);
        }
    }

    @Override
    public FileStat stat() throws IOException {
        try {
            FileStat s = FileStat.of(path);
            return new FileStat(s.dev(), s.ino(), filetype, s.nlink(), channel.size(), s.atim(), s.mtim(), s.ctim());
        } catch (NoSuchFileException e) {
            // Unlinked while open: what the channel itself knows.
            return new FileStat(0, 0, filetype, 0, channel.size(), 0, 0, 0);
        }
    }

    @Override
    public void setTimes(FileTime atime, FileTime mtime) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(mtime, atime, null);
    }

    @Override
    public long readable() throws IOException {
        return Math.max(0, channel.size() - channel.position());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
