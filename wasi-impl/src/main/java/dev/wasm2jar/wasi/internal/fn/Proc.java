package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.wasi.WasiExit;
import dev.wasm2jar.wasi.internal.spec.Errno;

/**
 * proc_exit unwinds the guest with {@link WasiExit}; proc_raise is not supported (a JVM cannot deliver a signal to
 * one wasm program).
 *
 * <pre>
 * proc_exit(rval: u32) -> never returns
 * proc_raise(sig: u8) -> errno
 * </pre>
 */
public final class Proc {
    public void procExit(int code) {
        throw new WasiExit(code);
    }

    public int procRaise(int signal) {
        return Errno.NOSYS;
    }
}
