package dev.wasm2jar.runtime;

import dev.wasm2jar.runtime.abi.CompiledInstance;
import dev.wasm2jar.runtime.abi.MeteredInstance;
import dev.wasm2jar.runtime.internal.CompiledClasses;
import java.util.Collections;
import java.util.Map;

/** An instantiated module: its exports by name. */
public final class Instance {
    private final Module module;
    private final Map<String, Object> exports;
    private final CompiledInstance generated;

    Instance(Module module, Map<String, Object> exports, CompiledInstance generated) {
        this.module = module;
        this.exports = Collections.unmodifiableMap(exports);
        this.generated = generated;
    }

    public Module module() {
        return module;
    }

    /** Every export by name, in the module's order: WasmFunction, Memory, Table, Global or Tag values. */
    public Map<String, Object> exports() {
        return exports;
    }

    /** The exported function {@code name}. */
    public WasmFunction function(String name) {
        return export(name, WasmFunction.class, "function");
    }

    public Memory memory(String name) {
        return export(name, Memory.class, "memory");
    }

    public Table table(String name) {
        return export(name, Table.class, "table");
    }

    public Global global(String name) {
        return export(name, Global.class, "global");
    }

    /** The exported tag {@code name}: what the guest's exceptions of it carry ({@link ThrownException#tag()}). */
    public Tag tag(String name) {
        return export(name, Tag.class, "tag");
    }

    /**
     * Stops the guest, from any thread: the wasm code of this instance running now traps with
     * {@link StoppedException} ({@code interrupted}) at its next function entry or loop head, and so does every later
     * call. Other instances, of this module or any other, run on. A guest inside a host function (or a call into
     * another instance) stops once that returns.
     *
     * @throws IllegalStateException when the module was compiled without metering ({@link Module#metered()})
     */
    public void interrupt() {
        metered("interruption").stop(StoppedException.Reason.INTERRUPTED);
    }

    /**
     * The fuel this instance has left of {@link Limits#fuel()}: one unit goes on every function call and loop
     * iteration. 0 once it ran out.
     *
     * @throws IllegalStateException when the module was compiled without metering ({@link Module#metered()})
     */
    public long remainingFuel() {
        return metered("fuel").fuel();
    }

    private MeteredInstance metered(String what) {
        if (!(generated instanceof MeteredInstance m)) {
            throw new IllegalStateException(CompiledClasses.notMetered(module.instanceClass(), what));
        }
        return m;
    }

    private <T> T export(String name, Class<T> kind, String kindName) {
        Object value = exports.get(name);
        if (!kind.isInstance(value)) {
            throw new IllegalArgumentException("the module exports no " + kindName + " named '" + name + "'");
        }
        return kind.cast(value);
    }
}
