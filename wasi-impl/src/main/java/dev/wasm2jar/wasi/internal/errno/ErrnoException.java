package dev.wasm2jar.wasi.internal.errno;

import dev.wasm2jar.runtime.host.HostError;
import dev.wasm2jar.wasi.internal.spec.Errno;

/**
 * A WASI function's failure with one {@link Errno}: the {@link HostError} of WASI. Host functions throw it and the
 * wrapper {@link ErrnoMapping#catching} puts around them returns its errno to the guest. There is one shared
 * instance per errno, so failing costs no allocation.
 */
public final class ErrnoException extends HostError {
    private static final ErrnoException[] ALL = new ErrnoException[Errno.LAST + 1];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new ErrnoException(i);
        }
    }

    private final int errno;

    private ErrnoException(int errno) {
        super(errno, Errno.name(errno));
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
