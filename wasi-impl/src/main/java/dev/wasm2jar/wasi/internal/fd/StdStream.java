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
 * through (the guest's libc does its own buffering). Once poll_oneoff has waited on standard input, a thread reads
 * it ahead, so that its end counts as ready, as it does for poll(2). When the stream is the process's own, its file
 * type is {@code character_device} on a terminal, so that the guest's {@code isatty} answers as the host's would.
 */
public final class StdStream extends Descriptor {
    private final InputStream in;
    private final OutputStream out;
    private final int filetype;
    private Pump pump;

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
        if (pump != null) {
            return pump.read(mem, offset, length);
        }
        int n = in.read(mem, offset, length);
        return Math.max(n, 0);
    }

    /**
     * For poll_oneoff: whether a read would not block, because input is there or the stream has ended. A Java
     * stream cannot tell its end without reading, so the first time nothing is available a thread starts reading
     * ahead ({@link Pump}); from then on, reads take what it read.
     */
    public boolean readReady() throws IOException {
        if (in == null) {
            return false;
        }
        if (pump == null) {
            if (in.available() > 0) {
                return true;
            }
            pump = new Pump(in);
        }
        return pump.ready();
    }

    /** Reads standard input ahead on a daemon thread, so that its end can be waited for. */
    private static final class Pump implements Runnable {
        private final InputStream in;
        private final java.util.ArrayDeque<byte[]> chunks = new java.util.ArrayDeque<>();
        private int offsetInFirst;
        private boolean ended;
        private IOException failure;

        Pump(InputStream in) {
            this.in = in;
            Thread t = new Thread(this, "wasi-stdin");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        chunks.add(java.util.Arrays.copyOf(buffer, n));
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                }
            }
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }

        synchronized boolean ready() {
            return !chunks.isEmpty() || ended;
        }

        synchronized int read(byte[] mem, int offset, int length) throws IOException {
            while (chunks.isEmpty() && !ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            if (chunks.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                return 0;
            }
            byte[] first = chunks.peekFirst();
            int n = Math.min(length, first.length - offsetInFirst);
            System.arraycopy(first, offsetInFirst, mem, offset, n);
            offsetInFirst += n;
            if (offsetInFirst == first.length) {
                chunks.removeFirst();
                offsetInFirst = 0;
            }
            return n;
        }

        synchronized long available() {
            long n = -offsetInFirst;
            for (byte[] c : chunks) {
                n += c.length;
            }
            return n;
        }
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
        return in == null ? 0 : pump != null ? pump.available() : in.available();
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
