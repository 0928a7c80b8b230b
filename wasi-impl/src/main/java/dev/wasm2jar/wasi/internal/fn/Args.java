package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.putI32;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.spec.Errno;

/**
 * args_get, args_sizes_get, environ_get, environ_sizes_get.
 *
 * <pre>
 * args_sizes_get(argc_out, buf_size_out)      argc_out: u32 count  buf_size_out: u32 bytes with terminators
 * args_get(argv, argv_buf)                    argv: argc pointers into argv_buf
 *   argv_buf: "prog\0first\0second\0"         argv[i] -> start of string i
 * environ_*: the same, with "KEY=VALUE\0" strings
 * </pre>
 */
public final class Args {
    private final WasiContext context;
    private final GuestMemory memory;

    public Args(WasiContext context, GuestMemory memory) {
        this.context = context;
        this.memory = memory;
    }

    public int argsGet(int argv, int argvBuf) {
        return put(context.args(), argv, argvBuf);
    }

    public int argsSizesGet(int countOut, int sizeOut) {
        return sizes(context.args(), countOut, sizeOut);
    }

    public int environGet(int environ, int environBuf) {
        return put(context.environ(), environ, environBuf);
    }

    public int environSizesGet(int countOut, int sizeOut) {
        return sizes(context.environ(), countOut, sizeOut);
    }

    private int put(byte[][] strings, int pointers, int buffer) {
        byte[] mem = memory.bytes();
        int total = 0;
        for (byte[] s : strings) {
            total += s.length + 1;
        }
        GuestMemory.check(mem, pointers, strings.length * 4);
        GuestMemory.check(mem, buffer, total);
        int at = buffer;
        for (int i = 0; i < strings.length; i++) {
            putI32(mem, pointers + 4 * i, at);
            System.arraycopy(strings[i], 0, mem, at, strings[i].length);
            at += strings[i].length;
            mem[at++] = 0;
        }
        return Errno.SUCCESS;
    }

    private int sizes(byte[][] strings, int countOut, int sizeOut) {
        byte[] mem = memory.bytes();
        int total = 0;
        for (byte[] s : strings) {
            total += s.length + 1;
        }
        putI32(mem, countOut, strings.length);
        putI32(mem, sizeOut, total);
        return Errno.SUCCESS;
    }
}
