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
 * that its failures become the group's codes. Nothing is made until an import takes a function, and offering makes
 * no lambda: every run offers these, NN or not, and the first lambda of a JVM costs tens of milliseconds.
 */
public final class Exports {
    private Exports() {}

    /** The group object of one instance, made when its first function is taken. */
    public abstract static class Group<T> {
        private T instance;

        /** Makes the group object. */
        protected abstract T make();

        synchronized T get() {
            if (instance == null) {
                instance = make();
            }
            return instance;
        }
    }

    /** One offered function's code. */
    private static final class Code implements Supplier<MethodHandle> {
        private final String name;
        private final int arity;
        private final Group<?> group;
        private final ErrorCodes.Mapper codes;

        Code(String name, int arity, Group<?> group, ErrorCodes.Mapper codes) {
            this.name = name;
            this.arity = arity;
            this.group = group;
            this.codes = codes;
        }

        @Override
        public MethodHandle get() {
            Object instance = group.get();
            return ErrorCodes.catching(method(instance.getClass(), name, arity).bindTo(instance), codes);
        }
    }

    /**
     * Offers {@code functions} (wasm name to parameter count) of {@code module}, each the method of that name of the
     * object {@code group} makes. The group's class is not loaded until an import takes one of them.
     */
    public static void offer(HostFunctions offer, String module, Map<String, Integer> functions, Group<?> group,
            ErrorCodes.Mapper codes) {
        for (Map.Entry<String, Integer> f : functions.entrySet()) {
            offer.add(module, f.getKey(), FunctionType.parse(SIGNATURES[f.getValue()]),
                    new Code(f.getKey(), f.getValue(), group, codes));
        }
    }

    /** The signature of i32 functions of i32 parameters, by parameter count. */
    private static final String[] SIGNATURES = {":i", "i:i", "ii:i", "iii:i", "iiii:i", "iiiii:i", "iiiiii:i",
        "iiiiiii:i"};

    static MethodHandle method(Class<?> type, String name, int arity) {
        MethodType signature = MethodType.methodType(int.class, Collections.nCopies(arity, int.class));
        try {
            return MethodHandles.publicLookup().findVirtual(type, javaName(name), signature);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no method " + type.getSimpleName() + "." + javaName(name) + signature, e);
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
