package dev.wasm2jar.runtime;

/** The module's bytes do not decode (the spec's {@code assert_malformed}): bad magic, truncated section, bad LEB128 ... */
public class MalformedException extends WasmException {
    public MalformedException(String message) {
        super(message);
    }

    public MalformedException(String message, Throwable cause) {
        super(message, cause);
    }
}
