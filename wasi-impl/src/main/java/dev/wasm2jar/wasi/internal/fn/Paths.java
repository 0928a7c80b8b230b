package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.FileStat;
import dev.wasm2jar.wasi.internal.fd.OpenDirectory;
import dev.wasm2jar.wasi.internal.fd.OpenFile;
import dev.wasm2jar.wasi.internal.fd.PathResolver.Resolved;
import dev.wasm2jar.wasi.internal.fd.PathResolver;
import dev.wasm2jar.wasi.internal.spec.Abi;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.FileType;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;

/**
 * The path functions. Every path is resolved beneath its directory descriptor by {@link PathResolver} (the
 * sandbox), then the operation acts on the host path it gives without following a link in its last component.
 * The checks before each operation give the errno POSIX gives where NIO's exceptions would not say.
 *
 * <pre>
 * path_open(dirfd, lookupflags, path, path_len, oflags: u16, rights_base: u64, rights_inheriting: u64,
 *           fdflags: u16, fd_out: *u32)
 * path_filestat_get(dirfd, lookupflags, path, path_len, out: *filestat)
 * path_filestat_set_times(dirfd, lookupflags, path, path_len, atim: u64, mtim: u64, fstflags: u16)
 * path_readlink(dirfd, path, path_len, buf, buf_len, bufused_out: *u32)    no terminator; cut to buf_len
 * path_symlink(old_path, old_path_len, dirfd, new_path, new_path_len)      old_path is the link's content
 * path_link(old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len)
 * path_rename(old_fd, old_path, old_len, new_fd, new_path, new_len)
 * path_create_directory / path_remove_directory / path_unlink_file(dirfd, path, path_len)
 * </pre>
 */
public final class Paths {
    private final WasiContext context;
    private final GuestMemory memory;
    private final Abi abi;

    public Paths(WasiContext context, GuestMemory memory, Abi abi) {
        this.context = context;
        this.memory = memory;
        this.abi = abi;
    }

    private OpenDirectory dir(int fd, long right) {
        OpenDirectory dir = context.fds().directory(fd);
        dir.require(right);
        return dir;
    }

    private String path(int address, int length) throws CharacterCodingException {
        return GuestMemory.string(memory.bytes(), address, length);
    }

    public int pathOpen(int dirfd, int lookupflags, int path, int pathLength, int oflags, long base,
            long inheriting, int fdflags, int out) throws IOException {
        OpenDirectory dir = dir(dirfd, Rights.PATH_OPEN);
        boolean create = (oflags & Flags.OFLAGS_CREAT) != 0;
        boolean exclusive = (oflags & Flags.OFLAGS_EXCL) != 0;
        boolean truncate = (oflags & Flags.OFLAGS_TRUNC) != 0;
        boolean directory = (oflags & Flags.OFLAGS_DIRECTORY) != 0;
        if (create) {
            dir.require(Rights.PATH_CREATE_FILE);
        }
        if (truncate) {
            dir.require(Rights.PATH_FILESTAT_SET_SIZE);
        }
        if ((oflags & ~15) != 0 || (fdflags & ~Flags.FDFLAGS_ALL) != 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        Resolved r = PathResolver.resolve(dir, path(path, pathLength),
                (lookupflags & Flags.LOOKUPFLAGS_SYMLINK_FOLLOW) != 0);
        GuestMemory.check(memory.bytes(), out, 4);
        BasicFileAttributes a = attributes(r.host());
        if (a != null && create && exclusive) {
            throw ErrnoException.of(Errno.EXIST);
        }
        if (a != null && a.isSymbolicLink()) {
            throw ErrnoException.of(directory ? Errno.NOTDIR : Errno.LOOP); // O_NOFOLLOW on a link
        }
        long inherited = dir.rightsInheriting();
        if (a != null && a.isDirectory()) {
            if (truncate || (base & Rights.FD_WRITE) != 0 || (fdflags & Flags.FDFLAGS_APPEND) != 0) {
                throw ErrnoException.of(Errno.ISDIR);
            }
            int fd = context.fds().add(new OpenDirectory(r.host(), dir.preopenRoot(), null,
                    base & Rights.DIRECTORY & inherited, inheriting & inherited, fdflags));
            GuestMemory.putI32(memory.bytes(), out, fd);
            return Errno.SUCCESS;
        }
        if (directory || r.trailingSlash()) {
            throw ErrnoException.of(a != null ? Errno.NOTDIR : !create ? Errno.NOENT
                    : r.trailingSlash() ? Errno.ISDIR : Errno.INVAL);
        }
        if (a == null) {
            if (!create) {
                throw ErrnoException.of(Errno.NOENT);
            }
            try {
                Files.createFile(r.host());
            } catch (FileAlreadyExistsException e) {
                if (exclusive) {
                    throw e;
                }
            }
        }
        long rights = base & Rights.REGULAR_FILE & inherited;
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        boolean write = (rights & Rights.WRITING) != 0 || truncate;
        if (write) {
            options.add(StandardOpenOption.WRITE);
        }
        if ((rights & Rights.READING) != 0 || !write) {
            options.add(StandardOpenOption.READ);
        }
        if (truncate) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (write && (fdflags & Flags.FDFLAGS_DSYNC) != 0) {
            options.add(StandardOpenOption.DSYNC);
        }
        if (write && (fdflags & Flags.FDFLAGS_SYNC) != 0) {
            options.add(StandardOpenOption.SYNC);
        }
        FileChannel channel = FileChannel.open(r.host(), options);
        int type = a == null || a.isRegularFile() ? FileType.REGULAR_FILE : FileStat.of(r.host()).filetype();
        int fd;
        try {
            fd = context.fds().add(new OpenFile(channel, r.host(), type, rights, inheriting & inherited, fdflags));
        } catch (ErrnoException e) {
            channel.close();
            throw e;
        }
        GuestMemory.putI32(memory.bytes(), out, fd);
        return Errno.SUCCESS;
    }

    public int pathFilestatGet(int dirfd, int lookupflags, int path, int pathLength, int out) throws IOException {
        OpenDirectory dir = dir(dirfd, Rights.PATH_FILESTAT_GET);
        Resolved r = PathResolver.resolve(dir, path(path, pathLength),
                (lookupflags & Flags.LOOKUPFLAGS_SYMLINK_FOLLOW) != 0);
        FileStat stat = FileStat.of(r.host());
        if (r.trailingSlash() && stat.filetype() != FileType.DIRECTORY) {
            throw ErrnoException.of(Errno.NOTDIR);
        }
        Structs.filestat(memory.bytes(), out, stat, abi);
        return Errno.SUCCESS;
    }

    public int pathFilestatSetTimes(int dirfd, int lookupflags, int path, int pathLength, long atim, long mtim,
            int fstflags) throws IOException {
        OpenDirectory dir = dir(dirfd, Rights.PATH_FILESTAT_SET_TIMES);
        FileTime[] times = Structs.times(atim, mtim, fstflags);
        Resolved r = PathResolver.resolve(dir, path(path, pathLength),
                (lookupflags & Flags.LOOKUPFLAGS_SYMLINK_FOLLOW) != 0);
        if (attributes(r.host()) == null) {
            throw ErrnoException.of(Errno.NOENT);
        }
        if (times[0] != null || times[1] != null) {
            Files.getFileAttributeView(r.host(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(times[1], times[0], null);
        }
        return Errno.SUCCESS;
    }

    public int pathCreateDirectory(int dirfd, int path, int pathLength) throws IOException {
        OpenDirectory dir = dir(dirfd, Rights.PATH_CREATE_DIRECTORY);
        Resolved r = PathResolver.resolve(dir, path(path, pathLength), false);
        if (r.isSelf()) {
            throw ErrnoException.of(Errno.EXIST);
        }
        Files.createDirectory(r.host());
        return Errno.SUCCESS;
    }

    public int pathRemoveDirectory(int dirfd, int path, int pathLength) throws IOException {
        OpenDirectory dir = dir(dirfd, Rights.PATH_REMOVE_DIRECTORY);
        String p = path(path, pathLength);
        Resolved r = PathResolver.resolve(dir, p, false);
        String lastComponent = p.replaceAll("/+$", "");
        lastComponent = lastComponent.substring(lastComponent.lastIndexOf('/') + 1);
        if (r.isSelf() || lastComponent.equals(".") || lastComponent.equals("..")) {
            throw ErrnoException.of(Errno.INVAL);
        }
        BasicFileAttributes a = attributes(r.host());
        if (a == null) {
            throw ErrnoException.of(Errno.NOENT);
        }
        if (!a.isDirectory()) {
            throw ErrnoException.of(Errno.NOTDIR);
        }
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    public int pathUnlinkFile(int dirfd, int path, int pathLength) throws IOException {
        OpenDirectory dir = dir(dirfd, Rights.PATH_UNLINK_FILE);
        Resolved r = PathResolver.resolve(dir, path(path, pathLength), false);
        if (r.isSelf()) {
            throw ErrnoException.of(Errno.ISDIR);
        }
        BasicFileAttributes a = attributes(r.host());
        if (a == null) {
            throw ErrnoException.of(Errno.NOENT);
        }
        if (a.isDirectory()) {
            throw ErrnoException.of(Errno.ISDIR);
        }
        if (r.trailingSlash()) {
            throw ErrnoException.of(Errno.NOTDIR);
        }
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    public int pathRename(int fd, int oldPath, int oldLength, int newFd, int newPath, int newLength)
            throws IOException {
        OpenDirectory from = dir(fd, Rights.PATH_RENAME_SOURCE);
        OpenDirectory to = dir(newFd, Rights.PATH_RENAME_TARGET);
        Resolved source = PathResolver.resolve(from, path(oldPath, oldLength), false);
        Resolved target = PathResolver.resolve(to, path(newPath, newLength), false);
        if (source.isSelf() || target.isSelf()) {
            throw ErrnoException.of(Errno.BUSY);
        }
        BasicFileAttributes s = attributes(source.host());
        if (s == null) {
            throw ErrnoException.of(Errno.NOENT);
        }
        BasicFileAttributes t = attributes(target.host());
        if (!s.isDirectory()) {
            if (source.trailingSlash() || target.trailingSlash()) {
                throw ErrnoException.of(Errno.NOTDIR);
            }
            if (t != null && t.isDirectory()) {
                throw ErrnoException.of(Errno.ISDIR);
            }
        } else if (t != null && !t.isDirectory()) {
            throw ErrnoException.of(Errno.NOTDIR);
        }
        Files.move(source.host(), target.host(), StandardCopyOption.ATOMIC_MOVE); // rename(2)
        return Errno.SUCCESS;
    }

    public int pathLink(int oldFd, int oldFlags, int oldPath, int oldLength, int newFd, int newPath, int newLength)
            throws IOException {
        OpenDirectory from = dir(oldFd, Rights.PATH_LINK_SOURCE);
        OpenDirectory to = dir(newFd, Rights.PATH_LINK_TARGET);
        Resolved source = PathResolver.resolve(from, path(oldPath, oldLength),
                (oldFlags & Flags.LOOKUPFLAGS_SYMLINK_FOLLOW) != 0);
        Resolved target = PathResolver.resolve(to, path(newPath, newLength), false);
        BasicFileAttributes s = attributes(source.host());
        if (s == null) {
            throw ErrnoException.of(Errno.NOENT);
        }
        if (s.isDirectory()) {
            throw ErrnoException.of(Errno.PERM);
        }
        if (source.trailingSlash()) {
            throw ErrnoException.of(Errno.NOTDIR);
        }
        if (target.isSelf() || attributes(target.host()) != null) {
            throw ErrnoException.of(Errno.EXIST);
        }
        if (target.trailingSlash()) {
            throw ErrnoException.of(Errno.NOENT);
        }
        Files.createLink(target.host(), source.host());
        return Errno.SUCCESS;
    }

    public int pathSymlink(int oldPath, int oldLength, int dirfd, int newPath, int newLength) throws IOException {
        String content = path(oldPath, oldLength);
        OpenDirectory dir = dir(dirfd, Rights.PATH_SYMLINK);
        Resolved link = PathResolver.resolve(dir, path(newPath, newLength), false);
        if (link.isSelf()) {
            throw ErrnoException.of(Errno.EXIST);
        }
        BasicFileAttributes existing = attributes(link.host());
        if (existing != null) {
            throw ErrnoException.of(link.trailingSlash() && !existing.isDirectory() ? Errno.NOTDIR : Errno.EXIST);
        }
        if (link.trailingSlash()) {
            throw ErrnoException.of(Errno.NOENT);
        }
        if (content.isEmpty()) {
            throw ErrnoException.of(Errno.NOENT);
        }
        if (!PathResolver.staysWithin(dir.preopenRoot(), link.host(), content)) {
            throw ErrnoException.of(Errno.NOTCAPABLE); // a link out of the sandbox, absolute or by ".."
        }
        Files.createSymbolicLink(link.host(), Path.of(content));
        return Errno.SUCCESS;
    }

    public int pathReadlink(int dirfd, int path, int pathLength, int buffer, int length, int out)
            throws IOException {
        OpenDirectory dir = dir(dirfd, Rights.PATH_READLINK);
        Resolved r = PathResolver.resolve(dir, path(path, pathLength), false);
        BasicFileAttributes a = attributes(r.host());
        if (a == null) {
            throw ErrnoException.of(Errno.NOENT);
        }
        if (!a.isSymbolicLink()) {
            throw ErrnoException.of(Errno.INVAL);
        }
        String target = Files.readSymbolicLink(r.host()).toString();
        if (!PathResolver.staysWithin(dir.preopenRoot(), r.host(), target)) {
            throw ErrnoException.of(Errno.NOTCAPABLE); // would tell the guest about the host beyond its sandbox
        }
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, buffer, length);
        GuestMemory.check(mem, out, 4);
        int n = Math.min(bytes.length, length);
        System.arraycopy(bytes, 0, mem, buffer, n);
        GuestMemory.putI32(mem, out, n);
        return Errno.SUCCESS;
    }

    /** The attributes of {@code path} itself, or null when nothing is there. */
    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
