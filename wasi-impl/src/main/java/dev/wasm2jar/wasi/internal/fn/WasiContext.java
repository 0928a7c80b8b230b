package dev.wasm2jar.wasi.internal.fn;

import dev.wasm2jar.wasi.internal.fd.FdTable;
import dev.wasm2jar.wasi.internal.fd.Poller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What every WASI function of one program shares: its arguments and environment, its descriptors, its clocks'
 * origin, its source of randomness, its poller and its network policy. One context serves every instance linked to
 * it (a preloaded library and the command that uses it see the same descriptors) and WasmEdge's socket calls; each
 * instance has its own {@link dev.wasm2jar.runtime.host.GuestMemory}.
 */
public final class WasiContext {
    private final byte[][] args;
    private final byte[][] environ;
    private final FdTable fds = new FdTable();
    private final RandomSource random = new RandomSource();
    private final long monotonicOrigin = System.nanoTime();
    private final Poller poller = new Poller();
    private NetworkPolicy network = NetworkPolicy.ALL;
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

    /** Fills {@code out} with random bytes, for random_get. */
    public void randomBytes(byte[] out) {
        random.nextBytes(out);
    }

    /** The monotonic clock in nanoseconds: {@link System#nanoTime()} from an origin at the context's start. */
    public long monotonicNanos() {
        return System.nanoTime() - monotonicOrigin + 1;
    }

    /** What poll_oneoff, epoll_oneoff and the blocking socket calls wait on. */
    public Poller poller() {
        return poller;
    }

    /** What the guest may do on the network. */
    public NetworkPolicy network() {
        return network;
    }

    public void setNetwork(NetworkPolicy network) {
        this.network = java.util.Objects.requireNonNull(network);
    }

    /** Closes every descriptor, the poller and the source of randomness. */
    public void close() throws IOException {
        try {
            fds.closeAll();
        } finally {
            try {
                poller.close();
            } finally {
                random.close();
            }
        }
    }
}
