package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.FileType;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard input, output or error: a Java stream. Reads block until some input is there; writes go straight
 * through (the guest's libc does its own buffering). When the stream is the process's own, its file type is
 * {@code character_device} on a terminal, so that the guest's {@code isatty} answers as the host's would.
 */
public final class StdStream extends Descriptor {
    private final InputStream in;
    private final OutputStream out;
    private final int filetype;

    private StdStream(InputStream in, OutputStream out, int filetype) {
        super(in != null ? Rights.STDIO & ~Rights.FD_WRITE : Rights.STDIO & ~Rights.FD_READ, 0, 0);
        this.in = in;
        this.out = out;
        this.filetype = filetype;
    }

    public static StdStream input(InputStream in, int processFd) {
        return new StdStream(in, null, typeOf(processFd));
    }

    public static StdStream output(OutputStream out, int processFd) {
        return new StdStream(null, out, typeOf(processFd));
    }

    /** {@code character_device} when process descriptor {@code fd} is a terminal; -1 means not the process's. */
    static int typeOf(int fd) {
        if (fd < 0) {
            return FileType.UNKNOWN;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console")
                    ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN;
        } catch (IOException | UnsupportedOperationException e) {
            return FileType.UNKNOWN;
        }
    }

    @Override
    public int filetype() {
        return filetype;
    }

    @Override
    protected int unsupported() {
        return Errno.BADF;
    }

    @Override
    public int read(byte[] mem, int offset, int length) throws IOException {
        if (in == null) {
            return super.read(mem, offset, length);
        }
        if (length == 0) {
            return 0;
        }
        int n = in.read(mem, offset, length);
        return Math.max(n, 0);
    }

    @Override
    public int write(byte[] mem, int offset, int length) throws IOException {
        if (out == null) {
            return super.write(mem, offset, length);
        }
        out.write(mem, offset, length);
        out.flush();
        return length;
    }

    @Override
    public long readable() throws IOException {
        return in == null ? 0 : in.available();
    }

    public boolean isInput() {
        return in != null;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.flush();
        }
    }
}
