package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.model.Op;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * A scalar load or store of memory 0 written out in the generated method, with no helper of ours on the way: the
 * effective address, the check against the size of a memory that may have room, and the access itself, a byte-array
 * element or a call of one of {@code MemoryOps}' little-endian views ({@code VarHandle.get}, {@code set}).
 *
 * <p>Why not a helper: C2 decides whether to inline a method of ours by the call-site frequency recorded in the
 * caller's profile, which for a helper called from everywhere is one shared profile, and by a budget of 8,000 bytes of
 * bytecode per compilation that each VarHandle access spends 250 of. The kernels' hot loops lost both ways: a real
 * call to {@code MemoryOps.address} per load in sieve's outer loop (12% of its time), hundreds of helpers refused in
 * json. A VarHandle's JDK methods are {@code @ForceInline}, which C2 inlines regardless, past the budget too.
 * RATIONALE.md, "Memory accesses written out".
 */
final class InlineAccess {
    /**
     * The most scalar accesses a function may have for its accesses to be written out; larger functions call the
     * helpers. C2 inlines a written-out access's VarHandle code past its inlining budget, so a function of hundreds of
     * accesses (QuickJS's parser and interpreter have 32 over 256) would cost C2 much more time to compile, which a
     * program's start pays on two cores. The kernels' hot functions fit: nbody's has 92 accesses, and json ran 3x
     * slower with a limit of 128 than with 256.
     */
    static final int MAX_ACCESSES = 256;
    /** How an access reads or writes: its width in bytes, the view (null for a byte) and the conversions. */
    private enum Form {
        I32(4, Type.INT_TYPE),
        I64(8, Type.LONG_TYPE),
        F32(4, Type.INT_TYPE),
        F64(8, Type.LONG_TYPE),
        I8S(1, Type.INT_TYPE),
        I8U(1, Type.INT_TYPE),
        I16S(2, Type.INT_TYPE),
        I16U(2, Type.INT_TYPE),
        I64_8S(1, Type.INT_TYPE),
        I64_8U(1, Type.INT_TYPE),
        I64_16S(2, Type.INT_TYPE),
        I64_16U(2, Type.INT_TYPE),
        I64_32S(4, Type.INT_TYPE),
        I64_32U(4, Type.INT_TYPE);

        final int width;
        /** The type the view reads or writes (a byte or short as an int). */
        final Type raw;

        Form(int width, Type raw) {
            this.width = width;
            this.raw = raw;
        }
    }

    private final EmitContext ctx;
    private final MethodVisitor mv;
    /** The local holding memory 0's bytes. */
    private final int bytes;
    /** The local holding memory 0's size in bytes (NO_ROOM while no memory has room), or -1 for an exact array. */
    private final int size;

    InlineAccess(EmitContext ctx, int bytes, int size) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.bytes = bytes;
        this.size = size;
    }

    /** Whether {@code access} is a scalar load or store this class writes out. */
    static boolean handles(Op access) {
        return form(access) != null;
    }

    /** The address is on the stack (an int); leaves the value. */
    void load(Op access, int offset) {
        Form form = form(access);
        effectiveAddress(offset, form.width);
        if (form.width == 1) {
            mv.visitVarInsn(ALOAD, bytes);
            mv.visitInsn(SWAP);
            mv.visitInsn(BALOAD);
        } else {
            view(form.width).invoke(mv);
            mv.visitInsn(SWAP);
            mv.visitVarInsn(ALOAD, bytes);
            mv.visitInsn(SWAP);
            get(form.width).invoke(mv);
        }
        switch (form) {
            case F32 -> Builtin.FLOAT_FROM_BITS.invoke(mv);
            case F64 -> Builtin.DOUBLE_FROM_BITS.invoke(mv);
            case I8U, I64_8U -> {
                mv.visitIntInsn(SIPUSH, 0xFF);
                mv.visitInsn(IAND);
            }
            case I16U, I64_16U -> {
                mv.visitLdcInsn(0xFFFF);
                mv.visitInsn(IAND);
            }
            default -> {}
        }
        switch (form) {
            case I64_8S, I64_8U, I64_16S, I64_16U, I64_32S -> mv.visitInsn(I2L);
            case I64_32U -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
            }
            default -> {}
        }
    }

    /**
     * The address and the value are on the stack. The value waits in a scratch local (converted to the bits the view
     * writes) while the address becomes an index, so that the view, the bytes and the index can go below it.
     */
    void store(Op access, int offset) {
        Form form = form(access);
        switch (form) {
            case F32 -> Builtin.FLOAT_TO_RAW_BITS.invoke(mv);
            case F64 -> Builtin.DOUBLE_TO_RAW_BITS.invoke(mv);
            case I64_8S, I64_16S, I64_32S -> mv.visitInsn(L2I);
            default -> {}
        }
        int value = ctx.slots.scratch(form.raw);
        mv.visitVarInsn(form.raw.getOpcode(ISTORE), value);
        effectiveAddress(offset, form.width);
        if (form.width == 1) {
            mv.visitVarInsn(ALOAD, bytes);
            mv.visitInsn(SWAP);
            mv.visitVarInsn(ILOAD, value);
            mv.visitInsn(BASTORE);
        } else {
            view(form.width).invoke(mv);
            mv.visitInsn(SWAP);
            mv.visitVarInsn(ALOAD, bytes);
            mv.visitInsn(SWAP);
            mv.visitVarInsn(form.raw.getOpcode(ILOAD), value);
            set(form.width).invoke(mv);
        }
    }

    /**
     * Turns the address on the stack into the index of the access's first byte, as {@code MemoryOps.address} does:
     * negative, so out of bounds, when address + offset is 2 GiB or more; then, for a memory that may have room,
     * checks the whole access against the size unless that is NO_ROOM (a test C2 hoists out of loops, since the size
     * is a local that only calls change).
     */
    private void effectiveAddress(int offset, int width) {
        if (offset < 0) { // an offset of 2 GiB or more: no array reaches it
            mv.visitInsn(POP);
            mv.visitInsn(ICONST_M1);
        } else if (offset > 0) {
            // (address + offset) | (address >> 31): an address of 2 GiB or more stays all ones, a sum past 2 GiB
            // turns negative.
            mv.visitInsn(DUP);
            mv.visitIntInsn(BIPUSH, 31);
            mv.visitInsn(ISHR);
            mv.visitInsn(SWAP);
            ctx.pushInt(offset);
            mv.visitInsn(IADD);
            mv.visitInsn(IOR);
        }
        if (size >= 0) {
            Label exact = new Label();
            mv.visitVarInsn(ILOAD, size);
            mv.visitInsn(ICONST_M1); // NO_ROOM, what MemoryOps.size answers while no memory has room
            mv.visitJumpInsn(IF_ICMPEQ, exact);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ILOAD, size);
            if (width > 1) {
                ctx.pushInt(width - 1);
                mv.visitInsn(ISUB);
            }
            Builtin.CHECK_INDEX.invoke(mv);
            mv.visitInsn(POP);
            mv.visitLabel(exact);
        }
    }

    private static Builtin view(int width) {
        return width == 2 ? Builtin.I16_VIEW : width == 4 ? Builtin.I32_VIEW : Builtin.I64_VIEW;
    }

    private static Builtin get(int width) {
        return width == 2 ? Builtin.VIEW_GET_I16 : width == 4 ? Builtin.VIEW_GET_I32 : Builtin.VIEW_GET_I64;
    }

    private static Builtin set(int width) {
        return width == 2 ? Builtin.VIEW_SET_I16 : width == 4 ? Builtin.VIEW_SET_I32 : Builtin.VIEW_SET_I64;
    }

    private static Form form(Op access) {
        return switch (access) {
            case I32_LOAD, I32_STORE -> Form.I32;
            case I64_LOAD, I64_STORE -> Form.I64;
            case F32_LOAD, F32_STORE -> Form.F32;
            case F64_LOAD, F64_STORE -> Form.F64;
            case I32_LOAD8_S, I32_STORE8 -> Form.I8S;
            case I32_LOAD8_U -> Form.I8U;
            case I32_LOAD16_S, I32_STORE16 -> Form.I16S;
            case I32_LOAD16_U -> Form.I16U;
            case I64_LOAD8_S, I64_STORE8 -> Form.I64_8S;
            case I64_LOAD8_U -> Form.I64_8U;
            case I64_LOAD16_S, I64_STORE16 -> Form.I64_16S;
            case I64_LOAD16_U -> Form.I64_16U;
            case I64_LOAD32_S, I64_STORE32 -> Form.I64_32S;
            case I64_LOAD32_U -> Form.I64_32U;
            default -> null;
        };
    }
}
