package dev.wasm2jar.wasi.internal;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HostCall;
import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.wasi.internal.errno.ErrnoMapping;
import dev.wasm2jar.wasi.internal.fn.AddrInfo;
import dev.wasm2jar.wasi.internal.fn.Poll;
import dev.wasm2jar.wasi.internal.fn.SocketCalls;
import dev.wasm2jar.wasi.internal.fn.SocketOptions;
import dev.wasm2jar.wasi.internal.fn.Sockets;
import dev.wasm2jar.wasi.internal.fn.WasiContext;
import dev.wasm2jar.wasi.internal.spec.Abi;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.SocketFunction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Offers WasmEdge's socket calls and epoll_oneoff ({@link SocketFunction}) on a WASI context: each form under its
 * name in its type (V1 first, so that where the forms share a type the plain name is V1, as in WasmEdge) and V2
 * under the name with {@code _v2}. Without network ({@link dev.wasm2jar.wasi.internal.fn.NetworkPolicy#NONE}) every socket call returns
 * {@code nosys} at once. The calls WASI has too (sock_accept, sock_recv, sock_send, sock_shutdown) are the same
 * code as WASI's, so either binding serves a socket of the other.
 */
public final class SocketBindings {
    private SocketBindings() {}

    /** The class whose method implements {@code f}. */
    static Class<?> groupOf(SocketFunction f) {
        return switch (f) {
            case SOCK_RECV, SOCK_SEND, SOCK_SHUTDOWN -> Sockets.class;
            case SOCK_GETSOCKOPT, SOCK_SETSOCKOPT -> SocketOptions.class;
            case SOCK_GETADDRINFO -> AddrInfo.class;
            case EPOLL_ONEOFF -> Poll.class;
            default -> SocketCalls.class;
        };
    }

    /** The handle of {@code f}'s method in {@code type}, taking its group object first. */
    static MethodHandle method(SocketFunction f, FunctionType type) {
        Class<?> group = groupOf(f);
        try {
            return MethodHandles.publicLookup().findVirtual(group, f.javaName(), type.methodType());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no method " + group.getSimpleName() + "." + f.javaName()
                    + type.methodType() + " for " + f.wasmName(), e);
        }
    }

    /** Offers every function of {@link SocketFunction}, bound to {@code context} and the offer's memory. */
    public static void offer(HostFunctions offer, WasiContext context) {
        GuestMemory memory = offer.memory();
        Map<Object, Object> groups = new HashMap<>();
        for (SocketFunction f : SocketFunction.values()) {
            FunctionType v1 = FunctionType.parse(f.v1());
            offer(offer, f, f.wasmName(), v1, false, context, memory, groups);
            if (f.v2() != null) {
                FunctionType v2 = FunctionType.parse(f.v2());
                offer(offer, f, f.wasmName(), v2, true, context, memory, groups);
                offer(offer, f, f.wasmName() + "_v2", v2, true, context, memory, groups);
            }
        }
    }

    /**
     * Offers one form of {@code f} as a host call; without network, as a handle that returns {@code nosys} (rare
     * enough not to need a host call of every arity).
     */
    private static void offer(HostFunctions offer, SocketFunction f, String name, FunctionType type, boolean v2,
            WasiContext context, GuestMemory memory, Map<Object, Object> groups) {
        if (f.networking() && !context.network().enabled()) {
            offer.add(SocketFunction.MODULE, name, type, () -> MethodHandles.dropArguments(
                    MethodHandles.constant(int.class, Errno.NOSYS), 0, type.methodType().parameterList()));
        } else {
            offer.addCall(SocketFunction.MODULE, name, type, new Supplier<HostCall>() { // not a lambda: start-up
                @Override
                public HostCall get() {
                    return ErrnoMapping.catching(WasiCalls.of(f, group(f, v2, context, memory, groups)));
                }
            });
        }
    }

    private static Object group(SocketFunction f, boolean v2, WasiContext context, GuestMemory memory,
            Map<Object, Object> groups) {
        Class<?> groupClass = groupOf(f);
        Object key = groupClass == SocketCalls.class ? (Object) v2 : groupClass;
        Object group = groups.get(key);
        if (group == null) {
            if (groupClass == SocketCalls.class) {
                group = new SocketCalls(context, memory, v2);
            } else if (groupClass == Sockets.class) {
                group = new Sockets(context, memory);
            } else if (groupClass == SocketOptions.class) {
                group = new SocketOptions(context, memory);
            } else if (groupClass == AddrInfo.class) {
                group = new AddrInfo(memory);
            } else {
                group = new Poll(context, memory, Abi.PREVIEW1);
            }
            groups.put(key, group);
        }
        return group;
    }
}
