package dev.wasm2jar.runtime;

/** The module decodes but does not validate (the spec's {@code assert_invalid}): type mismatch, unknown index ... */
public class InvalidException extends WasmException {
    public InvalidException(String message) {
        super(message);
    }

    public InvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
