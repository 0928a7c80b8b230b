package dev.wasm2jar.runtime.abi;

/**
 * What the class of a module with GC types implements, so that the runtime can evaluate the constant expressions
 * that make structs and arrays (global initializers, element items) with the module's own struct classes.
 */
public interface GcFactory {
    /** The canonical type at {@code typeIndex} of the module. */
    GcType gcType(int typeIndex);

    /** {@code struct.new typeIndex} with every field's value boxed, or {@code struct.new_default} when null. */
    GcStruct newStruct(int typeIndex, Object[] fields);
}
