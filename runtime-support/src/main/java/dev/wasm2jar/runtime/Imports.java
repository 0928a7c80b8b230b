package dev.wasm2jar.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * What a module may import: {@link WasmFunction}s, {@link Memory}s, {@link Table}s, {@link Global}s and {@link Tag}s
 * by module and field name. Other instances' exports come in whole with {@link #addInstance}.
 */
public final class Imports {
    private final Map<String, Map<String, Object>> byModule = new HashMap<>();

    public static Imports empty() {
        return new Imports();
    }

    /** Offers {@code value} (a function, memory, table, global or tag) as {@code module.name}. */
    public Imports add(String module, String name, Object value) {
        if (!(value instanceof WasmFunction || value instanceof Memory || value instanceof Table
                || value instanceof Global || value instanceof Tag)) {
            throw new IllegalArgumentException("cannot import a " + (value == null ? "null" : value.getClass()));
        }
        byModule.computeIfAbsent(module, m -> new HashMap<>()).put(name, value);
        return this;
    }

    /** Offers every export of {@code instance} under the module name {@code module} (the spec's "register"). */
    public Imports addInstance(String module, Instance instance) {
        instance.exports().forEach((name, value) -> add(module, name, value));
        return this;
    }

    /** The value offered as {@code module.name}, or null. */
    public Object find(String module, String name) {
        Map<String, Object> fields = byModule.get(module);
        return fields == null ? null : fields.get(name);
    }
}
