package dev.wasm2jar.wasi.internal.fn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the guest may do on the network through WasmEdge's socket calls. By default everything, as WasmEdge allows;
 * {@link #NONE} turns the socket calls off; {@link #allowListen} and {@link #allowConnect} restrict where the guest
 * may bind (TCP and UDP) and what it may connect or send datagrams to: once one rule of a kind is given, only the
 * addresses its rules match are allowed. A rule is {@code HOST:PORT}, either part {@code *} for any: an IP address
 * ({@code [::1]} for IPv6) or a host name, resolved once, here.
 */
public final class NetworkPolicy {
    /** One {@code HOST:PORT} rule: {@code addresses} null for any host, {@code port} -1 for any port. */
    private record Rule(List<InetAddress> addresses, int port) {
        boolean matches(InetSocketAddress a) {
            return (port < 0 || a.getPort() == port) && (addresses == null || addresses.contains(a.getAddress()));
        }
    }

    /** Everything allowed. */
    public static final NetworkPolicy ALL = new NetworkPolicy(true, null, null);
    /** No socket calls at all. */
    public static final NetworkPolicy NONE = new NetworkPolicy(false, null, null);

    private final boolean enabled;
    private final List<Rule> listen;
    private final List<Rule> connect;

    private NetworkPolicy(boolean enabled, List<Rule> listen, List<Rule> connect) {
        this.enabled = enabled;
        this.listen = listen;
        this.connect = connect;
    }

    /** Whether the socket calls work at all. */
    public boolean enabled() {
        return enabled;
    }

    /** This policy, allowing binds that {@code rule} ({@code HOST:PORT}) matches and no others but earlier rules'. */
    public NetworkPolicy allowListen(String rule) {
        return new NetworkPolicy(enabled, plus(listen, parse(rule)), connect);
    }

    /** This policy, allowing connects and sends to what {@code rule} ({@code HOST:PORT}) matches. */
    public NetworkPolicy allowConnect(String rule) {
        return new NetworkPolicy(enabled, listen, plus(connect, parse(rule)));
    }

    public boolean mayListen(InetSocketAddress address) {
        return enabled && matches(listen, address);
    }

    public boolean mayConnect(InetSocketAddress address) {
        return enabled && matches(connect, address);
    }

    private static boolean matches(List<Rule> rules, InetSocketAddress address) {
        if (rules == null) {
            return true;
        }
        for (Rule r : rules) {
            if (r.matches(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<Rule> plus(List<Rule> rules, Rule rule) {
        List<Rule> out = rules == null ? new ArrayList<>() : new ArrayList<>(rules);
        out.add(rule);
        return List.copyOf(out);
    }

    /**
     * Parses {@code HOST:PORT}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Rule parse(String rule) {
        int colon = rule.lastIndexOf(':');
        if (colon <= 0 || colon == rule.length() - 1) {
            throw new IllegalArgumentException(rule + ": give HOST:PORT, such as 127.0.0.1:8080, [::1]:*, *:6379");
        }
        String host = rule.substring(0, colon);
        String port = rule.substring(colon + 1);
        int number = -1;
        if (!port.equals("*")) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -2;
            }
            if (number < 0 || number > 65535) {
                throw new IllegalArgumentException(rule + ": the port is a number from 0 to 65535, or *");
            }
        }
        if (host.equals("*")) {
            return new Rule(null, number);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new Rule(List.of(InetAddress.getAllByName(host)), number);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(rule + ": unknown host " + host);
        }
    }
}
