package dev.wasm2jar.runtime;

import java.util.Collections;
import java.util.Map;

/** An instantiated module: its exports by name. */
public final class Instance {
    private final Module module;
    private final Map<String, Object> exports;

    Instance(Module module, Map<String, Object> exports) {
        this.module = module;
        this.exports = Collections.unmodifiableMap(exports);
    }

    public Module module() {
        return module;
    }

    /** Every export by name, in the module's order: WasmFunction, Memory, Table or Global values. */
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

    private <T> T export(String name, Class<T> kind, String kindName) {
        Object value = exports.get(name);
        if (!kind.isInstance(value)) {
            throw new IllegalArgumentException("the module exports no " + kindName + " named '" + name + "'");
        }
        return kind.cast(value);
    }
}
