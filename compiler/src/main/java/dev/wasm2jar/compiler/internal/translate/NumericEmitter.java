package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.EnumMap;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;

/**
 * Constants, arithmetic, comparisons and conversions. Where a JVM instruction has wasm's exact semantics it is used
 * as is; the rest call {@code NumericOps} (traps, NaN rules, unsigned conversions) or the JDK's own intrinsics.
 */
final class NumericEmitter implements Emitter {
    /** How one numeric instruction is emitted, with its wasm signature: a JVM opcode, a call, or a comparison. */
    private record Rule(FunctionType signature, int jvmOpcode, Builtin call, int compareJump) {}

    private static final Map<Op, Rule> RULES = new EnumMap<>(Op.class);

    static {
        // i32
        jvm(Op.I32_ADD, "ii:i", IADD);
        jvm(Op.I32_SUB, "ii:i", ISUB);
        jvm(Op.I32_MUL, "ii:i", IMUL);
        jvm(Op.I32_AND, "ii:i", IAND);
        jvm(Op.I32_OR, "ii:i", IOR);
        jvm(Op.I32_XOR, "ii:i", IXOR);
        jvm(Op.I32_SHL, "ii:i", ISHL);
        jvm(Op.I32_SHR_S, "ii:i", ISHR);
        jvm(Op.I32_SHR_U, "ii:i", IUSHR);
        helper(Op.I32_DIV_S, "ii:i", Builtin.I32_DIV_S);
        helper(Op.I32_DIV_U, "ii:i", Builtin.I32_DIV_U);
        helper(Op.I32_REM_S, "ii:i", Builtin.I32_REM_S);
        helper(Op.I32_REM_U, "ii:i", Builtin.I32_REM_U);
        jdk(Op.I32_ROTL, "ii:i", Builtin.INTEGER_ROTATE_LEFT);
        jdk(Op.I32_ROTR, "ii:i", Builtin.INTEGER_ROTATE_RIGHT);
        jdk(Op.I32_CLZ, "i:i", Builtin.INTEGER_LEADING_ZEROS);
        jdk(Op.I32_CTZ, "i:i", Builtin.INTEGER_TRAILING_ZEROS);
        jdk(Op.I32_POPCNT, "i:i", Builtin.INTEGER_BIT_COUNT);
        compare(Op.I32_EQZ, "i:i", IFEQ);
        compare(Op.I32_EQ, "ii:i", IF_ICMPEQ);
        compare(Op.I32_NE, "ii:i", IF_ICMPNE);
        compare(Op.I32_LT_S, "ii:i", IF_ICMPLT);
        compare(Op.I32_GT_S, "ii:i", IF_ICMPGT);
        compare(Op.I32_LE_S, "ii:i", IF_ICMPLE);
        compare(Op.I32_GE_S, "ii:i", IF_ICMPGE);
        compare(Op.I32_LT_U, "ii:i", IFLT);
        compare(Op.I32_GT_U, "ii:i", IFGT);
        compare(Op.I32_LE_U, "ii:i", IFLE);
        compare(Op.I32_GE_U, "ii:i", IFGE);
        // i64
        jvm(Op.I64_ADD, "ll:l", LADD);
        jvm(Op.I64_SUB, "ll:l", LSUB);
        jvm(Op.I64_MUL, "ll:l", LMUL);
        jvm(Op.I64_AND, "ll:l", LAND);
        jvm(Op.I64_OR, "ll:l", LOR);
        jvm(Op.I64_XOR, "ll:l", LXOR);
        jvm(Op.I64_SHL, "ll:l", LSHL);
        jvm(Op.I64_SHR_S, "ll:l", LSHR);
        jvm(Op.I64_SHR_U, "ll:l", LUSHR);
        helper(Op.I64_DIV_S, "ll:l", Builtin.I64_DIV_S);
        helper(Op.I64_DIV_U, "ll:l", Builtin.I64_DIV_U);
        helper(Op.I64_REM_S, "ll:l", Builtin.I64_REM_S);
        helper(Op.I64_REM_U, "ll:l", Builtin.I64_REM_U);
        jdk(Op.I64_ROTL, "ll:l", Builtin.LONG_ROTATE_LEFT);
        jdk(Op.I64_ROTR, "ll:l", Builtin.LONG_ROTATE_RIGHT);
        jdk(Op.I64_CLZ, "l:l", Builtin.LONG_LEADING_ZEROS);
        jdk(Op.I64_CTZ, "l:l", Builtin.LONG_TRAILING_ZEROS);
        jdk(Op.I64_POPCNT, "l:l", Builtin.LONG_BIT_COUNT);
        compare(Op.I64_EQZ, "l:i", IFEQ);
        compare(Op.I64_EQ, "ll:i", IFEQ);
        compare(Op.I64_NE, "ll:i", IFNE);
        compare(Op.I64_LT_S, "ll:i", IFLT);
        compare(Op.I64_GT_S, "ll:i", IFGT);
        compare(Op.I64_LE_S, "ll:i", IFLE);
        compare(Op.I64_GE_S, "ll:i", IFGE);
        compare(Op.I64_LT_U, "ll:i", IFLT);
        compare(Op.I64_GT_U, "ll:i", IFGT);
        compare(Op.I64_LE_U, "ll:i", IFLE);
        compare(Op.I64_GE_U, "ll:i", IFGE);
        // f32
        jvm(Op.F32_ADD, "ff:f", FADD);
        jvm(Op.F32_SUB, "ff:f", FSUB);
        jvm(Op.F32_MUL, "ff:f", FMUL);
        jvm(Op.F32_DIV, "ff:f", FDIV);
        helper(Op.F32_MIN, "ff:f", Builtin.F32_MIN);
        helper(Op.F32_MAX, "ff:f", Builtin.F32_MAX);
        helper(Op.F32_COPYSIGN, "ff:f", Builtin.F32_COPYSIGN);
        helper(Op.F32_ABS, "f:f", Builtin.F32_ABS);
        helper(Op.F32_NEG, "f:f", Builtin.F32_NEG);
        helper(Op.F32_CEIL, "f:f", Builtin.F32_CEIL);
        helper(Op.F32_FLOOR, "f:f", Builtin.F32_FLOOR);
        helper(Op.F32_TRUNC, "f:f", Builtin.F32_TRUNC);
        helper(Op.F32_NEAREST, "f:f", Builtin.F32_NEAREST);
        jvm(Op.F32_SQRT, "f:f", -1);
        compare(Op.F32_EQ, "ff:i", IFEQ);
        compare(Op.F32_NE, "ff:i", IFNE);
        compare(Op.F32_LT, "ff:i", IFLT);
        compare(Op.F32_GT, "ff:i", IFGT);
        compare(Op.F32_LE, "ff:i", IFLE);
        compare(Op.F32_GE, "ff:i", IFGE);
        // f64
        jvm(Op.F64_ADD, "dd:d", DADD);
        jvm(Op.F64_SUB, "dd:d", DSUB);
        jvm(Op.F64_MUL, "dd:d", DMUL);
        jvm(Op.F64_DIV, "dd:d", DDIV);
        helper(Op.F64_MIN, "dd:d", Builtin.F64_MIN);
        helper(Op.F64_MAX, "dd:d", Builtin.F64_MAX);
        helper(Op.F64_COPYSIGN, "dd:d", Builtin.F64_COPYSIGN);
        helper(Op.F64_ABS, "d:d", Builtin.F64_ABS);
        helper(Op.F64_NEG, "d:d", Builtin.F64_NEG);
        helper(Op.F64_CEIL, "d:d", Builtin.F64_CEIL);
        helper(Op.F64_FLOOR, "d:d", Builtin.F64_FLOOR);
        helper(Op.F64_TRUNC, "d:d", Builtin.F64_TRUNC);
        helper(Op.F64_NEAREST, "d:d", Builtin.F64_NEAREST);
        jdk(Op.F64_SQRT, "d:d", Builtin.MATH_SQRT);
        compare(Op.F64_EQ, "dd:i", IFEQ);
        compare(Op.F64_NE, "dd:i", IFNE);
        compare(Op.F64_LT, "dd:i", IFLT);
        compare(Op.F64_GT, "dd:i", IFGT);
        compare(Op.F64_LE, "dd:i", IFLE);
        compare(Op.F64_GE, "dd:i", IFGE);
        // conversions
        jvm(Op.I32_WRAP_I64, "l:i", L2I);
        jvm(Op.I64_EXTEND_I32_S, "i:l", I2L);
        jdk(Op.I64_EXTEND_I32_U, "i:l", Builtin.INTEGER_TO_UNSIGNED_LONG);
        jvm(Op.F32_CONVERT_I32_S, "i:f", I2F);
        jvm(Op.F32_CONVERT_I64_S, "l:f", L2F);
        jvm(Op.F64_CONVERT_I32_S, "i:d", I2D);
        jvm(Op.F64_CONVERT_I64_S, "l:d", L2D);
        helper(Op.F32_CONVERT_I32_U, "i:f", Builtin.F32_CONVERT_I32_U);
        helper(Op.F32_CONVERT_I64_U, "l:f", Builtin.F32_CONVERT_I64_U);
        helper(Op.F64_CONVERT_I32_U, "i:d", Builtin.F64_CONVERT_I32_U);
        helper(Op.F64_CONVERT_I64_U, "l:d", Builtin.F64_CONVERT_I64_U);
        jvm(Op.F32_DEMOTE_F64, "d:f", D2F);
        jvm(Op.F64_PROMOTE_F32, "f:d", F2D);
        jdk(Op.I32_REINTERPRET_F32, "f:i", Builtin.FLOAT_TO_RAW_BITS);
        jdk(Op.F32_REINTERPRET_I32, "i:f", Builtin.FLOAT_FROM_BITS);
        jdk(Op.I64_REINTERPRET_F64, "d:l", Builtin.DOUBLE_TO_RAW_BITS);
        jdk(Op.F64_REINTERPRET_I64, "l:d", Builtin.DOUBLE_FROM_BITS);
        jvm(Op.I32_EXTEND_8_S, "i:i", I2B);
        jvm(Op.I32_EXTEND_16_S, "i:i", I2S);
        helper(Op.I32_TRUNC_F32_S, "f:i", Builtin.I32_TRUNC_F32_S);
        helper(Op.I32_TRUNC_F32_U, "f:i", Builtin.I32_TRUNC_F32_U);
        helper(Op.I32_TRUNC_SAT_F32_S, "f:i", Builtin.I32_TRUNC_SAT_F32_S);
        helper(Op.I32_TRUNC_SAT_F32_U, "f:i", Builtin.I32_TRUNC_SAT_F32_U);
        helper(Op.I32_TRUNC_F64_S, "d:i", Builtin.I32_TRUNC_F64_S);
        helper(Op.I32_TRUNC_F64_U, "d:i", Builtin.I32_TRUNC_F64_U);
        helper(Op.I32_TRUNC_SAT_F64_S, "d:i", Builtin.I32_TRUNC_SAT_F64_S);
        helper(Op.I32_TRUNC_SAT_F64_U, "d:i", Builtin.I32_TRUNC_SAT_F64_U);
        helper(Op.I64_TRUNC_F32_S, "f:l", Builtin.I64_TRUNC_F32_S);
        helper(Op.I64_TRUNC_F32_U, "f:l", Builtin.I64_TRUNC_F32_U);
        helper(Op.I64_TRUNC_SAT_F32_S, "f:l", Builtin.I64_TRUNC_SAT_F32_S);
        helper(Op.I64_TRUNC_SAT_F32_U, "f:l", Builtin.I64_TRUNC_SAT_F32_U);
        helper(Op.I64_TRUNC_F64_S, "d:l", Builtin.I64_TRUNC_F64_S);
        helper(Op.I64_TRUNC_F64_U, "d:l", Builtin.I64_TRUNC_F64_U);
        helper(Op.I64_TRUNC_SAT_F64_S, "d:l", Builtin.I64_TRUNC_SAT_F64_S);
        helper(Op.I64_TRUNC_SAT_F64_U, "d:l", Builtin.I64_TRUNC_SAT_F64_U);
    }

    private static void jvm(Op op, String sig, int opcode) {
        RULES.put(op, new Rule(FunctionType.parse(sig), opcode, null, 0));
    }

    /** A {@code NumericOps} helper of the instruction's exact signature. */
    private static void helper(Op op, String sig, Builtin helper) {
        RULES.put(op, new Rule(FunctionType.parse(sig), 0, helper, 0));
    }

    /** A JDK method; where it takes or returns an int for an i64 ({@code Long.rotateLeft}), converted around it. */
    private static void jdk(Op op, String sig, Builtin method) {
        RULES.put(op, new Rule(FunctionType.parse(sig), 0, method, 0));
    }

    private static void compare(Op op, String sig, int jump) {
        RULES.put(op, new Rule(FunctionType.parse(sig), 0, null, jump));
    }

    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final ControlFlow control;

    NumericEmitter(EmitContext ctx, ControlFlow control) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.control = control;
    }

    @Override
    public void emit(Instruction in) {
        Op op = in.op();
        switch (op) {
            case I32_CONST -> {
                if (ctx.cursor.fused() instanceof Peepholes.ConstantDivisor pair) {
                    ConstantDivisions.emit(ctx, pair.divide(), in.intOperand(0));
                    return;
                }
                ctx.pushInt(in.intOperand(0));
                ctx.stack.push(ValueType.I32);
                return;
            }
            case I64_CONST -> {
                if (ctx.cursor.fused() instanceof Peepholes.ConstantDivisor pair) {
                    ConstantDivisions.emit(ctx, pair.divide(), in.operand(0));
                    return;
                }
                if (ctx.tableAddends == null || !ctx.tableAddends[ctx.cursor.position() - 1]
                        || !ctx.addends.push(ctx, in.operand(0))) {
                    ctx.pushLong(in.operand(0));
                }
                ctx.stack.push(ValueType.I64);
                return;
            }
            case F32_CONST -> {
                int bits = (int) in.operand(0);
                float f = Float.intBitsToFloat(bits);
                if (Float.isNaN(f)) {
                    // Keep NaN payloads exactly: through the int bits, not a float constant.
                    mv.visitLdcInsn(bits);
                    Builtin.FLOAT_FROM_BITS.invoke(mv);
                } else {
                    mv.visitLdcInsn(f);
                }
                ctx.stack.push(ValueType.F32);
                return;
            }
            case F64_CONST -> {
                long bits = in.operand(0);
                double d = Double.longBitsToDouble(bits);
                if (Double.isNaN(d)) {
                    mv.visitLdcInsn(bits);
                    Builtin.DOUBLE_FROM_BITS.invoke(mv);
                } else {
                    mv.visitLdcInsn(d);
                }
                ctx.stack.push(ValueType.F64);
                return;
            }
            case I64_EXTEND_8_S, I64_EXTEND_16_S, I64_EXTEND_32_S -> {
                mv.visitInsn(L2I);
                if (op == Op.I64_EXTEND_8_S) {
                    mv.visitInsn(I2B);
                } else if (op == Op.I64_EXTEND_16_S) {
                    mv.visitInsn(I2S);
                }
                mv.visitInsn(I2L);
                ctx.stack.reads(1);
                return;
            }
            case I32_NE -> {
                if (ctx.cursor.fused() instanceof Peepholes.CountedExit exit) {
                    int right = ctx.slots.temp(ValueType.I32);
                    int left = ctx.slots.temp(ValueType.I32);
                    mv.visitVarInsn(ISTORE, right);
                    mv.visitVarInsn(ISTORE, left);
                    ctx.stack.pop(2);
                    ctx.stack.push(ValueType.I32);
                    control.countedExit(exit, IF_ICMPNE, () -> {
                        mv.visitVarInsn(ILOAD, left);
                        mv.visitVarInsn(ILOAD, right);
                    });
                    return;
                }
            }
            default -> { }
        }
        Rule rule = RULES.get(op);
        if (rule == null) {
            throw Emitter.unsupported(in);
        }
        FunctionType sig = rule.signature();
        if (rule.compareJump() != 0) {
            emitCompare(op, sig.params().get(0), rule.compareJump());
        } else if (op == Op.F32_SQRT) {
            mv.visitInsn(F2D);
            Builtin.MATH_SQRT.invoke(mv);
            mv.visitInsn(D2F);
        } else if (rule.call() != null) {
            emitCall(op, rule);
        } else {
            if (op == Op.I64_SHL || op == Op.I64_SHR_S || op == Op.I64_SHR_U) {
                mv.visitInsn(L2I); // the JVM takes the shift distance as an int, and masks it to 6 bits as wasm does
            }
            mv.visitInsn(rule.jvmOpcode());
        }
        ctx.stack.pop(sig.params().size());
        ctx.stack.pushAll(sig.results());
    }

    private void emitCall(Op op, Rule rule) {
        if (op == Op.I64_ROTL || op == Op.I64_ROTR) {
            mv.visitInsn(L2I); // the JDK takes the rotation distance as an int
        }
        rule.call().invoke(mv);
        if (op == Op.I64_CLZ || op == Op.I64_CTZ || op == Op.I64_POPCNT) {
            mv.visitInsn(I2L); // the JDK counts bits of a long in an int
        }
    }

    /** Leaves 1 or 0 for a comparison, with wasm's NaN rule (every comparison with NaN is false but ne). */
    private void emitCompare(Op op, ValueType operand, int jump) {
        switch (op) {
            case I32_EQZ -> { }
            case I32_LT_U, I32_GT_U, I32_LE_U, I32_GE_U ->
                    Builtin.INTEGER_COMPARE_UNSIGNED.invoke(mv);
            case I64_EQZ -> {
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
            }
            case I64_LT_U, I64_GT_U, I64_LE_U, I64_GE_U ->
                    Builtin.LONG_COMPARE_UNSIGNED.invoke(mv);
            default -> {
                if (operand == ValueType.I64) {
                    mv.visitInsn(LCMP);
                } else if (operand == ValueType.F32) {
                    // NaN must make lt/le false: fcmpg gives 1 for NaN; gt/ge/eq/ne want -1 (fcmpl).
                    mv.visitInsn(jump == IFLT || jump == IFLE ? FCMPG : FCMPL);
                } else if (operand == ValueType.F64) {
                    mv.visitInsn(jump == IFLT || jump == IFLE ? DCMPG : DCMPL);
                }
            }
        }
        ctx.pushCondition(jump);
    }
}
