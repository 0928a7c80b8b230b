package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import java.io.IOException;
import java.util.Arrays;

/** The guest's file descriptor numbers. A new descriptor takes the lowest free number, as POSIX does. */
public final class FdTable {
    /** At most this many descriptors are open at once. */
    public static final int MAX = 1 << 16;

    private Descriptor[] fds = new Descriptor[16];

    /** The descriptor {@code fd}, or {@link Errno#BADF}. */
    public Descriptor get(int fd) {
        if (fd < 0 || fd >= fds.length || fds[fd] == null) {
            throw ErrnoException.of(Errno.BADF);
        }
        return fds[fd];
    }

    /** The directory {@code fd}: {@link Errno#BADF} when there is none, {@link Errno#NOTDIR} when it is not one. */
    public OpenDirectory directory(int fd) {
        if (get(fd) instanceof OpenDirectory d) {
            return d;
        }
        throw ErrnoException.of(Errno.NOTDIR);
    }

    /** Gives {@code d} the lowest free number. */
    public int add(Descriptor d) {
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] == null) {
                fds[i] = d;
                return i;
            }
        }
        if (fds.length >= MAX) {
            throw ErrnoException.of(Errno.MFILE);
        }
        int fd = fds.length;
        fds = Arrays.copyOf(fds, Math.min(MAX, fds.length * 2));
        fds[fd] = d;
        return fd;
    }

    /** Puts {@code d} in place of the open descriptor {@code fd} (a socket that became a listener or connection). */
    public void replace(int fd, Descriptor d) {
        get(fd);
        fds[fd] = d;
    }

    /** Removes {@code fd}; the caller closes it. */
    public Descriptor remove(int fd) {
        Descriptor d = get(fd);
        fds[fd] = null;
        return d;
    }

    /** fd_renumber: {@code from} replaces {@code to}, which is closed. Both must be open. */
    public void renumber(int from, int to) throws IOException {
        Descriptor moved = get(from);
        Descriptor replaced = get(to);
        if (from == to) {
            return;
        }
        fds[to] = moved;
        fds[from] = null;
        replaced.close();
    }

    /** Closes every descriptor; the first failure is thrown after all were tried. */
    public void closeAll() throws IOException {
        IOException first = null;
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] != null) {
                try {
                    fds[i].close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
                fds[i] = null;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
