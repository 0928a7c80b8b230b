package dev.wasm2jar.wasi.internal;

import dev.wasm2jar.wasi.internal.spec.Errno;

/**
 * A WASI function's failure with one {@link Errno}. Host functions throw it and {@link ErrnoMapping} returns its
 * errno to the guest. It has no stack trace and one shared instance per errno, so failing costs no allocation.
 */
public final class ErrnoException extends RuntimeException {
    private static final ErrnoException[] ALL = new ErrnoException[Errno.NOTCAPABLE + 1];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new ErrnoException(i);
        }
    }

    private final int errno;

    private ErrnoException(int errno) {
        super(Errno.name(errno), null, false, false);
        this.errno = errno;
    }

    /** The exception for {@code errno}, one of {@link Errno}'s constants. */
    public static ErrnoException of(int errno) {
        return ALL[errno];
    }

    public int errno() {
        return errno;
    }
}
