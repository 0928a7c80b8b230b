package dev.wasm2jar.runtime.host;

/**
 * A host function's failure with one error code of its provider (a WASI errno, a wasi-nn error): thrown anywhere in
 * the function, returned to the guest by the handle {@link ErrorCodes#catching} wraps it in. It has no stack trace,
 * so providers can keep one shared instance per code and failing allocates nothing.
 */
public class HostError extends RuntimeException {
    private final int code;

    /** An error with {@code code}; {@code name} (the spec's name of the code) is its message. */
    public HostError(int code, String name) {
        super(name, null, false, false);
        this.code = code;
    }

    /** The code the guest gets back. */
    public int code() {
        return code;
    }
}
