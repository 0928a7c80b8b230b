package dev.wasm2jar.nn.backend;

import java.util.Objects;

/** A failure of a {@link Backend} operation, with the wasi-nn error the guest gets for it and a reason. */
public final class NnException extends Exception {
    private static final long serialVersionUID = 1L;

    private final NnError error;

    public NnException(NnError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error);
    }

    public NnException(NnError error, String message, Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error);
    }

    /** The error code the guest gets. */
    public NnError error() {
        return error;
    }
}
