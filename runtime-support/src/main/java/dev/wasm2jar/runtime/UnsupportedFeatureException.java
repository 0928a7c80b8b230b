package dev.wasm2jar.runtime;

/**
 * The module needs a feature of WebAssembly that wasm2jar does not compile (yet), or one that the compiler's options
 * leave out. It is not a {@link WasmException}: it says nothing about whether the module is valid, and a spec test
 * that expects the module to be invalid or malformed is not decided by it.
 */
public class UnsupportedFeatureException extends RuntimeException {
    private final Feature feature;
    private final boolean notEnabled;

    private UnsupportedFeatureException(Feature feature, boolean notEnabled, String where) {
        super("the module needs " + feature.description() + " (" + feature.flag() + "), which "
                + (notEnabled ? "is not enabled" : "wasm2jar does not support yet") + (where == null ? "" : ": " + where));
        this.feature = feature;
        this.notEnabled = notEnabled;
    }

    /**
     * wasm2jar does not compile {@code feature}, or not the part of it the module uses.
     *
     * @param where what needs it and where: {@code function 3 at byte 0x2a: struct.new}
     */
    public static UnsupportedFeatureException unsupported(Feature feature, String where) {
        return new UnsupportedFeatureException(feature, false, where);
    }

    /** wasm2jar would compile what the module uses of {@code feature}, but the options leave it out. */
    public static UnsupportedFeatureException notEnabled(Feature feature, String where) {
        return new UnsupportedFeatureException(feature, true, where);
    }

    public Feature feature() {
        return feature;
    }

    /** Whether enabling the feature would let the module compile. */
    public boolean notEnabled() {
        return notEnabled;
    }
}
