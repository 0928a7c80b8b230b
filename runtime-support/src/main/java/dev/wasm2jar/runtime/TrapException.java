package dev.wasm2jar.runtime;

/** A trap while running wasm code (the spec's {@code assert_trap}): the message is the spec's, such as {@code integer divide by zero} or {@code out of bounds memory access}. */
public class TrapException extends WasmException {
    public TrapException(String message) {
        super(message);
    }

    public TrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
