package dev.wasm2jar.wasi.internal;

import dev.wasm2jar.runtime.HostCall;
import dev.wasm2jar.wasi.internal.fn.AddrInfo;
import dev.wasm2jar.wasi.internal.fn.Args;
import dev.wasm2jar.wasi.internal.fn.Clocks;
import dev.wasm2jar.wasi.internal.fn.FdIo;
import dev.wasm2jar.wasi.internal.fn.Fds;
import dev.wasm2jar.wasi.internal.fn.Paths;
import dev.wasm2jar.wasi.internal.fn.Poll;
import dev.wasm2jar.wasi.internal.fn.Proc;
import dev.wasm2jar.wasi.internal.fn.Random;
import dev.wasm2jar.wasi.internal.fn.Readdir;
import dev.wasm2jar.wasi.internal.fn.Sched;
import dev.wasm2jar.wasi.internal.fn.SocketCalls;
import dev.wasm2jar.wasi.internal.fn.SocketOptions;
import dev.wasm2jar.wasi.internal.fn.Sockets;
import dev.wasm2jar.wasi.internal.spec.Function;
import dev.wasm2jar.wasi.internal.spec.SocketFunction;

/**
 * The WASI functions and WasmEdge's socket calls as {@link HostCall}s: each is its group's method with the
 * arguments narrowed back to their witx types, one small class per function, loaded only when a module imports it.
 * A function whose two forms differ in arity (WasmEdge's V1 and V2) overrides both; the group object decides where
 * the forms share one ({@link SocketCalls}'s {@code v2}). The methods they call are the ones {@link Bindings#method}
 * names, which {@code BindingsTest} checks against the witx types.
 */
final class WasiCalls {
    private WasiCalls() {}

    /** {@code f} on {@code group}, an object of {@link Bindings#groupOf}{@code (f)}. */
    static HostCall of(Function f, Object group) {
        return switch (f) {
            case ARGS_GET -> new HostCall() {
                @Override
                public long call(long a, long b) {
                    return ((Args) group).argsGet((int) a, (int) b);
                }
            };
            case ARGS_SIZES_GET -> new HostCall() {
                @Override
                public long call(long a, long b) {
                    return ((Args) group).argsSizesGet((int) a, (int) b);
                }
            };
            case ENVIRON_GET -> new HostCall() {
                @Override
                public long call(long a, long b) {
                    return ((Args) group).environGet((int) a, (int) b);
                }
            };
            case ENVIRON_SIZES_GET -> new HostCall() {
                @Override
                public long call(long a, long b) {
                    return ((Args) group).environSizesGet((int) a, (int) b);
                }
            };
            case CLOCK_RES_GET -> new HostCall() {
                @Override
                public long call(long a, long b) {
                    return ((Clocks) group).clockResGet((int) a, (int) b);
                }
            };
            case CLOCK_TIME_GET -> new HostCall() {
                @Override
                public long call(long a, long b, long c) {
                    return ((Clocks) group).clockTimeGet((int) a, b, (int) c);
                }
            };
            case FD_ADVISE -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d) {
                    return ((Fds) group).fdAdvise((int) a, b, c, (int) d);
                }
            };
            case FD_ALLOCATE -> new HostCall() {
                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((Fds) group).fdAllocate((int) a, b, c);
                }
            };
            case FD_CLOSE -> new HostCall() {
                @Override
                public long call(long a) throws Throwable {
                    return ((Fds) group).fdClose((int) a);
                }
            };
            case FD_DATASYNC -> new HostCall() {
                @Override
                public long call(long a) throws Throwable {
                    return ((Fds) group).fdDatasync((int) a);
                }
            };
            case FD_FDSTAT_GET -> new HostCall() {
                @Override
                public long call(long a, long b) {
                    return ((Fds) group).fdFdstatGet((int) a, (int) b);
                }
            };
            case FD_FDSTAT_SET_FLAGS -> new HostCall() {
                @Override
                public long call(long a, long b) throws Throwable {
                    return ((Fds) group).fdFdstatSetFlags((int) a, (int) b);
                }
            };
            case FD_FDSTAT_SET_RIGHTS -> new HostCall() {
                @Override
                public long call(long a, long b, long c) {
                    return ((Fds) group).fdFdstatSetRights((int) a, b, c);
                }
            };
            case FD_FILESTAT_GET -> new HostCall() {
                @Override
                public long call(long a, long b) throws Throwable {
                    return ((Fds) group).fdFilestatGet((int) a, (int) b);
                }
            };
            case FD_FILESTAT_SET_SIZE -> new HostCall() {
                @Override
                public long call(long a, long b) throws Throwable {
                    return ((Fds) group).fdFilestatSetSize((int) a, b);
                }
            };
            case FD_FILESTAT_SET_TIMES -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d) throws Throwable {
                    return ((Fds) group).fdFilestatSetTimes((int) a, b, c, (int) d);
                }
            };
            case FD_PREAD -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e) throws Throwable {
                    return ((FdIo) group).fdPread((int) a, (int) b, (int) c, d, (int) e);
                }
            };
            case FD_PRESTAT_GET -> new HostCall() {
                @Override
                public long call(long a, long b) {
                    return ((Fds) group).fdPrestatGet((int) a, (int) b);
                }
            };
            case FD_PRESTAT_DIR_NAME -> new HostCall() {
                @Override
                public long call(long a, long b, long c) {
                    return ((Fds) group).fdPrestatDirName((int) a, (int) b, (int) c);
                }
            };
            case FD_PWRITE -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e) throws Throwable {
                    return ((FdIo) group).fdPwrite((int) a, (int) b, (int) c, d, (int) e);
                }
            };
            case FD_READ -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d) throws Throwable {
                    return ((FdIo) group).fdRead((int) a, (int) b, (int) c, (int) d);
                }
            };
            case FD_READDIR -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e) throws Throwable {
                    return ((Readdir) group).fdReaddir((int) a, (int) b, (int) c, d, (int) e);
                }
            };
            case FD_RENUMBER -> new HostCall() {
                @Override
                public long call(long a, long b) throws Throwable {
                    return ((Fds) group).fdRenumber((int) a, (int) b);
                }
            };
            case FD_SEEK -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d) throws Throwable {
                    return ((FdIo) group).fdSeek((int) a, b, (int) c, (int) d);
                }
            };
            case FD_SYNC -> new HostCall() {
                @Override
                public long call(long a) throws Throwable {
                    return ((Fds) group).fdSync((int) a);
                }
            };
            case FD_TELL -> new HostCall() {
                @Override
                public long call(long a, long b) throws Throwable {
                    return ((FdIo) group).fdTell((int) a, (int) b);
                }
            };
            case FD_WRITE -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d) throws Throwable {
                    return ((FdIo) group).fdWrite((int) a, (int) b, (int) c, (int) d);
                }
            };
            case PATH_CREATE_DIRECTORY -> new HostCall() {
                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((Paths) group).pathCreateDirectory((int) a, (int) b, (int) c);
                }
            };
            case PATH_FILESTAT_GET -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e) throws Throwable {
                    return ((Paths) group).pathFilestatGet((int) a, (int) b, (int) c, (int) d, (int) e);
                }
            };
            case PATH_FILESTAT_SET_TIMES -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e, long f, long g) throws Throwable {
                    return ((Paths) group).pathFilestatSetTimes((int) a, (int) b, (int) c, (int) d, e, f, (int) g);
                }
            };
            case PATH_LINK -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e, long f, long g) throws Throwable {
                    return ((Paths) group).pathLink((int) a, (int) b, (int) c, (int) d, (int) e, (int) f, (int) g);
                }
            };
            case PATH_OPEN -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e, long f, long g, long h, long i)
                        throws Throwable {
                    return ((Paths) group).pathOpen((int) a, (int) b, (int) c, (int) d, (int) e, f, g, (int) h,
                            (int) i);
                }
            };
            case PATH_READLINK -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e, long f) throws Throwable {
                    return ((Paths) group).pathReadlink((int) a, (int) b, (int) c, (int) d, (int) e, (int) f);
                }
            };
            case PATH_REMOVE_DIRECTORY -> new HostCall() {
                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((Paths) group).pathRemoveDirectory((int) a, (int) b, (int) c);
                }
            };
            case PATH_RENAME -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e, long f) throws Throwable {
                    return ((Paths) group).pathRename((int) a, (int) b, (int) c, (int) d, (int) e, (int) f);
                }
            };
            case PATH_SYMLINK -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e) throws Throwable {
                    return ((Paths) group).pathSymlink((int) a, (int) b, (int) c, (int) d, (int) e);
                }
            };
            case PATH_UNLINK_FILE -> new HostCall() {
                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((Paths) group).pathUnlinkFile((int) a, (int) b, (int) c);
                }
            };
            case POLL_ONEOFF -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d) throws Throwable {
                    return ((Poll) group).pollOneoff((int) a, (int) b, (int) c, (int) d);
                }
            };
            case PROC_EXIT -> new HostCall() {
                @Override
                public long call(long a) {
                    ((Proc) group).procExit((int) a);
                    return 0;
                }
            };
            case PROC_RAISE -> new HostCall() {
                @Override
                public long call(long a) {
                    return ((Proc) group).procRaise((int) a);
                }
            };
            case RANDOM_GET -> new HostCall() {
                @Override
                public long call(long a, long b) {
                    return ((Random) group).randomGet((int) a, (int) b);
                }
            };
            case SCHED_YIELD -> new HostCall() {
                @Override
                public long call() {
                    return ((Sched) group).schedYield();
                }
            };
            case SOCK_ACCEPT -> sockAccept((Sockets) group);
            case SOCK_RECV -> sockRecv((Sockets) group);
            case SOCK_SEND -> sockSend((Sockets) group);
            case SOCK_SHUTDOWN -> sockShutdown((Sockets) group);
        };
    }

    /** WasmEdge's {@code f}, either form, on {@code group}, an object of {@link SocketBindings#groupOf}{@code (f)}. */
    static HostCall of(SocketFunction f, Object group) {
        return switch (f) {
            case SOCK_OPEN -> new HostCall() {
                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((SocketCalls) group).sockOpen((int) a, (int) b, (int) c);
                }
            };
            case SOCK_BIND -> new HostCall() {
                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((SocketCalls) group).sockBind((int) a, (int) b, (int) c);
                }
            };
            case SOCK_CONNECT -> new HostCall() {
                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((SocketCalls) group).sockConnect((int) a, (int) b, (int) c);
                }
            };
            case SOCK_LISTEN -> new HostCall() {
                @Override
                public long call(long a, long b) throws Throwable {
                    return ((SocketCalls) group).sockListen((int) a, (int) b);
                }
            };
            case SOCK_ACCEPT -> new HostCall() {
                @Override
                public long call(long a, long b) throws Throwable {
                    return ((SocketCalls) group).sockAccept((int) a, (int) b);
                }

                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((SocketCalls) group).sockAccept((int) a, (int) b, (int) c);
                }
            };
            case SOCK_RECV -> sockRecv((Sockets) group);
            case SOCK_RECV_FROM -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e, long f, long g) throws Throwable {
                    return ((SocketCalls) group).sockRecvFrom((int) a, (int) b, (int) c, (int) d, (int) e, (int) f,
                            (int) g);
                }

                @Override
                public long call(long a, long b, long c, long d, long e, long f, long g, long h) throws Throwable {
                    return ((SocketCalls) group).sockRecvFrom((int) a, (int) b, (int) c, (int) d, (int) e, (int) f,
                            (int) g, (int) h);
                }
            };
            case SOCK_SEND -> sockSend((Sockets) group);
            case SOCK_SEND_TO -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e, long f, long g) throws Throwable {
                    return ((SocketCalls) group).sockSendTo((int) a, (int) b, (int) c, (int) d, (int) e, (int) f,
                            (int) g);
                }
            };
            case SOCK_SHUTDOWN -> sockShutdown((Sockets) group);
            case SOCK_GETSOCKOPT -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e) throws Throwable {
                    return ((SocketOptions) group).sockGetsockopt((int) a, (int) b, (int) c, (int) d, (int) e);
                }
            };
            case SOCK_SETSOCKOPT -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e) throws Throwable {
                    return ((SocketOptions) group).sockSetsockopt((int) a, (int) b, (int) c, (int) d, (int) e);
                }
            };
            case SOCK_GETLOCALADDR -> new HostCall() {
                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((SocketCalls) group).sockGetlocaladdr((int) a, (int) b, (int) c);
                }

                @Override
                public long call(long a, long b, long c, long d) throws Throwable {
                    return ((SocketCalls) group).sockGetlocaladdr((int) a, (int) b, (int) c, (int) d);
                }
            };
            case SOCK_GETPEERADDR -> new HostCall() {
                @Override
                public long call(long a, long b, long c) throws Throwable {
                    return ((SocketCalls) group).sockGetpeeraddr((int) a, (int) b, (int) c);
                }

                @Override
                public long call(long a, long b, long c, long d) throws Throwable {
                    return ((SocketCalls) group).sockGetpeeraddr((int) a, (int) b, (int) c, (int) d);
                }
            };
            case SOCK_GETADDRINFO -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d, long e, long f, long g, long h) throws Throwable {
                    return ((AddrInfo) group).sockGetaddrinfo((int) a, (int) b, (int) c, (int) d, (int) e, (int) f,
                            (int) g, (int) h);
                }
            };
            case EPOLL_ONEOFF -> new HostCall() {
                @Override
                public long call(long a, long b, long c, long d) throws Throwable {
                    return ((Poll) group).epollOneoff((int) a, (int) b, (int) c, (int) d);
                }
            };
        };
    }

    // The calls WASI and WasmEdge share: the same code serves a socket of either.

    private static HostCall sockAccept(Sockets group) {
        return new HostCall() {
            @Override
            public long call(long a, long b, long c) throws Throwable {
                return group.sockAccept((int) a, (int) b, (int) c);
            }
        };
    }

    private static HostCall sockRecv(Sockets group) {
        return new HostCall() {
            @Override
            public long call(long a, long b, long c, long d, long e, long f) throws Throwable {
                return group.sockRecv((int) a, (int) b, (int) c, (int) d, (int) e, (int) f);
            }
        };
    }

    private static HostCall sockSend(Sockets group) {
        return new HostCall() {
            @Override
            public long call(long a, long b, long c, long d, long e) throws Throwable {
                return group.sockSend((int) a, (int) b, (int) c, (int) d, (int) e);
            }
        };
    }

    private static HostCall sockShutdown(Sockets group) {
        return new HostCall() {
            @Override
            public long call(long a, long b) throws Throwable {
                return group.sockShutdown((int) a, (int) b);
            }
        };
    }
}
