package dev.wasm2jar.wasi;

/**
 * The guest called {@code proc_exit}: thrown through its frames to whoever called into it. {@link Wasi#run} turns it
 * into the exit code; nothing in wasm2jar calls {@link System#exit}.
 */
public final class WasiExit extends RuntimeException {
    private final int code;

    public WasiExit(int code) {
        super("exit " + Integer.toUnsignedString(code), null, false, false);
        this.code = code;
    }

    /** The code the guest passed to {@code proc_exit} (a u32). */
    public int code() {
        return code;
    }
}
