package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.spec.Errno;

/**
 * random_get from the context's source of randomness ({@code /dev/urandom}), through a reused buffer.
 *
 * <pre>
 * random_get(buf: *u8, buf_len: u32)
 * </pre>
 */
public final class Random {
    private final WasiContext context;
    private final GuestMemory memory;
    private final byte[] chunk = new byte[256];

    public Random(WasiContext context, GuestMemory memory) {
        this.context = context;
        this.memory = memory;
    }

    public int randomGet(int buffer, int length) {
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, buffer, length);
        for (int done = 0; done < length; done += chunk.length) {
            context.randomBytes(chunk);
            System.arraycopy(chunk, 0, mem, buffer + done, Math.min(chunk.length, length - done));
        }
        return Errno.SUCCESS;
    }
}
