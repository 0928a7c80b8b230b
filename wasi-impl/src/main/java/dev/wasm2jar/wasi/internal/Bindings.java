package dev.wasm2jar.wasi.internal;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmFunction;
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
import dev.wasm2jar.wasi.internal.spec.Abi;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Makes the WASI functions of one instance: every {@link HostFunction} of every function group, as a
 * {@link WasmFunction} whose handle is the group's method bound to its object (primitive arguments, no boxing),
 * under {@code wasi_snapshot_preview1} and, where preview 0 has the function, {@code wasi_unstable}.
 */
public final class Bindings {
    /** One host function of a group class. */
    public record Export(String name, FunctionType type, MethodHandle unbound, boolean preview1Only,
            boolean returnsErrno) {}

    private static final ClassValue<List<Export>> EXPORTS = new ClassValue<>() {
        @Override
        protected List<Export> computeValue(Class<?> group) {
            return exportsOf(group);
        }
    };

    private Bindings() {}

    /** The function groups of one instance in one ABI. */
    static List<Object> groups(WasiContext context, GuestMemory memory, Abi abi) {
        return List.of(new Args(context, memory), new Clocks(context, memory), new Fds(context, memory, abi),
                new FdIo(context, memory, abi), new Readdir(context, memory), new Paths(context, memory, abi),
                new Poll(context, memory, abi), new Proc(), new Random(context, memory), new Sched(),
                new Sockets(context, memory));
    }

    /** Adds every WASI function, bound to {@code context} and {@code memory}, to {@code imports}. */
    public static void addTo(Imports imports, WasiContext context, GuestMemory memory) {
        for (Abi abi : Abi.values()) {
            for (Object group : groups(context, memory, abi)) {
                for (Export e : EXPORTS.get(group.getClass())) {
                    if (abi == Abi.PREVIEW0 && e.preview1Only()) {
                        continue;
                    }
                    MethodHandle h = e.unbound().bindTo(group);
                    if (e.returnsErrno()) {
                        h = ErrnoMapping.catching(h);
                    }
                    imports.add(abi.module, e.name(), WasmFunction.of(e.type(), h, abi.module + "." + e.name()));
                }
            }
        }
    }

    /** Every function of {@code abi}, by name, for documentation and tests. */
    public static List<Export> exports(Abi abi) {
        List<Export> all = new ArrayList<>();
        for (Object group : groups(new WasiContext(List.of(), List.of()), new GuestMemory(), abi)) {
            for (Export e : EXPORTS.get(group.getClass())) {
                if (abi == Abi.PREVIEW1 || !e.preview1Only()) {
                    all.add(e);
                }
            }
        }
        all.sort(Comparator.comparing(Export::name));
        return all;
    }

    private static List<Export> exportsOf(Class<?> group) {
        List<Export> out = new ArrayList<>();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (Method m : group.getMethods()) {
            HostFunction f = m.getAnnotation(HostFunction.class);
            if (f == null) {
                continue;
            }
            List<ValueType> params = new ArrayList<>();
            for (Class<?> p : m.getParameterTypes()) {
                params.add(valueType(p, m));
            }
            List<ValueType> results = m.getReturnType() == void.class ? List.of()
                    : List.of(valueType(m.getReturnType(), m));
            try {
                out.add(new Export(f.value(), FunctionType.of(params, results), lookup.unreflect(m),
                        f.preview1Only(), m.getReturnType() == int.class));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(m + " is not public", e);
            }
        }
        return out;
    }

    private static ValueType valueType(Class<?> type, Method m) {
        if (type == int.class) {
            return ValueType.I32;
        }
        if (type == long.class) {
            return ValueType.I64;
        }
        throw new IllegalStateException(m + ": a WASI function takes and returns int and long only");
    }
}
