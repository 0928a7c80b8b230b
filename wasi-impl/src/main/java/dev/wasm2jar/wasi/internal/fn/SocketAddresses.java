package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.i32;
import static dev.wasm2jar.runtime.host.GuestMemory.u16;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.SocketAbi;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * WasmEdge's {@code address} structs (see {@link SocketAbi}) to and from Java's socket addresses: a buffer of 4 or
 * 16 address bytes (V1 and V2), or V2's 128-byte storage with the family first.
 */
final class SocketAddresses {
    private SocketAddresses() {}

    /** The address struct at {@code address}: its buffer's address and length, checked to lie in the memory. */
    static long buffer(byte[] mem, int address) {
        Sockets.aligned(address, 4);
        GuestMemory.check(mem, address, SocketAbi.ADDRESS);
        int buf = i32(mem, address);
        int length = i32(mem, address + 4);
        GuestMemory.check(mem, buf, length);
        return (long) buf << 32 | (length & 0xffffffffL);
    }

    /**
     * The socket address that the address struct at {@code address} and {@code port} (truncated to u16, as
     * WasmEdge does) name; {@code v2} also takes the 128-byte storage.
     */
    static InetSocketAddress read(byte[] mem, int address, int port, boolean v2) {
        long b = buffer(mem, address);
        int buf = (int) (b >>> 32);
        int length = (int) b;
        byte[] ip;
        if (length == 4 || length == 16) {
            ip = GuestMemory.read(mem, buf, length);
        } else if (length == SocketAbi.ADDRESS_STORAGE && v2) {
            ip = switch (u16(mem, buf)) {
                case SocketAbi.AF_INET4 -> GuestMemory.read(mem, buf + 2, 4);
                case SocketAbi.AF_INET6 -> GuestMemory.read(mem, buf + 2, 16);
                case SocketAbi.AF_UNIX -> throw ErrnoException.of(Errno.NOSYS); // WasmEdge's default: no AF_UNIX
                default -> throw ErrnoException.of(Errno.INVAL);
            };
        } else {
            throw ErrnoException.of(Errno.INVAL);
        }
        return new InetSocketAddress(inet(ip), port & 0xffff);
    }

    private static InetAddress inet(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw ErrnoException.of(Errno.INVAL); // not 4 or 16 bytes: cannot happen
        }
    }

    /** The address bytes of {@code a} (4 for IPv4, 16 for IPv6). */
    static byte[] bytes(InetSocketAddress a) {
        return a.getAddress().getAddress();
    }

    /** {@link SocketAbi#AF_INET4} or {@link SocketAbi#AF_INET6}. */
    static int family(InetSocketAddress a) {
        return a.getAddress() instanceof Inet6Address ? SocketAbi.AF_INET6 : SocketAbi.AF_INET4;
    }

    /**
     * V1's sock_getlocaladdr and sock_getpeeraddr: the address bytes into the buffer (4 or 16 bytes long, or
     * {@code inval}; too short for the address, {@code nomem}), and the type as {@code 4} or {@code 6} (WasmEdge
     * keeps these numbers, not the family enum, for compatibility).
     */
    static void writeV1(byte[] mem, int address, int typeOut, int portOut, InetSocketAddress a) {
        long b = buffer(mem, address);
        int buf = (int) (b >>> 32);
        int length = (int) b;
        if (length != 4 && length != 16) {
            throw ErrnoException.of(Errno.INVAL);
        }
        byte[] ip = bytes(a);
        if (length < ip.length) {
            throw ErrnoException.of(Errno.NOMEM);
        }
        GuestMemory.write(mem, buf, ip);
        GuestMemory.putI32(mem, typeOut, ip.length == 4 ? 4 : 6);
        GuestMemory.putI32(mem, portOut, a.getPort());
    }

    /** V2's: the buffer must be the 128-byte storage; the family and address go there. */
    static void writeV2(byte[] mem, int address, int portOut, InetSocketAddress a) {
        long b = buffer(mem, address);
        int buf = (int) (b >>> 32);
        if ((int) b != SocketAbi.ADDRESS_STORAGE) {
            throw ErrnoException.of(Errno.INVAL);
        }
        GuestMemory.putI16(mem, buf, family(a));
        GuestMemory.write(mem, buf + 2, bytes(a));
        GuestMemory.putI32(mem, portOut, a.getPort());
    }

    /**
     * sock_recv_from's sender: into a buffer of 4 or 16 bytes, the address when it fits (V1 and V2); into V2's
     * storage the family and address. The port is for the caller to write.
     */
    static void writeSender(byte[] mem, int address, InetSocketAddress a, boolean v2) {
        long b = buffer(mem, address);
        int buf = (int) (b >>> 32);
        int length = (int) b;
        byte[] ip = bytes(a);
        if (v2 && length == SocketAbi.ADDRESS_STORAGE) {
            GuestMemory.putI16(mem, buf, family(a));
            GuestMemory.write(mem, buf + 2, ip);
        } else if (Integer.compareUnsigned(length, ip.length) >= 0) {
            GuestMemory.write(mem, buf, ip);
        }
    }
}
