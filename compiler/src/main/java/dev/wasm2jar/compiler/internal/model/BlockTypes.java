package dev.wasm2jar.compiler.internal.model;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.TypeCodec;
import java.util.List;

/**
 * The encoding of a block type in {@link Instruction#operands()}: a type index when {@code >= 0}, {@link #EMPTY}, or
 * a single result {@code t} as {@code -2 - TypeCodec.pack(t)} (the binary format's type code, never an enum's order).
 */
public final class BlockTypes {
    public static final long EMPTY = -1;
    private static final FunctionType NO_RESULTS = FunctionType.of(List.of(), List.of());

    private BlockTypes() {}

    public static long ofValue(ValueType t) {
        return -2 - TypeCodec.pack(t);
    }

    /** The single result of a block type that is neither empty nor a type index. */
    public static ValueType result(long encoded) {
        return TypeCodec.unpack(-2 - encoded);
    }

    /** The block's type as a function type: its parameters and results. */
    public static FunctionType resolve(long encoded, List<FunctionType> types) {
        if (encoded >= 0) {
            return types.get((int) encoded);
        }
        if (encoded == EMPTY) {
            return NO_RESULTS;
        }
        return FunctionType.of(List.of(), List.of(result(encoded)));
    }
}
