package dev.wasm2jar.wasi.internal.spec;

/**
 * WasmEdge's socket extension of {@code wasi_snapshot_preview1}: its enums, option numbers and structures, as
 * WasmEdge's {@code thirdparty/wasi/api.hpp} and {@code include/host/wasi/environ.h} define them.
 *
 * <pre>
 * address (8 bytes): 0 buf u32 | 4 buf_len u32
 *   buf_len 4 or 16: the IPv4 or IPv6 address bytes, in network order (V1 and V2)
 *   buf_len 128 (V2 only): 0 family u16 | 2 address bytes (WasmEdge's WasiAddrStorage)
 * addrinfo (28 bytes): 0 ai_flags u16 | 2 ai_family u8 | 3 ai_socktype u8 | 4 ai_protocol u8 | 8 ai_addrlen u32
 *   | 12 ai_addr u32 (-> sockaddr) | 16 ai_canonname u32 | 20 ai_canonname_len u32 | 24 ai_next u32 (-> addrinfo)
 * sockaddr (12 bytes): 0 sa_family u8 | 4 sa_data_len u32 | 8 sa_data u32
 *   sa_data: what follows sa_family in the C sockaddr_in (14 bytes: port u16 big-endian, address, zeros) or
 *   sockaddr_in6 (26 bytes: port, flowinfo u32, address, scope_id u32)
 * timeval (SO_RCVTIMEO, SO_SNDTIMEO; 16 bytes): 0 tv_sec i64 | 8 tv_usec i64
 * linger (SO_LINGER; 8 bytes): 0 l_onoff i32 | 4 l_linger i32
 * </pre>
 */
public final class SocketAbi {
    private SocketAbi() {}

    // address_family (u8)
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET4 = 1;
    public static final int AF_INET6 = 2;
    public static final int AF_UNIX = 3;

    // sock_type (u8)
    public static final int SOCK_ANY = 0;
    public static final int SOCK_DGRAM = 1;
    public static final int SOCK_STREAM = 2;

    // protocol (u8)
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 1;
    public static final int IPPROTO_UDP = 2;

    // sock_opt_level (u32)
    public static final int SOL_SOCKET = 0;

    // sock_opt_so (u32)
    public static final int SO_REUSEADDR = 0;
    public static final int SO_TYPE = 1;
    public static final int SO_ERROR = 2;
    public static final int SO_DONTROUTE = 3;
    public static final int SO_BROADCAST = 4;
    public static final int SO_SNDBUF = 5;
    public static final int SO_RCVBUF = 6;
    public static final int SO_KEEPALIVE = 7;
    public static final int SO_OOBINLINE = 8;
    public static final int SO_LINGER = 9;
    public static final int SO_RCVLOWAT = 10;
    public static final int SO_RCVTIMEO = 11;
    public static final int SO_SNDTIMEO = 12;
    public static final int SO_ACCEPTCONN = 13;
    public static final int SO_BINDTODEVICE = 14;

    // aiflags (u16)
    public static final int AI_PASSIVE = 1;
    public static final int AI_CANONNAME = 2;
    public static final int AI_NUMERICHOST = 4;
    public static final int AI_NUMERICSERV = 8;
    public static final int AI_V4MAPPED = 16;
    public static final int AI_ALL = 32;
    public static final int AI_ADDRCONFIG = 64;
    public static final int AI_ALL_FLAGS = 127;

    /** The size of an {@code address} struct. */
    public static final int ADDRESS = 8;
    /** The length of V2's address storage: family u16, then the address. */
    public static final int ADDRESS_STORAGE = 128;
    /** The size of an {@code addrinfo} record. */
    public static final int ADDRINFO = 28;
    /** The size of a {@code sockaddr} record. */
    public static final int SOCKADDR = 12;
    /** The sa_data lengths of IPv4 and IPv6 (the C sockaddr_in and sockaddr_in6 less their family field). */
    public static final int SA_DATA_INET4 = 14;
    public static final int SA_DATA_INET6 = 26;
    /** The iovec count WasmEdge accepts at most (kIOVMax). */
    public static final int IOV_MAX = 1024;
}
