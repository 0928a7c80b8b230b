package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.i32;
import static dev.wasm2jar.runtime.host.GuestMemory.u16;
import static dev.wasm2jar.runtime.host.GuestMemory.u8;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.SocketAbi;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * sock_getaddrinfo, WasmEdge's getaddrinfo(3): the guest passes a chain of {@code addrinfo} records it allocated
 * (each with its {@code sockaddr} and buffers, see {@link SocketAbi}) and gets up to {@code max} of them filled
 * in. Names resolve through the JVM ({@link InetAddress}), services are port numbers or the names of
 * {@code /etc/services}. Failures are WasmEdge's {@code ai*} errnos: a name that does not resolve is
 * {@code ainoname}.
 *
 * <pre>
 * sock_getaddrinfo(node: *u8, node_len, service: *u8, service_len, hints: *addrinfo, res: **addrinfo,
 *                  max_res_len: u32, res_len_out: *u32)
 * </pre>
 */
public final class AddrInfo {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int SOCKADDR_IN = 16;
    private static final int SOCKADDR_IN6 = 28;

    private final GuestMemory memory;

    public AddrInfo(GuestMemory memory) {
        this.memory = memory;
    }

    public int sockGetaddrinfo(int node, int nodeLength, int service, int serviceLength, int hints, int res,
            int max, int resLengthOut) throws IOException {
        byte[] mem = memory.bytes();
        Sockets.aligned(hints, 4);
        Sockets.aligned(res, 4);
        Sockets.aligned(resLengthOut, 4);
        String host = cString(mem, node, nodeLength);
        String serv = cString(mem, service, serviceLength);
        GuestMemory.check(mem, hints, SocketAbi.ADDRINFO);
        GuestMemory.check(mem, res, 4);
        GuestMemory.check(mem, resLengthOut, 4);
        if (host.isEmpty() && serv.isEmpty()) {
            throw ErrnoException.of(Errno.AINONAME);
        }
        if (max == 0) {
            throw ErrnoException.of(Errno.AIMEMORY);
        }
        int flags = u16(mem, hints);
        int family = u8(mem, hints + 2);
        int socktype = u8(mem, hints + 3);
        int protocol = u8(mem, hints + 4);
        if ((flags & ~SocketAbi.AI_ALL_FLAGS) != 0 || (flags & SocketAbi.AI_CANONNAME) != 0 && host.isEmpty()) {
            throw ErrnoException.of(Errno.AIBADFLAG);
        }
        if (family > SocketAbi.AF_INET6) {
            throw ErrnoException.of(Errno.AIFAMILY);
        }
        if (protocol > SocketAbi.IPPROTO_UDP || socktype > SocketAbi.SOCK_STREAM) {
            throw ErrnoException.of(Errno.NOSYS);
        }
        List<Integer> records = records(mem, i32(mem, res), max);
        int port = port(serv, flags);
        List<InetAddress> addresses = resolve(host, flags, family);
        int[] types = socktype != SocketAbi.SOCK_ANY ? new int[] {socktype}
                : protocol == SocketAbi.IPPROTO_TCP ? new int[] {SocketAbi.SOCK_STREAM}
                : protocol == SocketAbi.IPPROTO_UDP ? new int[] {SocketAbi.SOCK_DGRAM}
                : new int[] {SocketAbi.SOCK_STREAM, SocketAbi.SOCK_DGRAM};
        int count = 0;
        for (InetAddress a : addresses) {
            for (int type : types) {
                if (count == records.size()) {
                    break;
                }
                String canonical = count == 0 && (flags & SocketAbi.AI_CANONNAME) != 0 ? host : null;
                fill(mem, records.get(count), flags, a, type, port, canonical);
                count++;
            }
        }
        GuestMemory.putI32(mem, resLengthOut, count);
        return Errno.SUCCESS;
    }

    /** The guest's chain of {@code max} addrinfo records from {@code first}, each checked as WasmEdge does. */
    private static List<Integer> records(byte[] mem, int first, int max) {
        List<Integer> out = new ArrayList<>();
        int at = first;
        for (int i = 0; Integer.compareUnsigned(i, max) < 0; i++) {
            GuestMemory.check(mem, at, SocketAbi.ADDRINFO);
            int sockaddr = i32(mem, at + 12);
            GuestMemory.check(mem, sockaddr, SocketAbi.SOCKADDR);
            GuestMemory.check(mem, i32(mem, sockaddr + 8), i32(mem, sockaddr + 4));
            GuestMemory.check(mem, i32(mem, at + 16), i32(mem, at + 20));
            out.add(at);
            at = i32(mem, at + 24);
            if (out.size() > mem.length / SocketAbi.ADDRINFO) {
                throw ErrnoException.of(Errno.FAULT); // a chain longer than the memory holds loops
            }
        }
        return out;
    }

    private static void fill(byte[] mem, int record, int flags, InetAddress a, int type, int port,
            String canonical) {
        boolean v6 = a instanceof Inet6Address;
        GuestMemory.putI16(mem, record, flags);
        GuestMemory.putU8(mem, record + 2, v6 ? SocketAbi.AF_INET6 : SocketAbi.AF_INET4);
        GuestMemory.putU8(mem, record + 3, type);
        GuestMemory.putU8(mem, record + 4, type == SocketAbi.SOCK_STREAM ? SocketAbi.IPPROTO_TCP : SocketAbi.IPPROTO_UDP);
        GuestMemory.putI32(mem, record + 8, v6 ? SOCKADDR_IN6 : SOCKADDR_IN);
        int name = i32(mem, record + 16);
        int capacity = i32(mem, record + 20);
        if (canonical != null) {
            byte[] b = canonical.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(b.length, capacity);
            System.arraycopy(b, 0, mem, name, n);
            GuestMemory.putI32(mem, record + 20, n);
        } else {
            GuestMemory.putI32(mem, record + 20, 0);
        }
        // sa_data: what follows the family in sockaddr_in or sockaddr_in6, port in network order
        int sockaddr = i32(mem, record + 12);
        byte[] data = new byte[v6 ? SocketAbi.SA_DATA_INET6 : SocketAbi.SA_DATA_INET4];
        data[0] = (byte) (port >>> 8);
        data[1] = (byte) port;
        byte[] ip = a.getAddress();
        System.arraycopy(ip, 0, data, v6 ? 6 : 2, ip.length);
        GuestMemory.putU8(mem, sockaddr, v6 ? SocketAbi.AF_INET6 : SocketAbi.AF_INET4);
        GuestMemory.putI32(mem, sockaddr + 4, data.length);
        GuestMemory.write(mem, i32(mem, sockaddr + 8), data);
    }

    /** The text up to its first NUL (the guest's strings carry one), strict UTF-8. */
    private static String cString(byte[] mem, int address, int length) throws IOException {
        GuestMemory.check(mem, address, length);
        int end = address;
        while (end < address + length && mem[end] != 0) {
            end++;
        }
        return GuestMemory.string(mem, address, end - address);
    }

    /** The port of {@code service}: a number, or a name of /etc/services; 0 when there is no service. */
    private static int port(String service, int flags) throws IOException {
        if (service.isEmpty()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(service);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // a name
        }
        if ((flags & SocketAbi.AI_NUMERICSERV) != 0) {
            throw ErrnoException.of(Errno.AINONAME);
        }
        Path services = Path.of("/etc/services");
        if (Files.isReadable(services)) {
            for (String line : Files.readAllLines(services, StandardCharsets.ISO_8859_1)) {
                String[] f = line.replaceFirst("#.*", "").trim().split("\\s+");
                if (f.length >= 2 && f[1].contains("/")) {
                    boolean named = f[0].equals(service);
                    for (int i = 2; i < f.length && !named; i++) {
                        named = f[i].equals(service);
                    }
                    if (named) {
                        return Integer.parseInt(f[1].substring(0, f[1].indexOf('/')));
                    }
                }
            }
        }
        throw ErrnoException.of(Errno.AISERVICE);
    }

    /** The addresses of {@code host} in {@code family}; no host is the loopback, or with AI_PASSIVE the wildcard. */
    private static List<InetAddress> resolve(String host, int flags, int family) {
        List<InetAddress> all = new ArrayList<>();
        if (host.isEmpty()) {
            boolean passive = (flags & SocketAbi.AI_PASSIVE) != 0;
            if (family != SocketAbi.AF_INET4) {
                all.add(address(passive ? new byte[16] : loopback6()));
            }
            if (family != SocketAbi.AF_INET6) {
                all.add(address(passive ? new byte[4] : new byte[] {127, 0, 0, 1}));
            }
            return all;
        }
        boolean literal = IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
        if ((flags & SocketAbi.AI_NUMERICHOST) != 0 && !literal) {
            throw ErrnoException.of(Errno.AINONAME);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (family == SocketAbi.AF_UNSPEC || (family == SocketAbi.AF_INET4) == (a instanceof Inet4Address)) {
                    all.add(a);
                }
            }
        } catch (UnknownHostException e) {
            throw ErrnoException.of(Errno.AINONAME);
        }
        if (all.isEmpty()) {
            throw ErrnoException.of(literal ? Errno.AIFAMILY : Errno.AINODATA);
        }
        return all;
    }

    private static byte[] loopback6() {
        byte[] b = new byte[16];
        b[15] = 1;
        return b;
    }

    private static InetAddress address(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
