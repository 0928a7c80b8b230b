package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;

/**
 * Constants, arithmetic, comparisons and conversions. Where a JVM instruction has wasm's exact semantics it is used
 * as is; the rest call {@code NumericOps} (traps, NaN rules, unsigned conversions) or the JDK's own intrinsics.
 */
final class NumericEmitter {
    private static final String OPS = "dev/wasm2jar/runtime/abi/NumericOps";

    /** How one numeric instruction is emitted, with its wasm signature. */
    private record Rule(FunctionType signature, int jvmOpcode, String owner, String method, int compareJump) {}

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
        helper(Op.I32_DIV_S, "ii:i");
        helper(Op.I32_DIV_U, "ii:i");
        helper(Op.I32_REM_S, "ii:i");
        helper(Op.I32_REM_U, "ii:i");
        jdk(Op.I32_ROTL, "ii:i", "java/lang/Integer", "rotateLeft");
        jdk(Op.I32_ROTR, "ii:i", "java/lang/Integer", "rotateRight");
        jdk(Op.I32_CLZ, "i:i", "java/lang/Integer", "numberOfLeadingZeros");
        jdk(Op.I32_CTZ, "i:i", "java/lang/Integer", "numberOfTrailingZeros");
        jdk(Op.I32_POPCNT, "i:i", "java/lang/Integer", "bitCount");
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
        helper(Op.I64_DIV_S, "ll:l");
        helper(Op.I64_DIV_U, "ll:l");
        helper(Op.I64_REM_S, "ll:l");
        helper(Op.I64_REM_U, "ll:l");
        jdk(Op.I64_ROTL, "ll:l", "java/lang/Long", "rotateLeft");
        jdk(Op.I64_ROTR, "ll:l", "java/lang/Long", "rotateRight");
        jdk(Op.I64_CLZ, "l:l", "java/lang/Long", "numberOfLeadingZeros");
        jdk(Op.I64_CTZ, "l:l", "java/lang/Long", "numberOfTrailingZeros");
        jdk(Op.I64_POPCNT, "l:l", "java/lang/Long", "bitCount");
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
        helper(Op.F32_MIN, "ff:f");
        helper(Op.F32_MAX, "ff:f");
        helper(Op.F32_COPYSIGN, "ff:f");
        helper(Op.F32_ABS, "f:f");
        helper(Op.F32_NEG, "f:f");
        helper(Op.F32_CEIL, "f:f");
        helper(Op.F32_FLOOR, "f:f");
        helper(Op.F32_TRUNC, "f:f");
        helper(Op.F32_NEAREST, "f:f");
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
        helper(Op.F64_MIN, "dd:d");
        helper(Op.F64_MAX, "dd:d");
        helper(Op.F64_COPYSIGN, "dd:d");
        helper(Op.F64_ABS, "d:d");
        helper(Op.F64_NEG, "d:d");
        helper(Op.F64_CEIL, "d:d");
        helper(Op.F64_FLOOR, "d:d");
        helper(Op.F64_TRUNC, "d:d");
        helper(Op.F64_NEAREST, "d:d");
        jdk(Op.F64_SQRT, "d:d", "java/lang/Math", "sqrt");
        compare(Op.F64_EQ, "dd:i", IFEQ);
        compare(Op.F64_NE, "dd:i", IFNE);
        compare(Op.F64_LT, "dd:i", IFLT);
        compare(Op.F64_GT, "dd:i", IFGT);
        compare(Op.F64_LE, "dd:i", IFLE);
        compare(Op.F64_GE, "dd:i", IFGE);
        // conversions
        jvm(Op.I32_WRAP_I64, "l:i", L2I);
        jvm(Op.I64_EXTEND_I32_S, "i:l", I2L);
        jdk(Op.I64_EXTEND_I32_U, "i:l", "java/lang/Integer", "toUnsignedLong");
        jvm(Op.F32_CONVERT_I32_S, "i:f", I2F);
        jvm(Op.F32_CONVERT_I64_S, "l:f", L2F);
        jvm(Op.F64_CONVERT_I32_S, "i:d", I2D);
        jvm(Op.F64_CONVERT_I64_S, "l:d", L2D);
        helper(Op.F32_CONVERT_I32_U, "i:f");
        helper(Op.F32_CONVERT_I64_U, "l:f");
        helper(Op.F64_CONVERT_I32_U, "i:d");
        helper(Op.F64_CONVERT_I64_U, "l:d");
        jvm(Op.F32_DEMOTE_F64, "d:f", D2F);
        jvm(Op.F64_PROMOTE_F32, "f:d", F2D);
        jdk(Op.I32_REINTERPRET_F32, "f:i", "java/lang/Float", "floatToRawIntBits");
        jdk(Op.F32_REINTERPRET_I32, "i:f", "java/lang/Float", "intBitsToFloat");
        jdk(Op.I64_REINTERPRET_F64, "d:l", "java/lang/Double", "doubleToRawLongBits");
        jdk(Op.F64_REINTERPRET_I64, "l:d", "java/lang/Double", "longBitsToDouble");
        jvm(Op.I32_EXTEND_8_S, "i:i", I2B);
        jvm(Op.I32_EXTEND_16_S, "i:i", I2S);
        for (Op op : new Op[] {Op.I32_TRUNC_F32_S, Op.I32_TRUNC_F32_U, Op.I32_TRUNC_SAT_F32_S, Op.I32_TRUNC_SAT_F32_U}) {
            helper(op, "f:i");
        }
        for (Op op : new Op[] {Op.I32_TRUNC_F64_S, Op.I32_TRUNC_F64_U, Op.I32_TRUNC_SAT_F64_S, Op.I32_TRUNC_SAT_F64_U}) {
            helper(op, "d:i");
        }
        for (Op op : new Op[] {Op.I64_TRUNC_F32_S, Op.I64_TRUNC_F32_U, Op.I64_TRUNC_SAT_F32_S, Op.I64_TRUNC_SAT_F32_U}) {
            helper(op, "f:l");
        }
        for (Op op : new Op[] {Op.I64_TRUNC_F64_S, Op.I64_TRUNC_F64_U, Op.I64_TRUNC_SAT_F64_S, Op.I64_TRUNC_SAT_F64_U}) {
            helper(op, "d:l");
        }
    }

    private static void jvm(Op op, String sig, int opcode) {
        RULES.put(op, new Rule(FunctionType.parse(sig), opcode, null, null, 0));
    }

    private static void helper(Op op, String sig) {
        RULES.put(op, new Rule(FunctionType.parse(sig), 0, OPS, camelCase(op), 0));
    }

    private static void jdk(Op op, String sig, String owner, String method) {
        RULES.put(op, new Rule(FunctionType.parse(sig), 0, owner, method, 0));
    }

    private static void compare(Op op, String sig, int jump) {
        RULES.put(op, new Rule(FunctionType.parse(sig), 0, null, null, jump));
    }

    /** {@code I32_TRUNC_SAT_F32_S} is {@code i32TruncSatF32S} in NumericOps. */
    private static String camelCase(Op op) {
        StringBuilder sb = new StringBuilder();
        for (String part : op.name().toLowerCase(Locale.ROOT).split("_")) {
            sb.append(sb.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return sb.toString();
    }

    private final FunctionTranslator t;
    private final MethodVisitor mv;

    NumericEmitter(FunctionTranslator t) {
        this.t = t;
        this.mv = t.mv;
    }

    /** Emits {@code in} if it is a numeric instruction; false otherwise. */
    boolean emit(Instruction in) {
        Op op = in.op();
        switch (op) {
            case I32_CONST -> {
                t.pushInt(in.intOperand(0));
                t.stack.push(ValueType.I32);
                return true;
            }
            case I64_CONST -> {
                long v = in.operand(0);
                if (v == 0 || v == 1) {
                    mv.visitInsn(LCONST_0 + (int) v);
                } else {
                    mv.visitLdcInsn(v);
                }
                t.stack.push(ValueType.I64);
                return true;
            }
            case F32_CONST -> {
                int bits = (int) in.operand(0);
                float f = Float.intBitsToFloat(bits);
                if (Float.isNaN(f)) {
                    // Keep NaN payloads exactly: through the int bits, not a float constant.
                    mv.visitLdcInsn(bits);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                } else {
                    mv.visitLdcInsn(f);
                }
                t.stack.push(ValueType.F32);
                return true;
            }
            case F64_CONST -> {
                long bits = in.operand(0);
                double d = Double.longBitsToDouble(bits);
                if (Double.isNaN(d)) {
                    mv.visitLdcInsn(bits);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                } else {
                    mv.visitLdcInsn(d);
                }
                t.stack.push(ValueType.F64);
                return true;
            }
            case I64_EXTEND_8_S, I64_EXTEND_16_S, I64_EXTEND_32_S -> {
                mv.visitInsn(L2I);
                if (op == Op.I64_EXTEND_8_S) {
                    mv.visitInsn(I2B);
                } else if (op == Op.I64_EXTEND_16_S) {
                    mv.visitInsn(I2S);
                }
                mv.visitInsn(I2L);
                return true;
            }
            default -> { }
        }
        Rule rule = RULES.get(op);
        if (rule == null) {
            return false;
        }
        FunctionType sig = rule.signature();
        if (rule.compareJump() != 0) {
            emitCompare(op, sig.params().get(0), rule.compareJump());
        } else if (op == Op.F32_SQRT) {
            mv.visitInsn(F2D);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "sqrt", "(D)D", false);
            mv.visitInsn(D2F);
        } else if (rule.owner() != null) {
            emitCall(op, rule);
        } else {
            if (op == Op.I64_SHL || op == Op.I64_SHR_S || op == Op.I64_SHR_U) {
                mv.visitInsn(L2I); // the JVM takes the shift distance as an int, and masks it to 6 bits as wasm does
            }
            mv.visitInsn(rule.jvmOpcode());
        }
        t.stack.pop(sig.params().size());
        t.stack.pushAll(sig.results());
        return true;
    }

    private void emitCall(Op op, Rule rule) {
        String descriptor = rule.signature().methodType().toMethodDescriptorString();
        switch (op) {
            // The JDK takes the rotation distance as an int.
            case I64_ROTL, I64_ROTR -> {
                mv.visitInsn(L2I);
                descriptor = "(JI)J";
            }
            case I64_CLZ, I64_CTZ, I64_POPCNT -> descriptor = "(J)I";
            default -> { }
        }
        mv.visitMethodInsn(INVOKESTATIC, rule.owner(), rule.method(), descriptor, false);
        if (descriptor.equals("(J)I")) {
            mv.visitInsn(I2L);
        }
    }

    /** Leaves 1 or 0 for a comparison, with wasm's NaN rule (every comparison with NaN is false but ne). */
    private void emitCompare(Op op, ValueType operand, int jump) {
        switch (op) {
            case I32_EQZ -> { }
            case I32_LT_U, I32_GT_U, I32_LE_U, I32_GE_U ->
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
            case I64_EQZ -> {
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
            }
            case I64_LT_U, I64_GT_U, I64_LE_U, I64_GE_U ->
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
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
        t.pushCondition(jump);
    }
}
