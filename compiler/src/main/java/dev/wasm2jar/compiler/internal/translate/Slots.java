package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.runtime.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Type;

/**
 * Where one method keeps its values in JVM local slots. A function's own method takes {@code (params..., self)} as
 * its parameters, then holds the declared locals and, when the function is split, its frame ({@code long[]} and
 * {@code Object[]}). A part takes {@code (frame, refs, self)}, then holds every wasm local. After these, slots are
 * handed out as translation asks: the memory's bytes, vectors, temporaries.
 */
final class Slots {
    private final int[] locals;
    private final int self;
    private final int frame;
    private final int refs;
    private int next;
    private final Map<Integer, Integer> scratch = new HashMap<>();

    private Slots(int[] locals, int self, int frame, int refs, int next) {
        this.locals = locals;
        this.self = self;
        this.frame = frame;
        this.refs = refs;
        this.next = next;
    }

    /** A function's own method; {@code split} when it has a frame to pass to its parts. */
    static Slots ofFunction(List<ValueType> localTypes, int params, boolean split) {
        int[] locals = new int[localTypes.size()];
        int slot = 0;
        for (int i = 0; i < params; i++) {
            locals[i] = slot;
            slot += JvmTypes.size(localTypes.get(i));
        }
        int self = slot++;
        for (int i = params; i < localTypes.size(); i++) {
            locals[i] = slot;
            slot += JvmTypes.size(localTypes.get(i));
        }
        int frame = split ? slot++ : -1;
        int refs = split ? slot++ : -1;
        return new Slots(locals, self, frame, refs, slot);
    }

    /** A part of a split function. */
    static Slots ofPart(List<ValueType> localTypes) {
        int[] locals = new int[localTypes.size()];
        int slot = 3;
        for (int i = 0; i < localTypes.size(); i++) {
            locals[i] = slot;
            slot += JvmTypes.size(localTypes.get(i));
        }
        return new Slots(locals, 2, 0, 1, slot);
    }

    /** The slot of wasm local {@code index} (for a vector, see {@link Vectors}). */
    int local(int index) {
        return locals[index];
    }

    /** The instance. */
    int self() {
        return self;
    }

    /** The {@code long[]} frame of a split function, or -1. */
    int frame() {
        return frame;
    }

    /** The {@code Object[]} frame of a split function's references, or -1. */
    int refs() {
        return refs;
    }

    /** {@code n} new slots; returns the first. */
    int allocate(int n) {
        int slot = next;
        next += n;
        return slot;
    }

    /** A new slot for a value of {@code type}. */
    int temp(ValueType type) {
        return allocate(JvmTypes.size(type));
    }

    /** A slot of {@code type} for values that live within one instruction's code; one per type and method. */
    int scratch(Type type) {
        return scratch.computeIfAbsent(type.getSort(), sort -> allocate(type.getSize()));
    }
}
