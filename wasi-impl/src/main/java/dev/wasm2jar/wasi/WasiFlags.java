package dev.wasm2jar.wasi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.Set;

/**
 * The command-line flags that configure WASI, spelled as WasmEdge spells them (so {@code wasmedge} commands carry
 * over), shared by {@code wasm2jar run} and runnable jars:
 *
 * <pre>
 * --dir GUEST:HOST     preopen host directory HOST as GUEST (WasmEdge: --dir .:. or --dir /:ROOT)
 * --dir HOST::GUEST    the same in wasmtime's order
 * --dir PATH           preopen PATH as PATH
 * --env NAME=VALUE     set a variable (the guest sees no host variable unless given one); --env NAME copies the host's
 * --tcplisten ADDR     a listening TCP socket on HOST:PORT for the guest to accept connections on (wasmtime's flag)
 * </pre>
 */
public final class WasiFlags {
    /** The flags, each of which takes a value ({@code --dir X} or {@code --dir=X}). */
    public static final Set<String> NAMES = Set.of("--dir", "--env", "--tcplisten");

    /** One line per flag, for help texts. */
    public static final String HELP = """
              --dir GUEST:HOST     preopen host directory HOST as GUEST (--dir .:.  --dir /:ROOT); repeatable
              --dir HOST::GUEST    the same, in wasmtime's order
              --dir PATH           preopen PATH under its own name
              --env NAME=VALUE     an environment variable for the guest, which sees none of the host's otherwise;
                                   --env NAME passes the host's value; repeatable
              --tcplisten HOST:PORT  a listening TCP socket for the guest's sock_accept, after the preopens
            """;

    private WasiFlags() {}

    /** Applies flag {@code name} (one of {@link #NAMES}) with {@code value} to {@code config}. */
    public static WasiConfig apply(WasiConfig config, String name, String value) throws IOException {
        return switch (name) {
            case "--dir" -> dir(config, value);
            case "--env" -> env(config, value);
            case "--tcplisten" -> listen(config, value);
            default -> throw new IllegalArgumentException("unknown WASI flag " + name);
        };
    }

    private static WasiConfig dir(WasiConfig config, String spec) {
        String guest;
        String host;
        int wasmtime = spec.indexOf("::");
        int colon = spec.indexOf(':');
        if (wasmtime >= 0) {
            host = spec.substring(0, wasmtime);
            guest = spec.substring(wasmtime + 2);
        } else if (colon >= 0) {
            guest = spec.substring(0, colon);
            host = spec.substring(colon + 1);
        } else {
            guest = spec;
            host = spec;
        }
        if (guest.isEmpty() || host.isEmpty()) {
            throw new IllegalArgumentException("--dir " + spec + ": give GUEST:HOST, HOST::GUEST or PATH");
        }
        return config.withPreopen(guest, Path.of(host));
    }

    private static WasiConfig env(WasiConfig config, String spec) {
        int eq = spec.indexOf('=');
        if (eq == 0 || spec.isEmpty()) {
            throw new IllegalArgumentException("--env " + spec + ": give NAME=VALUE or NAME");
        }
        if (eq < 0) {
            String value = System.getenv(spec);
            return value == null ? config : config.withEnv(spec, value);
        }
        return config.withEnv(spec.substring(0, eq), spec.substring(eq + 1));
    }

    private static WasiConfig listen(WasiConfig config, String spec) throws IOException {
        int colon = spec.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (colon <= 0 || port < 0 || port > 65535) {
            throw new IllegalArgumentException("--tcplisten " + spec + ": give HOST:PORT, such as 127.0.0.1:8080");
        }
        String host = spec.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            listener.close();
            throw new IOException("--tcplisten " + spec + ": " + e.getMessage(), e);
        }
        return config.withListener(listener);
    }
}
