package dev.wasm2jar.wasi.internal;

import dev.wasm2jar.runtime.FunctionType;
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
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;

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
            offer.add(SocketFunction.MODULE, f.wasmName(), v1, () -> code(f, v1, false, context, memory, groups));
            if (f.v2() != null) {
                FunctionType v2 = FunctionType.parse(f.v2());
                offer.add(SocketFunction.MODULE, f.wasmName(), v2, () -> code(f, v2, true, context, memory, groups));
                offer.add(SocketFunction.MODULE, f.wasmName() + "_v2", v2,
                        () -> code(f, v2, true, context, memory, groups));
            }
        }
    }

    private static MethodHandle code(SocketFunction f, FunctionType type, boolean v2, WasiContext context,
            GuestMemory memory, Map<Object, Object> groups) {
        MethodType mt = type.methodType();
        if (f.networking() && !context.network().enabled()) {
            return MethodHandles.dropArguments(MethodHandles.constant(int.class, Errno.NOSYS), 0,
                    mt.parameterList());
        }
        Class<?> groupClass = groupOf(f);
        Object group = groups.computeIfAbsent(groupClass == SocketCalls.class ? (Object) v2 : groupClass, key -> {
            if (groupClass == SocketCalls.class) {
                return new SocketCalls(context, memory, v2);
            } else if (groupClass == Sockets.class) {
                return new Sockets(context, memory);
            } else if (groupClass == SocketOptions.class) {
                return new SocketOptions(context, memory);
            } else if (groupClass == AddrInfo.class) {
                return new AddrInfo(memory);
            }
            return new Poll(context, memory, Abi.PREVIEW1);
        });
        return ErrnoMapping.catching(method(f, type).bindTo(group));
    }
}
