package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.wasi.internal.spec.Errno;

/**
 * proc_exit unwinds the guest with the context's exit exception (the public {@code WasiExit}); proc_raise is not
 * supported (a JVM cannot deliver a signal to one wasm program).
 *
 * <pre>
 * proc_exit(rval: u32) -> never returns
 * proc_raise(sig: u8) -> errno
 * </pre>
 */
public final class Proc {
    private final WasiContext context;

    public Proc(WasiContext context) {
        this.context = context;
    }

    public void procExit(int code) {
        throw context.exit(code);
    }

    public int procRaise(int signal) {
        return Errno.NOSYS;
    }
}
