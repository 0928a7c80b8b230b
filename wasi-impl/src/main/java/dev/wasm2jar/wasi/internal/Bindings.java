package dev.wasm2jar.wasi.internal;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HostCall;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.wasi.internal.errno.ErrnoMapping;
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
import dev.wasm2jar.wasi.internal.fn.Sockets;
import dev.wasm2jar.wasi.internal.fn.WasiContext;
import dev.wasm2jar.wasi.internal.spec.Abi;
import dev.wasm2jar.wasi.internal.spec.Function;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Offers the WASI functions to an instantiation: each {@link Function} is the public method
 * {@link Function#javaName()} of its function group ({@link #groupOf}), called on a group object of that instance
 * by a {@link HostCall} ({@link WasiCalls}), which compiled code calls without a method handle; a method returning an
 * errno is wrapped by {@link ErrnoMapping#catching}.
 * Only what a module imports is made (the linker calls the code suppliers of imported functions alone), since each
 * handle costs time at start-up.
 */
public final class Bindings {
    private Bindings() {}

    /** The function group class that implements {@code f}. */
    public static Class<?> groupOf(Function f) {
        return switch (f) {
            case ARGS_GET, ARGS_SIZES_GET, ENVIRON_GET, ENVIRON_SIZES_GET -> Args.class;
            case CLOCK_RES_GET, CLOCK_TIME_GET -> Clocks.class;
            case FD_READ, FD_WRITE, FD_PREAD, FD_PWRITE, FD_SEEK, FD_TELL -> FdIo.class;
            case FD_READDIR -> Readdir.class;
            case FD_ADVISE, FD_ALLOCATE, FD_CLOSE, FD_DATASYNC, FD_FDSTAT_GET, FD_FDSTAT_SET_FLAGS,
                    FD_FDSTAT_SET_RIGHTS, FD_FILESTAT_GET, FD_FILESTAT_SET_SIZE, FD_FILESTAT_SET_TIMES,
                    FD_PRESTAT_GET, FD_PRESTAT_DIR_NAME, FD_RENUMBER, FD_SYNC -> Fds.class;
            case PATH_CREATE_DIRECTORY, PATH_FILESTAT_GET, PATH_FILESTAT_SET_TIMES, PATH_LINK, PATH_OPEN,
                    PATH_READLINK, PATH_REMOVE_DIRECTORY, PATH_RENAME, PATH_SYMLINK, PATH_UNLINK_FILE -> Paths.class;
            case POLL_ONEOFF -> Poll.class;
            case PROC_EXIT, PROC_RAISE -> Proc.class;
            case RANDOM_GET -> Random.class;
            case SCHED_YIELD -> Sched.class;
            case SOCK_ACCEPT, SOCK_RECV, SOCK_SEND, SOCK_SHUTDOWN -> Sockets.class;
        };
    }

    private static Object newGroup(Class<?> type, WasiContext context, GuestMemory memory, Abi abi) {
        if (type == Args.class) {
            return new Args(context, memory);
        } else if (type == Clocks.class) {
            return new Clocks(context, memory);
        } else if (type == Fds.class) {
            return new Fds(context, memory, abi);
        } else if (type == FdIo.class) {
            return new FdIo(context, memory, abi);
        } else if (type == Readdir.class) {
            return new Readdir(context, memory);
        } else if (type == Paths.class) {
            return new Paths(context, memory, abi);
        } else if (type == Poll.class) {
            return new Poll(context, memory, abi);
        } else if (type == Proc.class) {
            return new Proc(context);
        } else if (type == Random.class) {
            return new Random(context, memory);
        } else if (type == Sched.class) {
            return new Sched();
        }
        return new Sockets(context, memory);
    }

    /** The ABI whose module name is {@code module}, or null when it is not a WASI module. */
    public static Abi abi(String module) {
        for (Abi abi : Abi.values()) {
            if (abi.module.equals(module)) {
                return abi;
            }
        }
        return null;
    }

    /** The function {@code module.name}, or null when WASI has none. */
    public static Function find(String module, String name) {
        Abi abi = abi(module);
        if (abi == null || name.isEmpty() || !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        try {
            Function f = Function.valueOf(name.toUpperCase(java.util.Locale.ROOT));
            return f.in(abi) ? f : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The handle of {@code f}'s method, taking its group object first. */
    public static MethodHandle method(Function f) {
        MethodType type = FunctionType.parse(f.signature()).methodType();
        try {
            return MethodHandles.publicLookup().findVirtual(groupOf(f), f.javaName(), type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no method " + groupOf(f).getSimpleName() + "." + f.javaName() + type
                    + " for " + f.wasiName(), e);
        }
    }

    /**
     * Offers every function of both WASI modules ({@code wasi_snapshot_preview1} and {@code wasi_unstable}) in its
     * witx type, bound to {@code context} and the offer's memory; group objects are made on first use, one per ABI.
     */
    public static void offer(HostFunctions offer, WasiContext context) {
        GuestMemory memory = offer.memory();
        for (Abi abi : Abi.values()) {
            Map<Class<?>, Object> groups = new HashMap<>();
            for (Function f : Function.values()) {
                if (f.in(abi)) {
                    offer.addCall(abi.module, f.wasiName(), FunctionType.parse(f.signature()),
                            new Maker(f, abi, context, memory, groups));
                }
            }
        }
    }

    /**
     * Makes one function's host call on its group object, made on first use. A class, not a lambda: the first lambda
     * of a JVM costs 10 ms of CPU, and a runnable jar has no ahead-of-time cache to keep it (RATIONALE.md).
     */
    private static final class Maker implements Supplier<HostCall> {
        private final Function f;
        private final Abi abi;
        private final WasiContext context;
        private final GuestMemory memory;
        private final Map<Class<?>, Object> groups;

        Maker(Function f, Abi abi, WasiContext context, GuestMemory memory, Map<Class<?>, Object> groups) {
            this.f = f;
            this.abi = abi;
            this.context = context;
            this.memory = memory;
            this.groups = groups;
        }

        @Override
        public HostCall get() {
            Class<?> type = groupOf(f);
            Object group = groups.get(type);
            if (group == null) {
                groups.put(type, group = newGroup(type, context, memory, abi));
            }
            HostCall call = WasiCalls.of(f, group);
            return f == Function.PROC_EXIT ? call : ErrnoMapping.catching(call);
        }
    }
}
