package dev.wasm2jar.runtime;

/** Every error wasm2jar reports about a module: one subclass per assertion kind of the WebAssembly spec tests. The message is the spec's wording, with where it happened when that is known. */
public abstract class WasmException extends RuntimeException {
    public WasmException(String message) {
        super(message);
    }

    public WasmException(String message, Throwable cause) {
        super(message, cause);
    }
}
