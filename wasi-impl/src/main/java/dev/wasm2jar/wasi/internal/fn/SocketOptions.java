package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.i32;
import static dev.wasm2jar.runtime.host.GuestMemory.i64;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Listener;
import dev.wasm2jar.wasi.internal.fd.Socket;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.SocketAbi;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;

/**
 * sock_getsockopt and sock_setsockopt, level {@code SOL_SOCKET}: the options Java's channels have, with the values
 * Linux gives (an int for flags and sizes, a {@code timeval} for timeouts, a {@code linger}); {@code SO_TYPE}
 * and {@code SO_ERROR} in WASI's numbering, as WasmEdge converts them. Options no Java channel has
 * ({@code SO_DONTROUTE}, {@code SO_RCVLOWAT}, {@code SO_BINDTODEVICE}, and those a kind of socket lacks) are
 * {@code noprotoopt}.
 *
 * <pre>
 * sock_getsockopt(fd, level: u32, name: u32, value: *u8, value_len_inout: *u32)
 * sock_setsockopt(fd, level: u32, name: u32, value: *u8, value_len: u32)
 * </pre>
 */
public final class SocketOptions {
    private static final int INT = 4;
    private static final int TIMEVAL = 16;
    private static final int LINGER = 8;
    /** Timeouts beyond about three years are taken as three years (no overflow when a deadline is computed). */
    private static final long LONGEST = 100_000_000_000_000_000L;

    private final WasiContext context;
    private final GuestMemory memory;

    public SocketOptions(WasiContext context, GuestMemory memory) {
        this.context = context;
        this.memory = memory;
    }

    public int sockGetsockopt(int fd, int level, int name, int value, int lengthInOut) throws IOException {
        byte[] mem = memory.bytes();
        Sockets.aligned(lengthInOut, 4);
        checkLevelAndName(level, name);
        GuestMemory.check(mem, lengthInOut, 4);
        int length = i32(mem, lengthInOut);
        GuestMemory.check(mem, value, length);
        Socket socket = Sockets.socket(context, fd);
        byte[] out = switch (name) {
            case SocketAbi.SO_TYPE -> le(socket.sockType(), INT);
            case SocketAbi.SO_ERROR -> le(socket.takeError(), INT);
            case SocketAbi.SO_ACCEPTCONN -> le(socket instanceof Listener ? 1 : 0, INT);
            case SocketAbi.SO_RCVTIMEO -> timeval(socket.receiveTimeout());
            case SocketAbi.SO_SNDTIMEO -> timeval(socket.sendTimeout());
            case SocketAbi.SO_LINGER -> {
                int seconds = socket.option(supported(socket, StandardSocketOptions.SO_LINGER));
                byte[] b = new byte[LINGER];
                System.arraycopy(le(seconds >= 0 ? 1 : 0, INT), 0, b, 0, INT);
                System.arraycopy(le(Math.max(seconds, 0), INT), 0, b, INT, INT);
                yield b;
            }
            default -> {
                SocketOption<?> option = supported(socket, standard(name));
                Object v = socket.option(option);
                yield le(v instanceof Boolean flag ? (flag ? 1 : 0) : (Integer) v, INT);
            }
        };
        int n = Integer.compareUnsigned(length, out.length) < 0 ? length : out.length; // as Linux: truncated
        System.arraycopy(out, 0, mem, value, n);
        GuestMemory.putI32(mem, lengthInOut, n);
        return Errno.SUCCESS;
    }

    @SuppressWarnings("unchecked")
    public int sockSetsockopt(int fd, int level, int name, int value, int length) throws IOException {
        byte[] mem = memory.bytes();
        checkLevelAndName(level, name);
        GuestMemory.check(mem, value, length);
        Socket socket = Sockets.socket(context, fd);
        switch (name) {
            case SocketAbi.SO_TYPE, SocketAbi.SO_ERROR, SocketAbi.SO_ACCEPTCONN ->
                    throw ErrnoException.of(Errno.NOPROTOOPT); // read-only, as in Linux
            case SocketAbi.SO_RCVTIMEO -> socket.setReceiveTimeout(timeout(mem, value, length));
            case SocketAbi.SO_SNDTIMEO -> socket.setSendTimeout(timeout(mem, value, length));
            case SocketAbi.SO_LINGER -> {
                SocketOption<Integer> option = supported(socket, StandardSocketOptions.SO_LINGER);
                if (length < LINGER) {
                    throw ErrnoException.of(Errno.INVAL);
                }
                boolean on = i32(mem, value) != 0;
                socket.setOption(option, on ? Math.max(i32(mem, value + INT), 0) : -1);
            }
            default -> {
                SocketOption<?> option = supported(socket, standard(name));
                if (length < INT) {
                    throw ErrnoException.of(Errno.INVAL);
                }
                int v = i32(mem, value);
                if (option.type() == Boolean.class) {
                    socket.setOption((SocketOption<Boolean>) option, v != 0);
                } else {
                    if (v < 0) {
                        throw ErrnoException.of(Errno.INVAL);
                    }
                    socket.setOption((SocketOption<Integer>) option, v);
                }
            }
        }
        return Errno.SUCCESS;
    }

    private static void checkLevelAndName(int level, int name) {
        if (level != SocketAbi.SOL_SOCKET || name < SocketAbi.SO_REUSEADDR || name > SocketAbi.SO_BINDTODEVICE) {
            throw ErrnoException.of(Errno.INVAL);
        }
    }

    /** Java's option for WasmEdge's {@code name}; {@code noprotoopt} for those it has not. */
    private static SocketOption<?> standard(int name) {
        return switch (name) {
            case SocketAbi.SO_REUSEADDR -> StandardSocketOptions.SO_REUSEADDR;
            case SocketAbi.SO_BROADCAST -> StandardSocketOptions.SO_BROADCAST;
            case SocketAbi.SO_SNDBUF -> StandardSocketOptions.SO_SNDBUF;
            case SocketAbi.SO_RCVBUF -> StandardSocketOptions.SO_RCVBUF;
            case SocketAbi.SO_KEEPALIVE -> StandardSocketOptions.SO_KEEPALIVE;
            default -> throw ErrnoException.of(Errno.NOPROTOOPT); // DONTROUTE, OOBINLINE, RCVLOWAT, BINDTODEVICE
        };
    }

    private static <T> SocketOption<T> supported(Socket socket, SocketOption<T> option) {
        if (!socket.supports(option)) {
            throw ErrnoException.of(Errno.NOPROTOOPT);
        }
        return option;
    }

    /** A {@code timeval}'s nanoseconds; negative (no timeout) for zero, as for Linux. */
    private static long timeout(byte[] mem, int value, int length) {
        if (length < TIMEVAL) {
            throw ErrnoException.of(Errno.INVAL);
        }
        long seconds = i64(mem, value);
        long micros = i64(mem, value + 8);
        if (seconds < 0 || micros < 0 || micros >= 1_000_000) {
            throw ErrnoException.of(Errno.DOM); // as setsockopt(2) for a timeval out of range
        }
        if (seconds == 0 && micros == 0) {
            return -1;
        }
        return seconds >= LONGEST / 1_000_000_000L ? LONGEST : seconds * 1_000_000_000L + micros * 1000;
    }

    private static byte[] timeval(long nanos) {
        byte[] b = new byte[TIMEVAL];
        if (nanos > 0) {
            GuestMemory.putI64(b, 0, nanos / 1_000_000_000L);
            GuestMemory.putI64(b, 8, nanos % 1_000_000_000L / 1000);
        }
        return b;
    }

    private static byte[] le(int v, int size) {
        byte[] b = new byte[size];
        GuestMemory.putI32(b, 0, v);
        return b;
    }
}
