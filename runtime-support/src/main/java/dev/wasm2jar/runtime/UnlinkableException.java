package dev.wasm2jar.runtime;

/** An import is missing or does not match what the module expects (the spec's {@code assert_unlinkable}). */
public class UnlinkableException extends WasmException {
    public UnlinkableException(String message) {
        super(message);
    }

    public UnlinkableException(String message, Throwable cause) {
        super(message, cause);
    }
}
