package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.wasi.internal.fd.FdTable;
import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What every WASI function of one program shares: its arguments and environment, its descriptors, its clocks'
 * origin and its source of randomness. One context serves every instance linked to it (a preloaded library and the
 * command that uses it see the same descriptors); each instance has its own {@link GuestMemory}.
 */
public final class WasiContext {
    private final byte[][] args;
    private final byte[][] environ;
    private final FdTable fds = new FdTable();
    private SecureRandom random;
    private final long monotonicOrigin = System.nanoTime();
    private Selector selector;
    private final IntFunction<RuntimeException> exit;

    /** {@code exit} makes what proc_exit throws (the public API's exit exception, which this package cannot name). */
    public WasiContext(List<String> args, List<String> environ, IntFunction<RuntimeException> exit) {
        this.args = utf8(args);
        this.environ = utf8(environ);
        this.exit = exit;
    }

    /** What proc_exit with {@code code} throws to unwind the guest. */
    public RuntimeException exit(int code) {
        return exit.apply(code);
    }

    private static byte[][] utf8(List<String> strings) {
        byte[][] out = new byte[strings.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** The arguments, UTF-8 without terminators. */
    public byte[][] args() {
        return args;
    }

    /** The environment as {@code KEY=VALUE}, UTF-8 without terminators. */
    public byte[][] environ() {
        return environ;
    }

    public FdTable fds() {
        return fds;
    }

    /** The source of random_get, made on first use (seeding costs a few milliseconds). */
    public SecureRandom random() {
        if (random == null) {
            random = new SecureRandom();
        }
        return random;
    }

    /** The monotonic clock in nanoseconds: {@link System#nanoTime()} from an origin at the context's start. */
    public long monotonicNanos() {
        return System.nanoTime() - monotonicOrigin + 1;
    }

    /** The selector poll_oneoff waits on sockets with, made on first use. */
    public Selector selector() throws IOException {
        if (selector == null) {
            selector = Selector.open();
        }
        return selector;
    }

    /** Closes every descriptor and the selector. */
    public void close() throws IOException {
        try {
            fds.closeAll();
        } finally {
            if (selector != null) {
                selector.close();
            }
        }
    }
}
