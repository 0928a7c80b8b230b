package dev.wasm2jar.nn.internal;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.host.ErrorCodes;
import dev.wasm2jar.runtime.host.HostFunctions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Offers a group of host functions whose parameters and result are all i32: wasm name {@code load_by_name} is the
 * group's public method {@code loadByName(int, int, int)}, bound to the group object of the instance and wrapped so
 * that its failures become the group's codes. Nothing is made until an import takes a function.
 */
public final class Exports {
    private Exports() {}

    public static <T> void offer(HostFunctions offer, String module, Class<T> group, Map<String, Integer> functions,
            Supplier<T> instance, ErrorCodes.Mapper codes) {
        functions.forEach((name, arity) -> offer.add(module, name, FunctionType.parse("i".repeat(arity) + ":i"),
                () -> ErrorCodes.catching(method(group, name, arity).bindTo(instance.get()), codes)));
    }

    /** A supplier that makes its value once, on first use. */
    public static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    static MethodHandle method(Class<?> group, String name, int arity) {
        MethodType type = MethodType.methodType(int.class, Collections.nCopies(arity, int.class));
        try {
            return MethodHandles.publicLookup().findVirtual(group, javaName(name), type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no method " + group.getSimpleName() + "." + javaName(name) + type, e);
        }
    }

    /** {@code load_by_name} → {@code loadByName}. */
    static String javaName(String wasmName) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : wasmName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
