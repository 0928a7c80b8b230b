package dev.wasm2jar.runtime.host;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the host modules of a {@link Linker} offer one instantiation: functions by module, name and type, and the
 * memory of the instance being linked.
 *
 * <p>A function's code is a {@link Supplier} of its method handle, called only when an import takes that function:
 * making method handles is most of what linking costs at start-up, and a program imports a few of the functions a
 * host module has. The same module and name may be offered in several types (WasmEdge's sockets have a V1 and a V2
 * form of some calls); the linker binds the one whose type equals the import's.
 */
public final class HostFunctions {
    /** One offered function. */
    private record Offer(FunctionType type, Supplier<MethodHandle> code) {}

    private final GuestMemory memory = new GuestMemory();
    private final Map<String, Map<String, List<Offer>>> byModule = new HashMap<>();

    /** An empty offer with an unbound memory. A {@link Linker} makes one per instantiation. */
    public HostFunctions() {}

    /**
     * The memory of the instance being linked: its export {@code memory}, or the memory it imports, which is bound
     * before its start function runs. Reading it before it is bound traps.
     */
    public GuestMemory memory() {
        return memory;
    }

    /**
     * Offers {@code module.name} of wasm type {@code type}. {@code code} makes its method handle, of
     * {@link FunctionType#methodType()} or adaptable to it with {@code asType}; it runs at most once, when an import
     * takes this function. The first offer of a module, name and type stands: host modules are asked in the
     * linker's order, and an earlier one wins.
     */
    public HostFunctions add(String module, String name, FunctionType type, Supplier<MethodHandle> code) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Map<String, List<Offer>> names = byModule.get(module);
        if (names == null) {
            byModule.put(module, names = new HashMap<>());
        }
        List<Offer> offers = names.get(name);
        if (offers == null) {
            names.put(name, offers = new ArrayList<>(1));
        }
        for (Offer o : offers) {
            if (o.type().equals(type)) {
                return this;
            }
        }
        offers.add(new Offer(type, code));
        return this;
    }

    /** The types {@code module.name} is offered in, in the order they were added; empty when it is not offered. */
    public List<FunctionType> types(String module, String name) {
        return offers(module, name).stream().map(Offer::type).toList();
    }

    /** Whether anything is offered under the module name {@code module}. */
    public boolean hasModule(String module) {
        return byModule.containsKey(module);
    }

    /** The code of {@code module.name} in type {@code type}, made now; null when it is not offered in that type. */
    public MethodHandle code(String module, String name, FunctionType type) {
        Offer o = offer(module, name, type);
        return o == null ? null : made(o, module, name);
    }

    /**
     * The function offered as {@code module.name} in type {@code type}, named {@code label}, whose code is made when it
     * is first called ({@link WasmFunction#lazy}); null when it is not offered in that type.
     */
    public WasmFunction function(String module, String name, FunctionType type, String label) {
        Offer o = offer(module, name, type);
        return o == null ? null : WasmFunction.lazy(type, label, new Maker(o, module, name));
    }

    private Offer offer(String module, String name, FunctionType type) {
        for (Offer o : offers(module, name)) {
            if (o.type().equals(type)) {
                return o;
            }
        }
        return null;
    }

    private static MethodHandle made(Offer o, String module, String name) {
        MethodHandle code = o.code().get();
        if (code == null) {
            throw new NullPointerException("the code of " + module + "." + name + " is null");
        }
        return code;
    }

    /** Makes an offered function's code when it is first called (a class, not a lambda: see Linker's start-up). */
    private record Maker(Offer offer, String module, String name) implements Supplier<MethodHandle> {
        @Override
        public MethodHandle get() {
            return made(offer, module, name);
        }
    }

    private List<Offer> offers(String module, String name) {
        Map<String, List<Offer>> names = byModule.get(module);
        List<Offer> offers = names == null ? null : names.get(name);
        return offers == null ? List.of() : offers;
    }
}
