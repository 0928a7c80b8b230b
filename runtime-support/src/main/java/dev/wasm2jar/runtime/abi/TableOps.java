package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Table;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;

/** Table instructions and the lookup behind {@code call_indirect}, for compiled code. */
public final class TableOps {
    private TableOps() {}

    /** The handle {@code call_ref} invokes: that of {@code function}, which the static types say has the right type. */
    public static MethodHandle handle(WasmFunction function) {
        if (function == null) {
            throw new TrapException("null function reference");
        }
        return function.handle();
    }

    /** The handle {@code return_call_ref} invokes: {@code function}'s tail handle. */
    public static MethodHandle tailHandle(WasmFunction function) {
        if (function == null) {
            throw new TrapException("null function reference");
        }
        return function.tailHandle();
    }

    /** The handle {@code return_call_indirect} invokes: that of {@link #element}'s tail handle. */
    public static MethodHandle tailFunction(int index, Table table, FunctionType expected) {
        return element(index, table, expected).tailHandle();
    }

    /**
     * The callee of {@code call_indirect}: the exact handle of the function at {@code index}, after the spec's checks
     * (index in bounds, element not null, type identical; types are interned, so identity is equality).
     */
    public static MethodHandle function(int index, Table table, FunctionType expected) {
        return element(index, table, expected).handle();
    }

    /** What {@code call_indirect} calls: element {@code index} of {@code table}, of type {@code expected}. */
    public static WasmFunction element(int index, Table table, FunctionType expected) {
        Object[] elements = table.elements();
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw new TrapException("undefined element");
        }
        Object element = elements[index];
        if (element == null) {
            throw new TrapException("uninitialized element " + index);
        }
        WasmFunction function = (WasmFunction) element;
        if (function.type() != expected) {
            throw new TrapException("indirect call type mismatch");
        }
        return function;
    }

    public static Object get(int index, Table table) {
        return table.get(index);
    }

    public static void set(int index, Object value, Table table) {
        table.set(index, value);
    }

    public static int size(Table table) {
        return table.size();
    }

    public static int grow(Object value, int delta, Table table) {
        return table.grow(delta, value);
    }

    public static void fill(int start, Object value, int length, Table table) {
        Object[] elements = table.elements();
        checkRange(start, length, elements.length);
        java.util.Arrays.fill(elements, start, start + length, value);
    }

    public static void copy(int dst, int src, int length, Table to, Table from) {
        checkRange(src, length, from.size());
        checkRange(dst, length, to.size());
        System.arraycopy(from.elements(), src, to.elements(), dst, length);
    }

    /** {@code table.init} from an element segment's values. */
    public static void init(int dst, int src, int length, Table table, Object[] segment) {
        checkRange(src, length, segment.length);
        checkRange(dst, length, table.size());
        System.arraycopy(segment, src, table.elements(), dst, length);
    }

    /**
     * An i64 index or length of a 64-bit table (memory64) as the unsigned int the helpers above take: itself below
     * 2^32, else 2^32-1, beyond every table alike (a table is a Java array).
     */
    public static int u32(long value) {
        return value >>> 32 == 0 ? (int) value : -1;
    }

    private static void checkRange(int start, int length, int size) {
        if (Integer.toUnsignedLong(start) + Integer.toUnsignedLong(length) > size) {
            throw new TrapException("out of bounds table access");
        }
    }
}
