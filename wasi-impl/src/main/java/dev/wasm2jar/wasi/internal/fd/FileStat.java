package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.spec.FileType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fields of {@code filestat}; times in nanoseconds since the epoch. Read from the host with the {@code unix}
 * attribute view (device, inode, link count, change time), or the basic view where there is none.
 */
public record FileStat(long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {
    private static final String UNIX = "unix:dev,ino,nlink,mode,size,lastAccessTime,lastModifiedTime,ctime";
    private static volatile boolean unixView = true;

    /** The attributes of {@code path} itself (a symbolic link is not followed). */
    public static FileStat of(Path path) throws IOException {
        if (unixView) {
            try {
                Map<String, Object> a = Files.readAttributes(path, UNIX, LinkOption.NOFOLLOW_LINKS);
                return new FileStat(number(a.get("dev")), number(a.get("ino")),
                        FileType.ofMode(((Number) a.get("mode")).intValue()), number(a.get("nlink")),
                        number(a.get("size")), nanos(a.get("lastAccessTime")), nanos(a.get("lastModifiedTime")),
                        nanos(a.get("ctime")));
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                unixView = false;
            }
        }
        BasicFileAttributes b = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int type = b.isDirectory() ? FileType.DIRECTORY : b.isRegularFile() ? FileType.REGULAR_FILE
                : b.isSymbolicLink() ? FileType.SYMBOLIC_LINK : FileType.UNKNOWN;
        Object key = b.fileKey();
        return new FileStat(0, key == null ? 0 : key.hashCode(), type, 1, b.size(), nanos(b.lastAccessTime()),
                nanos(b.lastModifiedTime()), nanos(b.lastModifiedTime()));
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static long nanos(Object time) {
        return time == null ? 0 : ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }
}
