package dev.wasm2jar.runtime;

import java.util.Arrays;

/**
 * A table of references: {@link WasmFunction}s for {@code funcref} tables, any Java object for {@code externref}
 * ones; null is the null reference.
 */
public final class Table {
    /** Tables are Java arrays, so at most this many elements. */
    public static final int MAX_ELEMENTS = 10_000_000;

    private final ValueType elementType;
    private final long maxSize;
    private final boolean address64;
    private Object[] elements;

    /**
     * @param elementType {@link ValueType#FUNCREF} or {@link ValueType#EXTERNREF}
     * @param initialSize elements now
     * @param maxSize the declared maximum, or -1 for none
     * @param initialValue what every element holds at first
     */
    public Table(ValueType elementType, long initialSize, long maxSize, Object initialValue) {
        this(elementType, initialSize, maxSize, initialValue, false);
    }

    /**
     * {@link #Table(ValueType, long, long, Object)}, of 64-bit indices when {@code address64} (memory64): its type,
     * which an import must match. It is a Java array all the same, of at most {@link #MAX_ELEMENTS}.
     */
    public Table(ValueType elementType, long initialSize, long maxSize, Object initialValue, boolean address64) {
        if (!elementType.isReference()) {
            throw new IllegalArgumentException("a table holds references, not " + elementType);
        }
        if (initialSize > MAX_ELEMENTS) {
            throw new UninstantiableException("table of " + initialSize + " elements is too large");
        }
        this.elementType = elementType;
        this.maxSize = maxSize;
        this.address64 = address64;
        this.elements = new Object[(int) initialSize];
        if (initialValue != null) {
            Arrays.fill(elements, initialValue);
        }
    }

    public ValueType elementType() {
        return elementType;
    }

    /** Whether the table has 64-bit indices (memory64). */
    public boolean address64() {
        return address64;
    }

    /** The declared maximum, or -1 when there is none. */
    public long maxSize() {
        return maxSize;
    }

    public int size() {
        return elements.length;
    }

    public Object get(int index) {
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw new TrapException("out of bounds table access");
        }
        return elements[index];
    }

    public void set(int index, Object value) {
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw new TrapException("out of bounds table access");
        }
        elements[index] = value;
    }

    /** {@code table.grow}: the old size, or -1 when the table cannot grow by that much. */
    public int grow(int delta, Object initialValue) {
        int old = elements.length;
        long wanted = old + Integer.toUnsignedLong(delta);
        long limit = maxSize < 0 ? 0xFFFF_FFFFL : maxSize;
        if (wanted > limit || wanted > MAX_ELEMENTS) {
            return -1;
        }
        Object[] grown = Arrays.copyOf(elements, (int) wanted);
        if (initialValue != null) {
            Arrays.fill(grown, old, (int) wanted, initialValue);
        }
        elements = grown;
        return old;
    }

    /** The backing array, for the table instructions of compiled code. Replaced by {@link #grow}. */
    public Object[] elements() {
        return elements;
    }
}
