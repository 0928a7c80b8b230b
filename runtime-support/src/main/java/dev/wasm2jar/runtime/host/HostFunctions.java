package dev.wasm2jar.runtime.host;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HostCall;
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
 * <p>A function's code is a {@link Supplier} of its {@link HostCall} ({@link #addCall}, for functions of numbers) or of
 * its method handle ({@link #add}), called only when an import takes that function: a program imports a few of the
 * functions a host module has, and making a method handle costs start-up time. The same module and name may be
 * offered in several types (WasmEdge's sockets have a V1 and a V2 form of some calls); the linker binds the one whose
 * type equals the import's.
 */
public final class HostFunctions {
    /** One offered function: its code is a method handle or a host call. */
    private record Offer(FunctionType type, Supplier<MethodHandle> code, Supplier<HostCall> call) {}

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
        Objects.requireNonNull(code, "code");
        return add(module, name, new Offer(Objects.requireNonNull(type, "type"), code, null));
    }

    /**
     * Offers {@code module.name} of wasm type {@code type} as a {@link HostCall}, which compiled code calls without a
     * method handle: the form that costs least at start-up, for types that {@link HostCall#fits} (numbers only, at most
     * one result). {@code call} runs at most once, when an import takes this function; the first offer of a module,
     * name and type stands, as for {@link #add}.
     *
     * @throws IllegalArgumentException when {@code type} does not fit a host call
     */
    public HostFunctions addCall(String module, String name, FunctionType type, Supplier<HostCall> call) {
        Objects.requireNonNull(call, "call");
        if (!HostCall.fits(Objects.requireNonNull(type, "type"))) {
            throw new IllegalArgumentException(module + "." + name + ": a function of type " + type
                    + " cannot be a host call; offer a method handle");
        }
        return add(module, name, new Offer(type, null, call));
    }

    private HostFunctions add(String module, String name, Offer offer) {
        Map<String, List<Offer>> names = byModule.get(module);
        if (names == null) {
            byModule.put(module, names = new HashMap<>());
        }
        List<Offer> offers = names.get(name);
        if (offers == null) {
            names.put(name, offers = new ArrayList<>(1));
        }
        for (Offer o : offers) {
            if (o.type().equals(offer.type())) {
                return this;
            }
        }
        offers.add(offer);
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
        if (o == null) {
            return null;
        }
        return o.call() != null ? WasmFunction.lazyCall(type, module + "." + name, o.call()).handle()
                : made(o, module, name);
    }

    /**
     * The function offered as {@code module.name} in type {@code type}, named {@code label}, whose code is made when it
     * is first called ({@link WasmFunction#lazy}); null when it is not offered in that type.
     */
    public WasmFunction function(String module, String name, FunctionType type, String label) {
        Offer o = offer(module, name, type);
        if (o == null) {
            return null;
        }
        return o.call() != null ? WasmFunction.lazyCall(type, label, o.call())
                : WasmFunction.lazy(type, label, new Maker(o, module, name));
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
