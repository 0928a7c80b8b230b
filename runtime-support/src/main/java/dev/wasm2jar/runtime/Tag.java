package dev.wasm2jar.runtime;

/**
 * A WebAssembly exception tag: what a {@code throw} names and a {@code catch} matches, by identity. Each instantiation
 * of a module that defines a tag makes a new one; a module that imports a tag shares the exporter's. A host may make
 * its own and offer it as an import, to throw and catch {@link ThrownException}s of that tag from Java.
 */
public final class Tag {
    private final FunctionType type;
    private final dev.wasm2jar.runtime.abi.GcType gcType;

    /** A new tag whose exceptions carry values of {@code type}'s parameters ({@code type} has no results). */
    public Tag(FunctionType type) {
        this(type, null);
    }

    /**
     * A tag of a module with GC types, whose type is {@code gcType} canonically (an equal signature of another
     * recursion group is another type); the runtime makes these.
     */
    public Tag(FunctionType type, dev.wasm2jar.runtime.abi.GcType gcType) {
        if (!type.results().isEmpty()) {
            throw new IllegalArgumentException("a tag's type has no results: " + type);
        }
        this.type = type;
        this.gcType = gcType;
    }

    /** The canonical type of a tag of a module with GC types, or null. */
    public dev.wasm2jar.runtime.abi.GcType gcType() {
        return gcType;
    }

    /** The values its exceptions carry: the parameters of this type. */
    public FunctionType type() {
        return type;
    }

    @Override
    public String toString() {
        return "tag " + type;
    }
}
