package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.ISTORE;

import org.objectweb.asm.Type;

/**
 * The forms a {@code v128} takes in JVM locals: the same 128 bits as two longs, four ints, four floats or two
 * doubles. Every form fills four local slots, element 0 first, each element holding the vector's bits in wasm's
 * little-endian lane order (element 0 of {@link #L2} is bytes 0-7, element 1 of {@link #I4} is bytes 4-7).
 */
enum Shape {
    /** Two long halves: the canonical form, for branches, calls and the byte and short lanes. */
    L2(Type.LONG_TYPE),
    /** Four ints: i32x4 lanes. */
    I4(Type.INT_TYPE),
    /** Four floats: f32x4 lanes. */
    F4(Type.FLOAT_TYPE),
    /** Two doubles: f64x2 lanes. */
    D2(Type.DOUBLE_TYPE);

    final Type element;

    Shape(Type element) {
        this.element = element;
    }

    int elements() {
        return 4 / element.getSize();
    }

    /** The local slot of element {@code k} in a vector whose first slot is {@code base}. */
    int slot(int base, int k) {
        return base + k * element.getSize();
    }

    int loadOpcode() {
        return element.getOpcode(ILOAD);
    }

    int storeOpcode() {
        return element.getOpcode(ISTORE);
    }

    String descriptor() {
        return element.getDescriptor();
    }
}
