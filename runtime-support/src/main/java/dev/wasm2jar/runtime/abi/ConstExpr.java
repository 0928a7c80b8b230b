package dev.wasm2jar.runtime.abi;

import java.util.Arrays;

/**
 * A constant expression (global initializers, segment offsets, element items) as a little stack program that the
 * runtime evaluates at instantiation. {@code ops[i]} is one of the constants below (explicit tags, stored as they are
 * in compiled jars), {@code args[i]} its immediate: the value's bits, a function or global index, or for
 * {@code ref.null} the heap type as {@link TypeCodec#pack(dev.wasm2jar.runtime.HeapType)} packs it.
 * A {@code v128.const} takes two entries: {@link #V128_CONST} with the low 64 bits, then {@link #V128_HIGH} with the
 * high 64 bits.
 */
public record ConstExpr(byte[] ops, long[] args) {
    public static final byte I32_CONST = 1;
    public static final byte I64_CONST = 2;
    public static final byte F32_CONST = 3;
    public static final byte F64_CONST = 4;
    public static final byte REF_NULL = 5;
    public static final byte REF_FUNC = 6;
    public static final byte GLOBAL_GET = 7;
    public static final byte I32_ADD = 8;
    public static final byte I32_SUB = 9;
    public static final byte I32_MUL = 10;
    public static final byte I64_ADD = 11;
    public static final byte I64_SUB = 12;
    public static final byte I64_MUL = 13;
    public static final byte V128_CONST = 14;
    /** Completes the {@link #V128_CONST} before it with the high 64 bits. */
    public static final byte V128_HIGH = 15;
    // The GC proposal's: a struct's argument is its type index and, from bit 32 on, its number of fields; an array's
    // its type index and, for ARRAY_NEW_FIXED, from bit 32 on its number of elements.
    public static final byte REF_I31 = 16;
    public static final byte STRUCT_NEW = 17;
    public static final byte STRUCT_NEW_DEFAULT = 18;
    public static final byte ARRAY_NEW = 19;
    public static final byte ARRAY_NEW_DEFAULT = 20;
    public static final byte ARRAY_NEW_FIXED = 21;
    public static final byte ANY_CONVERT_EXTERN = 22;
    public static final byte EXTERN_CONVERT_ANY = 23;

    public ConstExpr {
        if (ops.length != args.length) {
            throw new IllegalArgumentException("ops and args differ in length");
        }
    }

    /** Whether {@code op} is one of the operations above (their values are the tags stored in compiled jars). */
    public static boolean isOp(byte op) {
        return op >= I32_CONST && op <= EXTERN_CONVERT_ANY;
    }

    public static ConstExpr of(byte op, long arg) {
        return new ConstExpr(new byte[] {op}, new long[] {arg});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstExpr c && Arrays.equals(ops, c.ops) && Arrays.equals(args, c.args);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ops) * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return "ConstExpr" + Arrays.toString(ops) + Arrays.toString(args);
    }
}
