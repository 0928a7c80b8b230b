package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.wasi.internal.HostFunction;
import dev.wasm2jar.wasi.internal.spec.Errno;

/** sched_yield: {@link Thread#yield()}. */
public final class Sched {
    @HostFunction("sched_yield")
    public int schedYield() {
        Thread.yield();
        return Errno.SUCCESS;
    }
}
