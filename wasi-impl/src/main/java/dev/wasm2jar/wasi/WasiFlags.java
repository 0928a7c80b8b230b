package dev.wasm2jar.wasi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * --net on|off         WasmEdge's socket calls (sock_open ...): on by default, as in WasmEdge; off makes each nosys
 * --allow-listen HOST:PORT    the guest may bind only to what these match (* for any host or port); repeatable
 * --allow-connect HOST:PORT   the guest may connect and send datagrams only to what these match; repeatable
 * </pre>
 */
public final class WasiFlags {
    /** The flags, each of which takes a value ({@code --dir X} or {@code --dir=X}). */
    public static final Set<String> NAMES = Set.of("--dir", "--env", "--tcplisten", "--net", "--allow-listen",
            "--allow-connect");

    /** One line per flag, for help texts. */
    public static final String HELP = """
              --dir GUEST:HOST     preopen host directory HOST as GUEST (--dir .:.  --dir /:ROOT); repeatable
              --dir HOST::GUEST    the same, in wasmtime's order
              --dir PATH           preopen PATH under its own name
              --env NAME=VALUE     an environment variable for the guest, which sees none of the host's otherwise;
                                   --env NAME passes the host's value; repeatable
              --tcplisten HOST:PORT  a listening TCP socket for the guest's sock_accept, after the preopens
              --net on|off         WasmEdge's socket calls (sock_open, sock_connect ...): on by default, as in
                                   WasmEdge; off makes every one fail with nosys
              --allow-listen HOST:PORT   bind only to addresses these match (127.0.0.1:8080, *:8080, [::1]:*);
                                   refused binds fail with acces; repeatable
              --allow-connect HOST:PORT  connect and send datagrams only to what these match; repeatable
            """;

    private WasiFlags() {}

    /** Applies flag {@code name} (one of {@link #NAMES}) with {@code value} to {@code config}. */
    public static WasiConfig apply(WasiConfig config, String name, String value) throws IOException {
        return switch (name) {
            case "--dir" -> dir(config, value);
            case "--env" -> env(config, value);
            case "--tcplisten" -> listen(config, value);
            case "--net" -> network(config, value);
            case "--allow-listen", "--allow-connect" -> allow(config, name, value);
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

    private static WasiConfig network(WasiConfig config, String value) {
        WasiConfig.Network n = config.network();
        return switch (value) {
            case "on" -> config.withNetwork(new WasiConfig.Network(true, n.listen(), n.connect()));
            case "off" -> config.withNetwork(new WasiConfig.Network(false, n.listen(), n.connect()));
            default -> throw new IllegalArgumentException("--net " + value + ": give on or off");
        };
    }

    private static WasiConfig allow(WasiConfig config, String flag, String rule) {
        WasiConfig.Network n = config.network();
        List<String> listen = new ArrayList<>(n.listen());
        List<String> connect = new ArrayList<>(n.connect());
        (flag.equals("--allow-listen") ? listen : connect).add(rule);
        try {
            return config.withNetwork(new WasiConfig.Network(n.enabled(), listen, connect));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " " + e.getMessage(), e);
        }
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
