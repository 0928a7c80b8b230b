package dev.wasm2jar.runtime.abi;

/**
 * The superclass of every struct: the compiler writes one class per struct type of a module, with one typed JVM
 * field per wasm field ({@code f0}, {@code f1} ...), extending the class of its declared supertype (whose fields it
 * inherits, as wasm's subtyping keeps them as a prefix) or this class. {@code struct.get} is a {@code getfield}.
 */
public abstract class GcStruct extends GcObject {
    /** The canonical type, for casts. */
    public final GcType type;

    protected GcStruct(GcType type) {
        this.type = type;
    }

    @Override
    public String toString() {
        return "struct " + type;
    }
}
