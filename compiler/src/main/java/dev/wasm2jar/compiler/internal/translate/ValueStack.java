package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * The types on the wasm operand stack while a function is translated. The JVM operand stack holds the same values
 * except vectors; this mirror tells which pop, dup and store instructions they need. A {@code v128} entry is not on
 * the JVM stack: {@link Vectors} keeps it in locals, and the entry says in which {@link Shape}, whether it still
 * reads a wasm local's slots directly ({@code alias}, the local's index, or -1), and which flexible instruction made
 * it ({@code producer}, its index in the body, or -1), for {@link ShapePlan}.
 */
final class ValueStack {
    private final List<ValueType> types = new ArrayList<>();
    /** The lowest height since {@link #takeLow()} last ran. */
    private int low;
    private final List<Shape> shapes = new ArrayList<>();
    private final List<Integer> aliases = new ArrayList<>();
    private final List<Integer> producers = new ArrayList<>();
    /** Whether a reference was ever pushed. */
    private boolean heldReference;

    /** Pushes a value; a vector in the canonical shape in its own slots. */
    void push(ValueType t) {
        heldReference |= t.isReference();
        types.add(t);
        shapes.add(t == ValueType.V128 ? Shape.L2 : null);
        aliases.add(-1);
        producers.add(-1);
    }

    void pushVector(Shape shape, int alias, int producer) {
        types.add(ValueType.V128);
        shapes.add(shape);
        aliases.add(alias);
        producers.add(producer);
    }

    /** Whether a reference was ever on the stack: without one, no operand a part passes on needs {@code refs}. */
    boolean heldReference() {
        return heldReference;
    }

    void pushAll(List<ValueType> ts) {
        ts.forEach(this::push);
    }

    ValueType pop() {
        int last = types.size() - 1;
        shapes.remove(last);
        aliases.remove(last);
        producers.remove(last);
        ValueType t = types.remove(last);
        low = Math.min(low, types.size());
        return t;
    }

    /**
     * The instruction reads the top {@code n} values and leaves them ({@code local.tee}; a branch, which carries
     * them): for {@link #takeLow()} they count as popped, since a part of a split function that starts with it must
     * take them from below its start too.
     */
    void reads(int n) {
        low = Math.min(low, types.size() - n);
    }

    /** The lowest height reached since the last call (an instruction may pop below where it started and end above). */
    int takeLow() {
        int l = low;
        low = types.size();
        return l;
    }

    void pop(int n) {
        for (int i = 0; i < n; i++) {
            pop();
        }
    }

    /** The type {@code depth} below the top (0 is the top). */
    ValueType peek(int depth) {
        return types.get(types.size() - 1 - depth);
    }

    /** The type at {@code position}, counted from the bottom (0). */
    ValueType type(int position) {
        return types.get(position);
    }

    Shape shape(int position) {
        return shapes.get(position);
    }

    int alias(int position) {
        return aliases.get(position);
    }

    int producer(int position) {
        return producers.get(position);
    }

    void setVector(int position, Shape shape, int alias) {
        shapes.set(position, shape);
        aliases.set(position, alias);
    }

    int size() {
        return types.size();
    }

    /** Drops everything above {@code height}. */
    void truncate(int height) {
        while (types.size() > height) {
            pop();
        }
    }

    /** The types from {@code from} to the top, bottom first. */
    List<ValueType> slice(int from) {
        return new ArrayList<>(types.subList(from, types.size()));
    }

    /** What the stack holds now, to {@link #restore} after emitting code for another path (a catch handler). */
    ValueStack snapshot() {
        return copy();
    }

    void restore(ValueStack saved) {
        types.clear();
        types.addAll(saved.types);
        shapes.clear();
        shapes.addAll(saved.shapes);
        aliases.clear();
        aliases.addAll(saved.aliases);
        producers.clear();
        producers.addAll(saved.producers);
    }

    private ValueStack copy() {
        ValueStack c = new ValueStack();
        c.types.addAll(types);
        c.shapes.addAll(shapes);
        c.aliases.addAll(aliases);
        c.producers.addAll(producers);
        c.low = low;
        return c;
    }
}
