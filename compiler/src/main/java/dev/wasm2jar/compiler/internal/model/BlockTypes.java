package dev.wasm2jar.compiler.internal.model;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;

/**
 * The encoding of a block type in {@link Instruction#operands()}: a type index when {@code >= 0}, {@link #EMPTY}, or a
 * single result {@code -2 - ValueType.ordinal()}.
 */
public final class BlockTypes {
    public static final long EMPTY = -1;

    private BlockTypes() {}

    public static long ofValue(ValueType t) {
        return -2 - t.ordinal();
    }

    /** The block's type as a function type: its parameters and results. */
    public static FunctionType resolve(long encoded, List<FunctionType> types) {
        if (encoded >= 0) {
            return types.get((int) encoded);
        }
        if (encoded == EMPTY) {
            return FunctionType.parse(":");
        }
        return FunctionType.of(List.of(), List.of(ValueType.values()[(int) (-2 - encoded)]));
    }
}
