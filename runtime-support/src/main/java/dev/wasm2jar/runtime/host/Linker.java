package dev.wasm2jar.runtime.host;

import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Limits;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.UnlinkableException;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.abi.ModuleShape.Import;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.runtime.internal.Externs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Resolves a module's imports and instantiates it. Each import is taken from, in this order:
 * <ol>
 *   <li>what was {@link #define defined} explicitly, or exported by an instance {@link #defineInstance defined} as a
 *       module;</li>
 *   <li>the {@link HostModule}s, in the order they were added {@link #with}: the first that offers the import's
 *       module and name <em>in the import's type</em>.</li>
 * </ol>
 * An import nothing provides, or provides in another type, fails with one {@link UnlinkableException} line naming
 * the import, what it expects and what was found:
 * <pre>
 * unknown import env.foo (function [i32] -> [])
 * import wasi_snapshot_preview1.sock_open: expected [i32 i32 i32] -> [i32], the host offers [i32 i32] -> [i32]
 * </pre>
 *
 * <pre>{@code
 * try (Wasi wasi = Wasi.create(WasiConfig.defaults())) {
 *     Instance app = Linker.create().with(wasi).define("env", "log", log).instantiate(module);
 *     int exit = wasi.run(app);
 * }
 * }</pre>
 *
 * A linker is mutable and not thread-safe; it may instantiate many modules (a library, then the program that imports
 * it through {@link #defineInstance}). Host modules are asked to {@link HostModule#offer offer} their functions
 * anew for each instantiation, bound to that instance's memory.
 */
public final class Linker {
    private final List<HostModule> hostModules = new ArrayList<>();
    private final Imports definitions = Imports.empty();
    private Limits limits = Limits.NONE;

    private Linker() {}

    /** A linker with no definitions and no host modules. */
    public static Linker create() {
        return new Linker();
    }

    /** Adds a host module, asked after the explicit definitions and the host modules added before it. */
    public Linker with(HostModule hostModule) {
        hostModules.add(Objects.requireNonNull(hostModule));
        return this;
    }

    /**
     * Defines {@code module.name} as {@code value}: a {@link WasmFunction}, {@link dev.wasm2jar.runtime.Memory},
     * {@link dev.wasm2jar.runtime.Table} or {@link dev.wasm2jar.runtime.Global}. Definitions come before host modules.
     */
    public Linker define(String module, String name, Object value) {
        definitions.add(module, name, value);
        return this;
    }

    /** Defines every export of {@code instance} under the module name {@code module} (the spec's "register"). */
    public Linker defineInstance(String module, Instance instance) {
        definitions.addInstance(module, instance);
        return this;
    }

    /** What each instance this linker makes from now on may consume ({@link Limits#NONE} unless set). */
    public Linker limits(Limits limits) {
        this.limits = Objects.requireNonNull(limits);
        return this;
    }

    /**
     * Resolves every import of {@code module}, instantiates it within the {@link #limits} and runs its start
     * function. The host modules' memory ({@link HostFunctions#memory()}) is bound to the memory the module imports
     * before it is instantiated, or else to its export {@code memory} after.
     *
     * @throws UnlinkableException when an import is missing or has another type
     * @throws IllegalArgumentException when the limits need metering and the module was compiled without it
     */
    public Instance instantiate(Module module) {
        ModuleShape shape = module.shape();
        HostFunctions offered = new HostFunctions();
        if (!hostModules.isEmpty() && !shape.imports().isEmpty()) {
            for (HostModule h : hostModules) {
                h.offer(offered);
            }
        }
        List<Object> imports = new ArrayList<>(shape.imports().size());
        for (Import im : shape.imports()) {
            Object value = definitions.find(im.module(), im.name());
            if (value == null && im.kind() == ExternKind.FUNCTION) {
                value = hostFunction(shape, im, offered);
            }
            if (value == null) {
                throw new UnlinkableException("unknown import " + Externs.name(im) + " ("
                        + Externs.expected(shape, im) + ")");
            }
            if (im.kind() == ExternKind.MEMORY && value instanceof Memory m && !offered.memory().isBound()) {
                offered.memory().bind(m); // before a start function can call the host
            }
            imports.add(value);
        }
        Instance instance = module.instantiate(imports, limits);
        if (!offered.memory().isBound() && instance.exports().get("memory") instanceof Memory m) {
            offered.memory().bind(m);
        }
        return instance;
    }

    /** The host function for {@code im} in its type, or null when no host module offers its name. */
    private static WasmFunction hostFunction(ModuleShape shape, Import im, HostFunctions offered) {
        FunctionType expected = shape.types().get(im.typeIndex());
        WasmFunction function = offered.function(im.module(), im.name(), expected, Externs.name(im));
        if (function != null) {
            return function;
        }
        List<FunctionType> types = offered.types(im.module(), im.name());
        if (types.isEmpty()) {
            return null;
        }
        throw new UnlinkableException("import " + Externs.name(im) + ": expected " + Externs.type(expected)
                + ", the host offers " + types.stream().map(Externs::type).collect(Collectors.joining(" or ")));
    }
}
