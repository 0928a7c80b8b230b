package dev.wasm2jar.nn.backend;

import java.util.Locale;

/** Where a graph runs, with WasmEdge's numbers ({@code Device} in wasinntypes.h) and {@code --nn-preload} names. */
public enum ExecutionTarget {
    CPU(0),
    GPU(1),
    TPU(2),
    AUTO(3);

    /** The number a guest passes. */
    public final int code;

    ExecutionTarget(int code) {
        this.code = code;
    }

    /** The target numbered {@code code}, or null. */
    public static ExecutionTarget of(int code) {
        for (ExecutionTarget t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The target {@code --nn-preload} calls {@code name} (any case: {@code cpu}, {@code GPU}), or null. */
    public static ExecutionTarget named(String name) {
        for (ExecutionTarget t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }

    /** The name {@code --nn-preload} uses. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
