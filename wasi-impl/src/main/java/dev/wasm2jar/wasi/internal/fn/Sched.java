package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.wasi.internal.spec.Errno;

/** sched_yield: {@link Thread#yield()}. */
public final class Sched {
    public int schedYield() {
        Thread.yield();
        return Errno.SUCCESS;
    }
}
