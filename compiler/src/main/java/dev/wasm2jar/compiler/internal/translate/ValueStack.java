package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * The types on the wasm operand stack while a function is translated. The JVM operand stack holds the same values;
 * this mirror tells which pop, dup and store instructions they need.
 */
final class ValueStack {
    private final List<ValueType> types = new ArrayList<>();
    /** The lowest height since {@link #takeLow()} last ran. */
    private int low;

    void push(ValueType t) {
        types.add(t);
    }

    void pushAll(List<ValueType> ts) {
        types.addAll(ts);
    }

    ValueType pop() {
        ValueType t = types.remove(types.size() - 1);
        low = Math.min(low, types.size());
        return t;
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
}
