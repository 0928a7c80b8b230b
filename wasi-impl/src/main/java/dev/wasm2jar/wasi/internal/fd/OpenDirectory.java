package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.FileType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An open directory: a host path, not a host handle. Every path a guest gives is resolved beneath {@link #host()} by
 * {@link PathResolver}; {@link #preopenRoot()} is the preopened directory it lies in, which symbolic links created
 * through it may not leave.
 */
public final class OpenDirectory extends Descriptor {
    /** One entry of a listing, as fd_readdir writes it. */
    public record Entry(byte[] name, long ino, int type) {}

    private final Path host;
    private final Path preopenRoot;
    private final String preopenName;
    private List<Entry> listing;

    /**
     * @param host the directory, an absolute normalized host path
     * @param preopenRoot the preopened directory that contains it
     * @param preopenName the guest's name for it when it is itself a preopen, else null
     */
    public OpenDirectory(Path host, Path preopenRoot, String preopenName, long rightsBase, long rightsInheriting,
            int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.host = host;
        this.preopenRoot = preopenRoot;
        this.preopenName = preopenName;
    }

    @Override
    public int filetype() {
        return FileType.DIRECTORY;
    }

    @Override
    protected int unsupported() {
        return Errno.ISDIR;
    }

    public Path host() {
        return host;
    }

    public Path preopenRoot() {
        return preopenRoot;
    }

    /** The guest's name of this preopen ({@code /}, {@code .}), or null when it was opened by the guest. */
    public String preopenName() {
        return preopenName;
    }

    @Override
    public FileStat stat() throws IOException {
        return FileStat.of(host);
    }

    @Override
    public void setTimes(FileTime atime, FileTime mtime) throws IOException {
        Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(mtime, atime, null);
    }

    /**
     * The entries from {@code cookie} on: {@code .} and {@code ..} first, then the host's order. A listing is read
     * at cookie 0 and kept, so that reading a large directory in pieces sees one consistent list.
     */
    public List<Entry> listing(long cookie) throws IOException {
        if (cookie == 0 || listing == null) {
            listing = read();
        }
        return listing;
    }

    private List<Entry> read() throws IOException {
        List<Entry> entries = new ArrayList<>();
        FileStat self = FileStat.of(host);
        Path parent = host.getParent();
        long parentIno = self.ino();
        if (parent != null) {
            try {
                parentIno = FileStat.of(parent).ino();
            } catch (IOException e) {
                // keep our own
            }
        }
        entries.add(new Entry(new byte[] {'.'}, self.ino(), FileType.DIRECTORY));
        entries.add(new Entry(new byte[] {'.', '.'}, parentIno, FileType.DIRECTORY));
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(host)) {
            for (Path child : stream) {
                try {
                    FileStat s = FileStat.of(child);
                    entries.add(new Entry(child.getFileName().toString().getBytes(StandardCharsets.UTF_8), s.ino(),
                            s.filetype()));
                } catch (NoSuchFileException e) {
                    // removed while listing
                }
            }
        }
        return entries;
    }

    @Override
    public void close() {
        listing = null;
    }
}
