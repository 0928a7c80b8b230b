package dev.wasm2jar.runtime;

/** Every error wasm2jar reports about a module: one subclass per assertion kind of the WebAssembly spec tests. The message is the spec's wording, with where it happened when that is known. */
public abstract class WasmException extends RuntimeException {
    /**
     * An error with the spec's message.
     *
     * @param message what went wrong
     */
    public WasmException(String message) {
        super(message);
    }

    /**
     * An error with the spec's message and what caused it.
     *
     * @param message what went wrong
     * @param cause the JVM's error behind it
     */
    public WasmException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For exceptions that are control flow ({@link ThrownException}): no stack trace, no suppressed exceptions. */
    WasmException(String message, Throwable cause, boolean enableSuppression, boolean writableStackTrace) {
        super(message, cause, enableSuppression, writableStackTrace);
    }
}
