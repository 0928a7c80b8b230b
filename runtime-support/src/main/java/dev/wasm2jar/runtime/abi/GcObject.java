package dev.wasm2jar.runtime.abi;

/**
 * A value of the GC proposal's {@code eq} hierarchy: an {@link I31}, a {@link GcStruct} or a {@link GcArray}. Any
 * other Java object a guest holds as an {@code anyref} is a host value that came in through
 * {@code any.convert_extern}: it is an {@code any} but not an {@code eq}, which {@code instanceof GcObject} tells.
 */
public abstract class GcObject {
    GcObject() {}
}
