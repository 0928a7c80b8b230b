package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.ValueType;
import java.util.EnumMap;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Memories whose bytes are the {@code byte[]} of their {@code Memory}: memory 0's kept in a local of each method and
 * read again after calls and growth, the others' (multi-memory) read from their field at each access, so that a
 * module of one memory pays nothing for the others. Memory 0's scalar loads and stores are written out in the method
 * ({@link InlineAccess}); other accesses are a {@code MemoryOps} helper taking the address, the bytes and the constant
 * offset.
 *
 * <p>A memory that can grow may have room past its size in its array, so its size in bytes is kept in a second
 * local, read again with the bytes, and every helper takes it after the bytes and checks against it ({@code _SIZED});
 * {@code memory.size} asks the memory, since that local is a marker while no memory has room. A memory of fixed size
 * has an array of exactly its size: the array's own bounds check is the whole check.
 */
final class ByteArrayMemory implements MemoryAccess {
    private static final Map<Op, Builtin> ACCESSES = new EnumMap<>(Op.class);
    private static final Map<Builtin, Builtin> SIZED = new EnumMap<>(Builtin.class);

    static {
        ACCESSES.put(Op.I32_LOAD, Builtin.I32_LOAD);
        ACCESSES.put(Op.I64_LOAD, Builtin.I64_LOAD);
        ACCESSES.put(Op.F32_LOAD, Builtin.F32_LOAD);
        ACCESSES.put(Op.F64_LOAD, Builtin.F64_LOAD);
        ACCESSES.put(Op.I32_LOAD8_S, Builtin.I32_LOAD8_S);
        ACCESSES.put(Op.I32_LOAD8_U, Builtin.I32_LOAD8_U);
        ACCESSES.put(Op.I32_LOAD16_S, Builtin.I32_LOAD16_S);
        ACCESSES.put(Op.I32_LOAD16_U, Builtin.I32_LOAD16_U);
        ACCESSES.put(Op.I64_LOAD8_S, Builtin.I64_LOAD8_S);
        ACCESSES.put(Op.I64_LOAD8_U, Builtin.I64_LOAD8_U);
        ACCESSES.put(Op.I64_LOAD16_S, Builtin.I64_LOAD16_S);
        ACCESSES.put(Op.I64_LOAD16_U, Builtin.I64_LOAD16_U);
        ACCESSES.put(Op.I64_LOAD32_S, Builtin.I64_LOAD32_S);
        ACCESSES.put(Op.I64_LOAD32_U, Builtin.I64_LOAD32_U);
        ACCESSES.put(Op.I32_STORE, Builtin.I32_STORE);
        ACCESSES.put(Op.I64_STORE, Builtin.I64_STORE);
        ACCESSES.put(Op.F32_STORE, Builtin.F32_STORE);
        ACCESSES.put(Op.F64_STORE, Builtin.F64_STORE);
        ACCESSES.put(Op.I32_STORE8, Builtin.I32_STORE8);
        ACCESSES.put(Op.I32_STORE16, Builtin.I32_STORE16);
        ACCESSES.put(Op.I64_STORE8, Builtin.I64_STORE8);
        ACCESSES.put(Op.I64_STORE16, Builtin.I64_STORE16);
        ACCESSES.put(Op.I64_STORE32, Builtin.I64_STORE32);
        SIZED.put(Builtin.I32_LOAD, Builtin.I32_LOAD_SIZED);
        SIZED.put(Builtin.I64_LOAD, Builtin.I64_LOAD_SIZED);
        SIZED.put(Builtin.F32_LOAD, Builtin.F32_LOAD_SIZED);
        SIZED.put(Builtin.F64_LOAD, Builtin.F64_LOAD_SIZED);
        SIZED.put(Builtin.I32_LOAD8_S, Builtin.I32_LOAD8_S_SIZED);
        SIZED.put(Builtin.I32_LOAD8_U, Builtin.I32_LOAD8_U_SIZED);
        SIZED.put(Builtin.I32_LOAD16_S, Builtin.I32_LOAD16_S_SIZED);
        SIZED.put(Builtin.I32_LOAD16_U, Builtin.I32_LOAD16_U_SIZED);
        SIZED.put(Builtin.I64_LOAD8_S, Builtin.I64_LOAD8_S_SIZED);
        SIZED.put(Builtin.I64_LOAD8_U, Builtin.I64_LOAD8_U_SIZED);
        SIZED.put(Builtin.I64_LOAD16_S, Builtin.I64_LOAD16_S_SIZED);
        SIZED.put(Builtin.I64_LOAD16_U, Builtin.I64_LOAD16_U_SIZED);
        SIZED.put(Builtin.I64_LOAD32_S, Builtin.I64_LOAD32_S_SIZED);
        SIZED.put(Builtin.I64_LOAD32_U, Builtin.I64_LOAD32_U_SIZED);
        SIZED.put(Builtin.I32_STORE, Builtin.I32_STORE_SIZED);
        SIZED.put(Builtin.I64_STORE, Builtin.I64_STORE_SIZED);
        SIZED.put(Builtin.F32_STORE, Builtin.F32_STORE_SIZED);
        SIZED.put(Builtin.F64_STORE, Builtin.F64_STORE_SIZED);
        SIZED.put(Builtin.I32_STORE8, Builtin.I32_STORE8_SIZED);
        SIZED.put(Builtin.I32_STORE16, Builtin.I32_STORE16_SIZED);
        SIZED.put(Builtin.I64_STORE8, Builtin.I64_STORE8_SIZED);
        SIZED.put(Builtin.I64_STORE16, Builtin.I64_STORE16_SIZED);
        SIZED.put(Builtin.I64_STORE32, Builtin.I64_STORE32_SIZED);
        SIZED.put(Builtin.V128_LOAD_LOW, Builtin.V128_LOAD_LOW_SIZED);
        SIZED.put(Builtin.V128_LOAD_HIGH, Builtin.V128_LOAD_HIGH_SIZED);
        SIZED.put(Builtin.V128_STORE_HALVES, Builtin.V128_STORE_HALVES_SIZED);
        SIZED.put(Builtin.I32_AT, Builtin.I32_AT_SIZED);
        SIZED.put(Builtin.I64_AT, Builtin.I64_AT_SIZED);
        SIZED.put(Builtin.F32_AT, Builtin.F32_AT_SIZED);
        SIZED.put(Builtin.F64_AT, Builtin.F64_AT_SIZED);
        SIZED.put(Builtin.I32_AT_PUT, Builtin.I32_AT_PUT_SIZED);
        SIZED.put(Builtin.I64_AT_PUT, Builtin.I64_AT_PUT_SIZED);
        SIZED.put(Builtin.F32_AT_PUT, Builtin.F32_AT_PUT_SIZED);
        SIZED.put(Builtin.F64_AT_PUT, Builtin.F64_AT_PUT_SIZED);
        SIZED.put(Builtin.MEMORY_FILL, Builtin.MEMORY_FILL_SIZED);
        SIZED.put(Builtin.MEMORY_COPY, Builtin.MEMORY_COPY_SIZED);
        SIZED.put(Builtin.MEMORY_INIT, Builtin.MEMORY_INIT_SIZED);
    }

    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final Narrowing narrowing;
    /** The local holding memory 0's bytes, or -1 when the module has no memory or the function never touches it. */
    private final int bytes;
    /** The local holding the memory's size in bytes, or -1 when its array is exactly its size. */
    private final int size;
    /** Memory 0's scalar accesses, written out in the method; null when they call the helpers. */
    private final InlineAccess inline;

    ByteArrayMemory(EmitContext ctx, AccessPlan access) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.narrowing = Narrowing.ofMemories(ctx);
        boolean local = ctx.layout.hasMemory() && access.loads();
        this.bytes = local ? ctx.slots.allocate(1) : -1;
        this.size = local && !ctx.layout.fixedSizeMemory(0) ? ctx.slots.allocate(1) : -1;
        this.inline = access.writesOut() && bytes >= 0 ? new InlineAccess(ctx, bytes, size) : null;
    }

    @Override
    public void check(int memory) {
        if (memory < 0 || memory >= ctx.layout.memoryCount()) {
            throw new InvalidException("unknown memory " + memory);
        }
    }

    @Override
    public ValueType addressType(int memory) {
        return wide(memory) ? ValueType.I64 : ValueType.I32;
    }

    /** Whether the memory has 64-bit addresses (memory64): its operands are narrowed to the same helpers' ints. */
    private boolean wide(int memory) {
        return ctx.layout.memoryAddress64(memory);
    }

    @Override
    public void reload() {
        if (bytes < 0) {
            return;
        }
        loadMemoryObject(0);
        if (size >= 0) {
            mv.visitInsn(DUP);
            Builtin.MEMORY_SIZE_BYTES.invoke(mv);
            mv.visitVarInsn(ISTORE, size);
        }
        Builtin.MEMORY_BYTES.invoke(mv);
        mv.visitVarInsn(ASTORE, bytes);
    }

    @Override
    public void load(Op access, int memory, long offset) {
        if (wide(memory)) {
            narrowing.top();
        }
        if (memory == 0 && inline != null && InlineAccess.handles(access)) {
            check(memory);
            inline.load(access, offset32(memory, offset));
            return;
        }
        call(memory, offset, helper(access));
    }

    @Override
    public void store(Op access, int memory, long offset) {
        if (wide(memory)) {
            String name = access.name();
            Type value = name.startsWith("I32") ? Type.INT_TYPE : name.startsWith("I64") ? Type.LONG_TYPE
                    : name.startsWith("F32") ? Type.FLOAT_TYPE : Type.DOUBLE_TYPE;
            narrowing.operands(new Type[] {Type.LONG_TYPE, value}, true, false);
        }
        if (memory == 0 && inline != null && InlineAccess.handles(access)) {
            check(memory);
            inline.store(access, offset32(memory, offset));
            return;
        }
        call(memory, offset, helper(access));
    }

    @Override
    public void loadHalves(int memory, long offset, Runnable storeLow, Runnable storeHigh) {
        if (wide(memory)) {
            narrowing.top();
        }
        mv.visitInsn(DUP);
        call(memory, offset, Builtin.V128_LOAD_LOW);
        storeLow.run();
        call(memory, offset, Builtin.V128_LOAD_HIGH);
        storeHigh.run();
    }

    @Override
    public void storeHalves(int memory, long offset) {
        if (wide(memory)) {
            narrowing.operands(new Type[] {Type.LONG_TYPE, Type.LONG_TYPE, Type.LONG_TYPE}, true, false, false);
        }
        call(memory, offset, Builtin.V128_STORE_HALVES);
    }

    @Override
    public int effectiveAddress(int memory, long offset, int extra) {
        check(memory);
        if (wide(memory)) {
            narrowing.top();
        }
        ctx.pushInt(offset32(memory, offset));
        ctx.pushInt(extra);
        Builtin.EFFECTIVE_ADDRESS_PLUS.invoke(mv);
        int address = ctx.slots.scratch(Type.INT_TYPE);
        mv.visitVarInsn(ISTORE, address);
        return address;
    }

    @Override
    public void loadElement(int memory, Shape shape, int address, int delta) {
        mv.visitVarInsn(ILOAD, address);
        pushBytes(memory);
        ctx.pushInt(delta);
        sized(memory, switch (shape) {
            case L2 -> Builtin.I64_AT;
            case I4 -> Builtin.I32_AT;
            case F4 -> Builtin.F32_AT;
            case D2 -> Builtin.F64_AT;
        }).invoke(mv);
    }

    @Override
    public void storeElement(int memory, Shape shape, int address, int delta, Runnable value) {
        mv.visitVarInsn(ILOAD, address);
        value.run();
        pushBytes(memory);
        ctx.pushInt(delta);
        sized(memory, switch (shape) {
            case L2 -> Builtin.I64_AT_PUT;
            case I4 -> Builtin.I32_AT_PUT;
            case F4 -> Builtin.F32_AT_PUT;
            case D2 -> Builtin.F64_AT_PUT;
        }).invoke(mv);
    }

    @Override
    public void size(int memory) {
        check(memory);
        if (memory == 0 && size < 0) {
            mv.visitVarInsn(ALOAD, bytes);
            Builtin.MEMORY_SIZE.invoke(mv);
        } else {
            loadMemoryObject(memory);
            Builtin.MEMORY_PAGES.invoke(mv);
        }
        if (wide(memory)) {
            mv.visitInsn(I2L);
        }
    }

    @Override
    public void grow(int memory) {
        check(memory);
        if (wide(memory)) {
            narrowing.top();
        }
        loadMemoryObject(memory);
        Builtin.MEMORY_GROW.invoke(mv);
        if (wide(memory)) {
            mv.visitInsn(I2L); // -1 stays -1
        }
        reload(); // memory 0 too: a module may import one memory twice
    }

    @Override
    public void fill(int memory) {
        check(memory);
        if (wide(memory)) {
            narrowing.operands(new Type[] {Type.LONG_TYPE, Type.INT_TYPE, Type.LONG_TYPE}, true, false, true);
        }
        pushBytes(memory);
        sized(memory, Builtin.MEMORY_FILL).invoke(mv);
    }

    @Override
    public void copy(int dstMemory, int srcMemory) {
        check(dstMemory);
        check(srcMemory);
        boolean dst = wide(dstMemory);
        boolean src = wide(srcMemory);
        if (dst || src) {
            narrowing.operands(new Type[] {type(dst), type(src), type(dst && src)}, dst, src, dst && src);
        }
        if (dstMemory == srcMemory) {
            pushBytes(dstMemory);
            sized(dstMemory, Builtin.MEMORY_COPY).invoke(mv);
        } else {
            pushBytesAndSize(dstMemory);
            pushBytesAndSize(srcMemory);
            Builtin.MEMORY_COPY_BETWEEN.invoke(mv);
        }
    }

    @Override
    public void init(int memory, int segment) {
        check(memory);
        if (wide(memory)) {
            narrowing.operands(new Type[] {Type.LONG_TYPE, Type.INT_TYPE, Type.INT_TYPE}, true, false, false);
        }
        pushBytes(memory);
        ctx.loadLink();
        ctx.pushInt(segment);
        Builtin.LINK_DATA.invoke(mv);
        sized(memory, Builtin.MEMORY_INIT).invoke(mv);
    }

    /** The operands are on the stack: pushes the bytes (and size) and the offset, then calls {@code helper}. */
    private void call(int memory, long offset, Builtin helper) {
        check(memory);
        pushBytes(memory);
        ctx.pushInt(offset32(memory, offset));
        sized(memory, helper).invoke(mv);
    }

    /**
     * The static offset as the helpers' unsigned int: a 64-bit memory's of 2^32 or more as 2^32-1, out of bounds of
     * every memory alike.
     */
    private static int offset32(int memory, long offset) {
        return offset >>> 32 == 0 ? (int) offset : -1;
    }

    private static Type type(boolean wide) {
        return wide ? Type.LONG_TYPE : Type.INT_TYPE;
    }

    /**
     * The bytes, and the size after them when the memory has one apart from its array. Memory 0's are in locals;
     * another memory's come from its field at each access, and its size is always given (NO_ROOM when its array is
     * exactly the memory), unless it can never grow.
     */
    private void pushBytes(int memory) {
        if (memory == 0) {
            mv.visitVarInsn(ALOAD, bytes);
            if (size >= 0) {
                mv.visitVarInsn(ILOAD, size);
            }
        } else if (ctx.layout.fixedSizeMemory(memory)) {
            loadMemoryObject(memory);
            Builtin.MEMORY_BYTES.invoke(mv);
        } else {
            pushBytesAndSize(memory);
        }
    }

    /** The bytes and the size, NO_ROOM ({@code -1}) when the array is exactly the memory. */
    private void pushBytesAndSize(int memory) {
        if (memory == 0) {
            mv.visitVarInsn(ALOAD, bytes);
            if (size >= 0) {
                mv.visitVarInsn(ILOAD, size);
            } else {
                mv.visitInsn(ICONST_M1);
            }
        } else {
            loadMemoryObject(memory);
            mv.visitInsn(DUP);
            Builtin.MEMORY_BYTES.invoke(mv);
            mv.visitInsn(SWAP);
            Builtin.MEMORY_SIZE_BYTES.invoke(mv);
        }
    }

    /** The helper for this memory: {@code helper} itself, or its form that takes the size. */
    private Builtin sized(int memory, Builtin helper) {
        boolean exact = memory == 0 ? size < 0 : ctx.layout.fixedSizeMemory(memory);
        return exact ? helper : SIZED.get(helper);
    }

    private static Builtin helper(Op access) {
        Builtin helper = ACCESSES.get(access);
        if (helper == null) {
            throw new IllegalArgumentException(access + " is not a scalar memory access");
        }
        return helper;
    }

    private void loadMemoryObject(int memory) {
        ctx.loadSelf();
        mv.visitFieldInsn(GETFIELD, ctx.layout.className(), ctx.layout.memoryField(memory), RuntimeTypes.MEMORY);
    }
}
