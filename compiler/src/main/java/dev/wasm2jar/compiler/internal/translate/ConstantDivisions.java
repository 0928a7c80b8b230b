package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.ValueType;
import org.objectweb.asm.MethodVisitor;

/**
 * Divisions and remainders by a constant ({@link Peepholes.ConstantDivisor}) in forms C2 turns into multiplications.
 * RATIONALE.md, "Divisions by a constant".
 */
final class ConstantDivisions {
    private ConstantDivisions() {}

    /**
     * A division or remainder of the operand on the stack by {@code d}, which cannot trap (not 0, not -1 for a signed
     * division). Signed ones are the JVM's own, which C2 compiles to a multiplication by the inverse. Unsigned ones
     * must not be {@code Integer.divideUnsigned}: C2 intrinsifies it as a hardware division even by a constant. An
     * i32 is divided as a non-negative long; an i64 as Hacker's Delight (9.3) does, by signed divisions of
     * non-negative values by the constant.
     */
    static void emit(EmitContext ctx, Op divide, long d) {
        MethodVisitor mv = ctx.mv;
        switch (divide) {
            case I32_DIV_S, I32_REM_S -> {
                ctx.pushInt((int) d);
                mv.visitInsn(divide == Op.I32_DIV_S ? IDIV : IREM);
            }
            case I64_DIV_S, I64_REM_S -> {
                ctx.pushLong(d);
                mv.visitInsn(divide == Op.I64_DIV_S ? LDIV : LREM);
            }
            case I32_DIV_U, I32_REM_U -> {
                mv.visitInsn(I2L);
                ctx.pushLong(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                ctx.pushLong(d & 0xFFFF_FFFFL);
                mv.visitInsn(divide == Op.I32_DIV_U ? LDIV : LREM);
                mv.visitInsn(L2I);
            }
            case I64_DIV_U, I64_REM_U -> unsignedLong(ctx, divide == Op.I64_REM_U, d);
            default -> throw new IllegalArgumentException(divide.toString());
        }
        ctx.stack.push(ctx.stack.pop()); // the dividend's type is the result's
    }

    /** {@code a / d} or {@code a % d} for an unsigned long {@code a} on the stack and a constant {@code d != 0}. */
    private static void unsignedLong(EmitContext ctx, boolean remainder, long d) {
        MethodVisitor mv = ctx.mv;
        int a = ctx.slots.temp(ValueType.I64);
        int q = ctx.slots.temp(ValueType.I64);
        mv.visitVarInsn(LSTORE, a);
        if (d < 0) {
            // d >= 2^63: the quotient is 1 if a >=u d, else 0, the top bit of a & ~(a - d).
            mv.visitVarInsn(LLOAD, a);
            mv.visitVarInsn(LLOAD, a);
            ctx.pushLong(d);
            mv.visitInsn(LSUB);
            ctx.pushLong(-1);
            mv.visitInsn(LXOR);
            mv.visitInsn(LAND);
        } else {
            // q = ((a >>> 1) / d) << 1 is the quotient or one less; r = a - q * d; one more where r >=u d.
            mv.visitVarInsn(LLOAD, a);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(LUSHR);
            ctx.pushLong(d);
            mv.visitInsn(LDIV);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(LSHL);
            mv.visitVarInsn(LSTORE, q);
            pushRemainder(ctx, a, q, d);
            mv.visitInsn(DUP2);
            ctx.pushLong(d);
            mv.visitInsn(LSUB);
            ctx.pushLong(-1);
            mv.visitInsn(LXOR);
            mv.visitInsn(LOR);
        }
        mv.visitIntInsn(BIPUSH, 63);
        mv.visitInsn(LUSHR);
        if (d >= 0) {
            mv.visitVarInsn(LLOAD, q);
            mv.visitInsn(LADD);
        }
        if (remainder) {
            mv.visitVarInsn(LSTORE, q);
            pushRemainder(ctx, a, q, d);
        }
    }

    /** Pushes {@code a - q * d}, {@code a} and {@code q} in long locals. */
    private static void pushRemainder(EmitContext ctx, int a, int q, long d) {
        ctx.mv.visitVarInsn(LLOAD, a);
        ctx.mv.visitVarInsn(LLOAD, q);
        ctx.pushLong(d);
        ctx.mv.visitInsn(LMUL);
        ctx.mv.visitInsn(LSUB);
    }
}
