package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.ValueType;

/**
 * How memory instructions reach a memory: which memory an instruction names, how its addresses are typed, and what
 * backs it. Every memory instruction, scalar, vector and bulk, goes through this, so that several memories or 64-bit
 * addresses change one implementation and no emitter. Today there is one, {@link ByteArrayMemory}: memories whose
 * bytes are a {@code byte[]}, memory 0's kept in a local.
 *
 * <p>Stack effects are given as {@code [before] -> [after]}. An {@code access} is the scalar load or store
 * instruction whose access it is ({@code I32_LOAD8_U}), also for the vector instructions that load or store one lane.
 */
interface MemoryAccess {
    static MemoryAccess of(EmitContext ctx, AccessPlan access) {
        return new ByteArrayMemory(ctx, access);
    }

    /**
     * The memory accesses an instruction makes, four for a whole vector: {@link SimdMemoryEmitter} spends C2's
     * inlining budget by this count.
     */
    static int accesses(Op op) {
        return switch (op.family()) {
            case MEMORY_ACCESS -> 1;
            case VECTOR_MEMORY -> op == Op.V128_LOAD || op == Op.V128_STORE ? 4 : 1;
            default -> 0;
        };
    }

    /** Refuses an instruction that names a memory the module does not have. */
    void check(int memory);

    /** The type of the memory's addresses. */
    ValueType addressType(int memory);

    /** Reads again what backs each memory: at entry, and after calls and growth, which may replace it. */
    void reload();

    /** {@code [address] -> [value]}. */
    void load(Op access, int memory, long offset);

    /** {@code [address value] -> []}. */
    void store(Op access, int memory, long offset);

    /**
     * {@code [address] -> []}: a whole vector as two longs, each stored by the given code as soon as it is loaded
     * ({@code [long] -> []}).
     */
    void loadHalves(int memory, long offset, Runnable storeLow, Runnable storeHigh);

    /** {@code [address lo hi] -> []}. */
    void storeHalves(int memory, long offset);

    /**
     * {@code [address] -> []}: the effective address plus {@code extra}, computed once for the elements of a vector,
     * into a local whose slot it returns; out of range, it is an address that every access finds out of bounds.
     */
    int effectiveAddress(int memory, long offset, int extra);

    /** {@code [] -> [element]}: element of {@code shape} at {@code delta} bytes from an effective address. */
    void loadElement(int memory, Shape shape, int address, int delta);

    /** {@code [] -> []}: stores the element that {@code value} pushes, at {@code delta} bytes from an effective address. */
    void storeElement(int memory, Shape shape, int address, int delta, Runnable value);

    /** {@code memory.size}: {@code [] -> [pages]}. */
    void size(int memory);

    /** {@code memory.grow}: {@code [delta] -> [old pages or -1]}. */
    void grow(int memory);

    /** {@code memory.fill}: {@code [dst value length] -> []}. */
    void fill(int memory);

    /** {@code memory.copy}: {@code [dst src length] -> []}. */
    void copy(int dstMemory, int srcMemory);

    /** {@code memory.init}: {@code [dst src length] -> []}. */
    void init(int memory, int segment);
}
