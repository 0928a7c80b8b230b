package dev.wasm2jar.wasi;

import dev.wasm2jar.wasi.internal.fn.NetworkPolicy;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a WASI program sees: its arguments, its environment (nothing of the host's unless given), its preopened
 * directories, listening sockets, its standard streams (the process's own by default), and what it may do on the
 * network (anything, by default, as WasmEdge allows). Immutable; each {@code with} method returns a changed copy.
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.defaults()
 *         .withArgs(List.of("app.wasm", "--verbose"))
 *         .withEnv("HOME", "/")
 *         .withPreopen("/", Path.of("sandbox"));
 * }</pre>
 */
public final class WasiConfig {
    /** A host directory the guest sees as {@code guestPath}. */
    public record Preopen(String guestPath, Path hostPath) {
        public Preopen {
            Objects.requireNonNull(guestPath);
            Objects.requireNonNull(hostPath);
        }
    }

    /**
     * What the guest may do with WasmEdge's socket calls ({@link WasmEdgeSockets}): with {@code enabled} false,
     * nothing (every call fails with {@code nosys}); else bind only to what the {@code listen} rules match and
     * connect or send only to what the {@code connect} rules match, each list allowing everything while it is
     * empty. A rule is {@code HOST:PORT}, either part {@code *} for any ({@code 127.0.0.1:8080}, {@code [::1]:*},
     * {@code *:6379}); a refused address fails with {@code acces}.
     */
    public record Network(boolean enabled, List<String> listen, List<String> connect) {
        /** Everything allowed, as WasmEdge allows it. */
        public static final Network ANY = new Network(true, List.of(), List.of());

        /** @throws IllegalArgumentException for a rule that is not {@code HOST:PORT} or names an unknown host */
        public Network {
            listen = List.copyOf(listen);
            connect = List.copyOf(connect);
            policy(enabled, listen, connect);
        }

        /** The policy the socket calls enforce. */
        NetworkPolicy policy() {
            return policy(enabled, listen, connect);
        }

        private static NetworkPolicy policy(boolean enabled, List<String> listen, List<String> connect) {
            NetworkPolicy p = enabled ? NetworkPolicy.ALL : NetworkPolicy.NONE;
            for (String rule : listen) {
                p = p.allowListen(rule);
            }
            for (String rule : connect) {
                p = p.allowConnect(rule);
            }
            return p;
        }
    }

    private static final InputStream PROCESS_IN = new FileInputStream(FileDescriptor.in);
    private static final OutputStream PROCESS_OUT = new FileOutputStream(FileDescriptor.out);
    private static final OutputStream PROCESS_ERR = new FileOutputStream(FileDescriptor.err);
    private static final WasiConfig DEFAULTS = new WasiConfig(List.of(), Map.of(), List.of(), List.of(),
            PROCESS_IN, PROCESS_OUT, PROCESS_ERR, Network.ANY);

    private final List<String> args;
    private final Map<String, String> env;
    private final List<Preopen> preopens;
    private final List<ServerSocketChannel> listeners;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final Network network;

    private WasiConfig(List<String> args, Map<String, String> env, List<Preopen> preopens,
            List<ServerSocketChannel> listeners, InputStream stdin, OutputStream stdout, OutputStream stderr,
            Network network) {
        this.args = List.copyOf(args);
        this.env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        this.preopens = List.copyOf(preopens);
        this.listeners = List.copyOf(listeners);
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.network = network;
    }

    /** No arguments, an empty environment, no preopens, the process's standard streams. */
    public static WasiConfig defaults() {
        return DEFAULTS;
    }

    /** The whole argument list, {@code argv[0]} (the program's name) first. */
    public WasiConfig withArgs(List<String> args) {
        return new WasiConfig(args, env, preopens, listeners, stdin, stdout, stderr, network);
    }

    /** Adds (or replaces) one environment variable. */
    public WasiConfig withEnv(String key, String value) {
        if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an environment variable: " + key + "=" + value);
        }
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(key, value);
        return new WasiConfig(args, e, preopens, listeners, stdin, stdout, stderr, network);
    }

    /** Preopens host directory {@code hostPath} as {@code guestPath} ({@code /}, {@code .}, {@code /data} ...). */
    public WasiConfig withPreopen(String guestPath, Path hostPath) {
        List<Preopen> p = new ArrayList<>(preopens);
        p.add(new Preopen(guestPath, hostPath));
        return new WasiConfig(args, env, p, listeners, stdin, stdout, stderr, network);
    }

    /**
     * Gives the guest a bound listening socket, as a descriptor after the preopened directories (where wasi-libc's
     * search for preopens stops); the guest takes connections with {@code sock_accept}.
     */
    public WasiConfig withListener(ServerSocketChannel listener) {
        List<ServerSocketChannel> l = new ArrayList<>(listeners);
        l.add(Objects.requireNonNull(listener));
        return new WasiConfig(args, env, preopens, l, stdin, stdout, stderr, network);
    }

    public WasiConfig withStdin(InputStream in) {
        return new WasiConfig(args, env, preopens, listeners, Objects.requireNonNull(in), stdout, stderr, network);
    }

    public WasiConfig withStdout(OutputStream out) {
        return new WasiConfig(args, env, preopens, listeners, stdin, Objects.requireNonNull(out), stderr, network);
    }

    public WasiConfig withStderr(OutputStream err) {
        return new WasiConfig(args, env, preopens, listeners, stdin, stdout, Objects.requireNonNull(err), network);
    }

    /** The guest's network: {@link Network#ANY} by default. */
    public WasiConfig withNetwork(Network network) {
        return new WasiConfig(args, env, preopens, listeners, stdin, stdout, stderr, Objects.requireNonNull(network));
    }

    public Network network() {
        return network;
    }

    public List<String> args() {
        return args;
    }

    public Map<String, String> env() {
        return env;
    }

    public List<Preopen> preopens() {
        return preopens;
    }

    public List<ServerSocketChannel> listeners() {
        return listeners;
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    /** Whether {@code stream} is the process's own standard input, output or error. */
    static boolean isProcessStream(Object stream) {
        return stream == PROCESS_IN || stream == PROCESS_OUT || stream == PROCESS_ERR;
    }
}
