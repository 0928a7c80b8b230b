package dev.wasm2jar.runtime;

/** Instantiation failed after linking (the spec's {@code assert_uninstantiable}): a segment out of bounds, a trap in the start function, a memory that cannot be allocated. */
public class UninstantiableException extends WasmException {
    public UninstantiableException(String message) {
        super(message);
    }

    public UninstantiableException(String message, Throwable cause) {
        super(message, cause);
    }
}
