package dev.wasm2jar.compiler.internal.model;

/**
 * One instruction of a function body.
 *
 * <p>Immediates, as the decoder leaves them: memory access {@code [align, offset, memory]}; block, loop and if
 * {@code [blockType]} encoded by {@link BlockTypes}; {@code br_table} the label depths then the default;
 * {@code call_indirect} {@code [type, table]}; {@code select_t} its operand type and {@code ref.null}
 * the type of the null it pushes, each as {@code [TypeCodec.pack(type)]};
 * {@code table.init} {@code [element, table]}; {@code table.copy} {@code [dst, src]}; {@code memory.init}
 * {@code [data, memory]}; {@code try_table} its block type, then three per catch clause: its kind
 * ({@link #CATCH} ...), its tag (-1 for the {@code catch_all} kinds) and its label depth; {@code throw} its tag;
 * constants their bits.
 *
 * @param offset the byte offset of the instruction in the module, for error messages
 */
public record Instruction(Op op, long[] operands, int offset) {
    /** The kinds of a {@code try_table}'s catch clauses, as the binary format numbers them. */
    public static final int CATCH = 0;
    public static final int CATCH_REF = 1;
    public static final int CATCH_ALL = 2;
    public static final int CATCH_ALL_REF = 3;

    public long operand(int i) {
        return operands[i];
    }

    public int intOperand(int i) {
        return (int) operands[i];
    }
}
