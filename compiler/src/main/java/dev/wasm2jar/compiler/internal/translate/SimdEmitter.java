package dev.wasm2jar.compiler.internal.translate;

import static dev.wasm2jar.compiler.internal.translate.Shape.D2;
import static dev.wasm2jar.compiler.internal.translate.Shape.F4;
import static dev.wasm2jar.compiler.internal.translate.Shape.I4;
import static dev.wasm2jar.compiler.internal.translate.Shape.L2;
import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.ValueType;
import java.util.EnumMap;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The 236 fixed-width SIMD instructions and relaxed SIMD's 20. Vectors live in locals ({@link Vectors}); most
 * instructions are one of three patterns over them, listed in a table:
 *
 * <ul>
 *   <li>{@link Lanes}: element k of the result from element k of each operand, in the shape the instruction wants
 *       (f32x4 add is four {@code fadd}s on four floats; i8x16 add is a helper on each long half);
 *   <li>{@link Halves}: canonical halves in and out, each result half from a helper over operand halves (narrow,
 *       extend, extmul, swizzle);
 *   <li>{@link Reduce}: an i32 from all elements of one vector (all_true, bitmask, any_true).
 * </ul>
 *
 * The bitwise instructions, which take the shape their operands have, are written out below; constants, splats, lane
 * access and shuffles are {@link SimdLaneEmitter}'s, memory {@link SimdMemoryEmitter}'s. Helpers are in
 * {@code dev.wasm2jar.runtime.abi}, one class per lane type.
 */
final class SimdEmitter implements Emitter {
    /** Code applied to one element of each operand (already pushed), leaving one element of the result. */
    @FunctionalInterface
    private interface Code {
        void emit(MethodVisitor mv);
    }

    private sealed interface Rule permits Lanes, Halves, Reduce {}

    /**
     * Element k of the result from element k of each operand in shape {@code in}, plus the i32 scalar operand when
     * {@code scalar}; when the result has more elements than the operands, the rest are zero.
     */
    private record Lanes(Shape in, Shape out, int arity, boolean scalar, Code code) implements Rule {}

    /** How an instruction relates to the shapes of its values, for {@link ShapePlan}. */
    private enum Kind {
        /** Wants its operands and makes its result in the shapes it names. */
        STRICT,
        /** Works in whatever shape its operands and result share. */
        AGNOSTIC
    }

    /** Each result half from a helper over operand halves, named {@code 2 * operand + half}. */
    private record Halves(int arity, Builtin lo, int[] loArgs, Builtin hi, int[] hiArgs) implements Rule {}

    /** An i32 from the elements of one operand in shape {@code in}. */
    private record Reduce(Shape in, Builtin helper) implements Rule {}

    private static final Map<Op, Rule> RULES = new EnumMap<>(Op.class);

    static {
        // i8x16 and i16x8: SWAR helpers on long halves.
        call(Op.I8X16_ADD, L2, L2, 2, Builtin.I8X16_ADD);
        call(Op.I8X16_SUB, L2, L2, 2, Builtin.I8X16_SUB);
        call(Op.I8X16_ADD_SAT_S, L2, L2, 2, Builtin.I8X16_ADD_SAT_S);
        call(Op.I8X16_ADD_SAT_U, L2, L2, 2, Builtin.I8X16_ADD_SAT_U);
        call(Op.I8X16_SUB_SAT_S, L2, L2, 2, Builtin.I8X16_SUB_SAT_S);
        call(Op.I8X16_SUB_SAT_U, L2, L2, 2, Builtin.I8X16_SUB_SAT_U);
        call(Op.I8X16_MIN_S, L2, L2, 2, Builtin.I8X16_MIN_S);
        call(Op.I8X16_MIN_U, L2, L2, 2, Builtin.I8X16_MIN_U);
        call(Op.I8X16_MAX_S, L2, L2, 2, Builtin.I8X16_MAX_S);
        call(Op.I8X16_MAX_U, L2, L2, 2, Builtin.I8X16_MAX_U);
        call(Op.I8X16_AVGR_U, L2, L2, 2, Builtin.I8X16_AVGR_U);
        call(Op.I8X16_EQ, L2, L2, 2, Builtin.I8X16_EQ);
        call(Op.I8X16_NE, L2, L2, 2, Builtin.I8X16_NE);
        call(Op.I8X16_LT_S, L2, L2, 2, Builtin.I8X16_LT_S);
        call(Op.I8X16_LT_U, L2, L2, 2, Builtin.I8X16_LT_U);
        call(Op.I8X16_GT_S, L2, L2, 2, Builtin.I8X16_GT_S);
        call(Op.I8X16_GT_U, L2, L2, 2, Builtin.I8X16_GT_U);
        call(Op.I8X16_LE_S, L2, L2, 2, Builtin.I8X16_LE_S);
        call(Op.I8X16_LE_U, L2, L2, 2, Builtin.I8X16_LE_U);
        call(Op.I8X16_GE_S, L2, L2, 2, Builtin.I8X16_GE_S);
        call(Op.I8X16_GE_U, L2, L2, 2, Builtin.I8X16_GE_U);
        call(Op.I16X8_ADD, L2, L2, 2, Builtin.I16X8_ADD);
        call(Op.I16X8_SUB, L2, L2, 2, Builtin.I16X8_SUB);
        call(Op.I16X8_ADD_SAT_S, L2, L2, 2, Builtin.I16X8_ADD_SAT_S);
        call(Op.I16X8_ADD_SAT_U, L2, L2, 2, Builtin.I16X8_ADD_SAT_U);
        call(Op.I16X8_SUB_SAT_S, L2, L2, 2, Builtin.I16X8_SUB_SAT_S);
        call(Op.I16X8_SUB_SAT_U, L2, L2, 2, Builtin.I16X8_SUB_SAT_U);
        call(Op.I16X8_MIN_S, L2, L2, 2, Builtin.I16X8_MIN_S);
        call(Op.I16X8_MIN_U, L2, L2, 2, Builtin.I16X8_MIN_U);
        call(Op.I16X8_MAX_S, L2, L2, 2, Builtin.I16X8_MAX_S);
        call(Op.I16X8_MAX_U, L2, L2, 2, Builtin.I16X8_MAX_U);
        call(Op.I16X8_AVGR_U, L2, L2, 2, Builtin.I16X8_AVGR_U);
        call(Op.I16X8_EQ, L2, L2, 2, Builtin.I16X8_EQ);
        call(Op.I16X8_NE, L2, L2, 2, Builtin.I16X8_NE);
        call(Op.I16X8_LT_S, L2, L2, 2, Builtin.I16X8_LT_S);
        call(Op.I16X8_LT_U, L2, L2, 2, Builtin.I16X8_LT_U);
        call(Op.I16X8_GT_S, L2, L2, 2, Builtin.I16X8_GT_S);
        call(Op.I16X8_GT_U, L2, L2, 2, Builtin.I16X8_GT_U);
        call(Op.I16X8_LE_S, L2, L2, 2, Builtin.I16X8_LE_S);
        call(Op.I16X8_LE_U, L2, L2, 2, Builtin.I16X8_LE_U);
        call(Op.I16X8_GE_S, L2, L2, 2, Builtin.I16X8_GE_S);
        call(Op.I16X8_GE_U, L2, L2, 2, Builtin.I16X8_GE_U);
        call(Op.I16X8_MUL, L2, L2, 2, Builtin.I16X8_MUL);
        call(Op.I16X8_Q15MULR_SAT_S, L2, L2, 2, Builtin.I16X8_Q15MULR_SAT_S);
        call(Op.I8X16_ABS, L2, L2, 1, Builtin.I8X16_ABS);
        call(Op.I8X16_NEG, L2, L2, 1, Builtin.I8X16_NEG);
        call(Op.I16X8_ABS, L2, L2, 1, Builtin.I16X8_ABS);
        call(Op.I16X8_NEG, L2, L2, 1, Builtin.I16X8_NEG);
        call(Op.I8X16_POPCNT, L2, L2, 1, Builtin.I8X16_POPCNT);
        shiftCall(Op.I8X16_SHL, Builtin.I8X16_SHL);
        shiftCall(Op.I8X16_SHR_S, Builtin.I8X16_SHR_S);
        shiftCall(Op.I8X16_SHR_U, Builtin.I8X16_SHR_U);
        shiftCall(Op.I16X8_SHL, Builtin.I16X8_SHL);
        shiftCall(Op.I16X8_SHR_S, Builtin.I16X8_SHR_S);
        shiftCall(Op.I16X8_SHR_U, Builtin.I16X8_SHR_U);
        reduce(Op.I8X16_ALL_TRUE, L2, Builtin.I8X16_ALL_TRUE);
        reduce(Op.I8X16_BITMASK, L2, Builtin.I8X16_BITMASK);
        reduce(Op.I16X8_ALL_TRUE, L2, Builtin.I16X8_ALL_TRUE);
        reduce(Op.I16X8_BITMASK, L2, Builtin.I16X8_BITMASK);
        halves(Op.I8X16_NARROW_I16X8_S, 2, Builtin.I8X16_NARROW_S, "a0 a1", Builtin.I8X16_NARROW_S, "b0 b1");
        halves(Op.I8X16_NARROW_I16X8_U, 2, Builtin.I8X16_NARROW_U, "a0 a1", Builtin.I8X16_NARROW_U, "b0 b1");
        halves(Op.I16X8_NARROW_I32X4_S, 2, Builtin.I16X8_NARROW_S, "a0 a1", Builtin.I16X8_NARROW_S, "b0 b1");
        halves(Op.I16X8_NARROW_I32X4_U, 2, Builtin.I16X8_NARROW_U, "a0 a1", Builtin.I16X8_NARROW_U, "b0 b1");
        widening(Op.I16X8_EXTEND_LOW_I8X16_S, Op.I16X8_EXTEND_HIGH_I8X16_S, Builtin.I16X8_EXTEND_LOW_S, Builtin.I16X8_EXTEND_HIGH_S, 1);
        widening(Op.I16X8_EXTEND_LOW_I8X16_U, Op.I16X8_EXTEND_HIGH_I8X16_U, Builtin.I16X8_EXTEND_LOW_U, Builtin.I16X8_EXTEND_HIGH_U, 1);
        widening(Op.I16X8_EXTMUL_LOW_I8X16_S, Op.I16X8_EXTMUL_HIGH_I8X16_S, Builtin.I16X8_EXTMUL_LOW_S, Builtin.I16X8_EXTMUL_HIGH_S, 2);
        widening(Op.I16X8_EXTMUL_LOW_I8X16_U, Op.I16X8_EXTMUL_HIGH_I8X16_U, Builtin.I16X8_EXTMUL_LOW_U, Builtin.I16X8_EXTMUL_HIGH_U, 2);
        call(Op.I16X8_EXTADD_PAIRWISE_I8X16_S, L2, L2, 1, Builtin.I16X8_EXTADD_PAIRWISE_S);
        call(Op.I16X8_EXTADD_PAIRWISE_I8X16_U, L2, L2, 1, Builtin.I16X8_EXTADD_PAIRWISE_U);

        // i32x4: four ints.
        jvm(Op.I32X4_ADD, I4, I4, 2, IADD);
        jvm(Op.I32X4_SUB, I4, I4, 2, ISUB);
        jvm(Op.I32X4_MUL, I4, I4, 2, IMUL);
        jvm(Op.I32X4_NEG, I4, I4, 1, INEG);
        shift(Op.I32X4_SHL, I4, ISHL);
        shift(Op.I32X4_SHR_S, I4, ISHR);
        shift(Op.I32X4_SHR_U, I4, IUSHR);
        call(Op.I32X4_ABS, I4, I4, 1, Builtin.MATH_ABS_INT);
        call(Op.I32X4_MIN_S, I4, I4, 2, Builtin.MATH_MIN_INT);
        call(Op.I32X4_MAX_S, I4, I4, 2, Builtin.MATH_MAX_INT);
        call(Op.I32X4_MIN_U, I4, I4, 2, Builtin.I32X4_MIN_U);
        call(Op.I32X4_MAX_U, I4, I4, 2, Builtin.I32X4_MAX_U);
        call(Op.I32X4_EQ, I4, I4, 2, Builtin.I32X4_EQ);
        call(Op.I32X4_NE, I4, I4, 2, Builtin.I32X4_NE);
        call(Op.I32X4_LT_S, I4, I4, 2, Builtin.I32X4_LT_S);
        call(Op.I32X4_LT_U, I4, I4, 2, Builtin.I32X4_LT_U);
        call(Op.I32X4_GT_S, I4, I4, 2, Builtin.I32X4_GT_S);
        call(Op.I32X4_GT_U, I4, I4, 2, Builtin.I32X4_GT_U);
        call(Op.I32X4_LE_S, I4, I4, 2, Builtin.I32X4_LE_S);
        call(Op.I32X4_LE_U, I4, I4, 2, Builtin.I32X4_LE_U);
        call(Op.I32X4_GE_S, I4, I4, 2, Builtin.I32X4_GE_S);
        call(Op.I32X4_GE_U, I4, I4, 2, Builtin.I32X4_GE_U);
        reduce(Op.I32X4_ALL_TRUE, I4, Builtin.I32X4_ALL_TRUE);
        reduce(Op.I32X4_BITMASK, I4, Builtin.I32X4_BITMASK);
        call(Op.I32X4_DOT_I16X8_S, L2, L2, 2, Builtin.I32X4_DOT);
        widening(Op.I32X4_EXTMUL_LOW_I16X8_S, Op.I32X4_EXTMUL_HIGH_I16X8_S, Builtin.I32X4_EXTMUL_LOW_S, Builtin.I32X4_EXTMUL_HIGH_S, 2);
        widening(Op.I32X4_EXTMUL_LOW_I16X8_U, Op.I32X4_EXTMUL_HIGH_I16X8_U, Builtin.I32X4_EXTMUL_LOW_U, Builtin.I32X4_EXTMUL_HIGH_U, 2);
        call(Op.I32X4_EXTADD_PAIRWISE_I16X8_S, L2, L2, 1, Builtin.I32X4_EXTADD_PAIRWISE_S);
        call(Op.I32X4_EXTADD_PAIRWISE_I16X8_U, L2, L2, 1, Builtin.I32X4_EXTADD_PAIRWISE_U);
        call(Op.I32X4_TRUNC_SAT_F32X4_S, F4, I4, 1, Builtin.I32_TRUNC_SAT_F32_S);
        call(Op.I32X4_TRUNC_SAT_F32X4_U, F4, I4, 1, Builtin.I32_TRUNC_SAT_F32_U);
        call(Op.I32X4_TRUNC_SAT_F64X2_S_ZERO, D2, I4, 1, Builtin.I32_TRUNC_SAT_F64_S);
        call(Op.I32X4_TRUNC_SAT_F64X2_U_ZERO, D2, I4, 1, Builtin.I32_TRUNC_SAT_F64_U);

        // i64x2: two longs.
        jvm(Op.I64X2_ADD, L2, L2, 2, LADD);
        jvm(Op.I64X2_SUB, L2, L2, 2, LSUB);
        jvm(Op.I64X2_MUL, L2, L2, 2, LMUL);
        jvm(Op.I64X2_NEG, L2, L2, 1, LNEG);
        shift(Op.I64X2_SHL, L2, LSHL);
        shift(Op.I64X2_SHR_S, L2, LSHR);
        shift(Op.I64X2_SHR_U, L2, LUSHR);
        call(Op.I64X2_ABS, L2, L2, 1, Builtin.MATH_ABS_LONG);
        call(Op.I64X2_EQ, L2, L2, 2, Builtin.I64X2_EQ);
        call(Op.I64X2_NE, L2, L2, 2, Builtin.I64X2_NE);
        call(Op.I64X2_LT_S, L2, L2, 2, Builtin.I64X2_LT_S);
        call(Op.I64X2_GT_S, L2, L2, 2, Builtin.I64X2_GT_S);
        call(Op.I64X2_LE_S, L2, L2, 2, Builtin.I64X2_LE_S);
        call(Op.I64X2_GE_S, L2, L2, 2, Builtin.I64X2_GE_S);
        reduce(Op.I64X2_ALL_TRUE, L2, Builtin.I64X2_ALL_TRUE);
        reduce(Op.I64X2_BITMASK, L2, Builtin.I64X2_BITMASK);
        widening(Op.I64X2_EXTEND_LOW_I32X4_S, Op.I64X2_EXTEND_HIGH_I32X4_S, Builtin.I64X2_EXTEND_LOW_S, Builtin.I64X2_EXTEND_HIGH_S, 1);
        widening(Op.I64X2_EXTEND_LOW_I32X4_U, Op.I64X2_EXTEND_HIGH_I32X4_U, Builtin.I64X2_EXTEND_LOW_U, Builtin.I64X2_EXTEND_HIGH_U, 1);
        widening(Op.I64X2_EXTMUL_LOW_I32X4_S, Op.I64X2_EXTMUL_HIGH_I32X4_S, Builtin.I64X2_EXTMUL_LOW_S, Builtin.I64X2_EXTMUL_HIGH_S, 2);
        widening(Op.I64X2_EXTMUL_LOW_I32X4_U, Op.I64X2_EXTMUL_HIGH_I32X4_U, Builtin.I64X2_EXTMUL_LOW_U, Builtin.I64X2_EXTMUL_HIGH_U, 2);

        // f32x4: four floats; f64x2: two doubles. Lanes follow the scalar NaN rules (NumericOps).
        jvm(Op.F32X4_ADD, F4, F4, 2, FADD);
        jvm(Op.F32X4_SUB, F4, F4, 2, FSUB);
        jvm(Op.F32X4_MUL, F4, F4, 2, FMUL);
        jvm(Op.F32X4_DIV, F4, F4, 2, FDIV);
        call(Op.F32X4_MIN, F4, F4, 2, Builtin.F32_MIN);
        call(Op.F32X4_MAX, F4, F4, 2, Builtin.F32_MAX);
        call(Op.F32X4_ABS, F4, F4, 1, Builtin.F32_ABS);
        call(Op.F32X4_NEG, F4, F4, 1, Builtin.F32_NEG);
        call(Op.F32X4_CEIL, F4, F4, 1, Builtin.F32_CEIL);
        call(Op.F32X4_FLOOR, F4, F4, 1, Builtin.F32_FLOOR);
        call(Op.F32X4_TRUNC, F4, F4, 1, Builtin.F32_TRUNC);
        call(Op.F32X4_NEAREST, F4, F4, 1, Builtin.F32_NEAREST);
        call(Op.F32X4_PMIN, F4, F4, 2, Builtin.F32X4_PMIN);
        call(Op.F32X4_PMAX, F4, F4, 2, Builtin.F32X4_PMAX);
        call(Op.F32X4_EQ, F4, I4, 2, Builtin.F32X4_EQ);
        call(Op.F32X4_NE, F4, I4, 2, Builtin.F32X4_NE);
        call(Op.F32X4_LT, F4, I4, 2, Builtin.F32X4_LT);
        call(Op.F32X4_GT, F4, I4, 2, Builtin.F32X4_GT);
        call(Op.F32X4_LE, F4, I4, 2, Builtin.F32X4_LE);
        call(Op.F32X4_GE, F4, I4, 2, Builtin.F32X4_GE);
        jvm(Op.F64X2_ADD, D2, D2, 2, DADD);
        jvm(Op.F64X2_SUB, D2, D2, 2, DSUB);
        jvm(Op.F64X2_MUL, D2, D2, 2, DMUL);
        jvm(Op.F64X2_DIV, D2, D2, 2, DDIV);
        call(Op.F64X2_MIN, D2, D2, 2, Builtin.F64_MIN);
        call(Op.F64X2_MAX, D2, D2, 2, Builtin.F64_MAX);
        call(Op.F64X2_ABS, D2, D2, 1, Builtin.F64_ABS);
        call(Op.F64X2_NEG, D2, D2, 1, Builtin.F64_NEG);
        call(Op.F64X2_CEIL, D2, D2, 1, Builtin.F64_CEIL);
        call(Op.F64X2_FLOOR, D2, D2, 1, Builtin.F64_FLOOR);
        call(Op.F64X2_TRUNC, D2, D2, 1, Builtin.F64_TRUNC);
        call(Op.F64X2_NEAREST, D2, D2, 1, Builtin.F64_NEAREST);
        call(Op.F64X2_PMIN, D2, D2, 2, Builtin.F64X2_PMIN);
        call(Op.F64X2_PMAX, D2, D2, 2, Builtin.F64X2_PMAX);
        call(Op.F64X2_EQ, D2, L2, 2, Builtin.F64X2_EQ);
        call(Op.F64X2_NE, D2, L2, 2, Builtin.F64X2_NE);
        call(Op.F64X2_LT, D2, L2, 2, Builtin.F64X2_LT);
        call(Op.F64X2_GT, D2, L2, 2, Builtin.F64X2_GT);
        call(Op.F64X2_LE, D2, L2, 2, Builtin.F64X2_LE);
        call(Op.F64X2_GE, D2, L2, 2, Builtin.F64X2_GE);
        call(Op.F32X4_SQRT, F4, F4, 1, Builtin.F32X4_SQRT);
        call(Op.F64X2_SQRT, D2, D2, 1, Builtin.MATH_SQRT);
        jvm(Op.F32X4_CONVERT_I32X4_S, I4, F4, 1, I2F);
        call(Op.F32X4_CONVERT_I32X4_U, I4, F4, 1, Builtin.F32_CONVERT_I32_U);
        jvm(Op.F64X2_CONVERT_LOW_I32X4_S, I4, D2, 1, I2D);
        call(Op.F64X2_CONVERT_LOW_I32X4_U, I4, D2, 1, Builtin.F64_CONVERT_I32_U);
        jvm(Op.F32X4_DEMOTE_F64X2_ZERO, D2, F4, 1, D2F);
        jvm(Op.F64X2_PROMOTE_LOW_F32X4, F4, D2, 1, F2D);

        halves(Op.I8X16_SWIZZLE, 2, Builtin.V128_SWIZZLE, "a0 a1 b0", Builtin.V128_SWIZZLE, "a0 a1 b1");

        // Relaxed SIMD: one fixed choice each (RATIONALE.md, "Relaxed SIMD"); laneselect is bitselect, below.
        halves(Op.I8X16_RELAXED_SWIZZLE, 2, Builtin.V128_SWIZZLE, "a0 a1 b0", Builtin.V128_SWIZZLE, "a0 a1 b1");
        jvm(Op.I32X4_RELAXED_TRUNC_F32X4_S, F4, I4, 1, F2I);
        call(Op.I32X4_RELAXED_TRUNC_F32X4_U, F4, I4, 1, Builtin.I32_TRUNC_SAT_F32_U);
        jvm(Op.I32X4_RELAXED_TRUNC_F64X2_S_ZERO, D2, I4, 1, D2I);
        call(Op.I32X4_RELAXED_TRUNC_F64X2_U_ZERO, D2, I4, 1, Builtin.I32_TRUNC_SAT_F64_U);
        call(Op.F32X4_RELAXED_MADD, F4, F4, 3, Builtin.F32X4_RELAXED_MADD);
        call(Op.F32X4_RELAXED_NMADD, F4, F4, 3, Builtin.F32X4_RELAXED_NMADD);
        call(Op.F64X2_RELAXED_MADD, D2, D2, 3, Builtin.F64X2_RELAXED_MADD);
        call(Op.F64X2_RELAXED_NMADD, D2, D2, 3, Builtin.F64X2_RELAXED_NMADD);
        call(Op.F32X4_RELAXED_MIN, F4, F4, 2, Builtin.F32_MIN);
        call(Op.F32X4_RELAXED_MAX, F4, F4, 2, Builtin.F32_MAX);
        call(Op.F64X2_RELAXED_MIN, D2, D2, 2, Builtin.F64_MIN);
        call(Op.F64X2_RELAXED_MAX, D2, D2, 2, Builtin.F64_MAX);
        call(Op.I16X8_RELAXED_Q15MULR_S, L2, L2, 2, Builtin.I16X8_Q15MULR_SAT_S);
        call(Op.I16X8_RELAXED_DOT_I8X16_I7X16_S, L2, L2, 2, Builtin.I16X8_RELAXED_DOT);
        halves(Op.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, 3, Builtin.I32X4_RELAXED_DOT_ADD, "a0 b0 c0",
                Builtin.I32X4_RELAXED_DOT_ADD, "a1 b1 c1");
    }

    private static void jvm(Op op, Shape in, Shape out, int arity, int opcode) {
        RULES.put(op, new Lanes(in, out, arity, false, mv -> mv.visitInsn(opcode)));
    }

    private static void call(Op op, Shape in, Shape out, int arity, Builtin helper) {
        expect(helper, "(" + in.descriptor().repeat(arity) + ")" + out.descriptor());
        RULES.put(op, new Lanes(in, out, arity, false, helper::invoke));
    }

    private static void shift(Op op, Shape s, int opcode) {
        RULES.put(op, new Lanes(s, s, 1, true, mv -> mv.visitInsn(opcode)));
    }

    private static void shiftCall(Op op, Builtin helper) {
        expect(helper, "(JI)J");
        RULES.put(op, new Lanes(L2, L2, 1, true, helper::invoke));
    }

    private static void reduce(Op op, Shape in, Builtin helper) {
        expect(helper, "(" + in.descriptor().repeat(in.elements()) + ")I");
        RULES.put(op, new Reduce(in, helper));
    }

    private static void halves(Op op, int arity, Builtin lo, String loArgs, Builtin hi, String hiArgs) {
        int[] loIndices = halfIndices(loArgs);
        int[] hiIndices = halfIndices(hiArgs);
        expect(lo, "(" + "J".repeat(loIndices.length) + ")J");
        expect(hi, "(" + "J".repeat(hiIndices.length) + ")J");
        RULES.put(op, new Halves(arity, lo, loIndices, hi, hiIndices));
    }

    /**
     * A widening pair: the low variant reads operand half 0, the high one half 1; each result half comes from the
     * helper's low form (from the low 32 bits of the half) or its high form.
     */
    private static void widening(Op low, Op high, Builtin lowForm, Builtin highForm, int arity) {
        for (int half = 0; half < 2; half++) {
            String args = arity == 1 ? "a" + half : "a" + half + " b" + half;
            halves(half == 0 ? low : high, arity, lowForm, args, highForm, args);
        }
    }

    /** The helper's descriptor must be what the pattern pushes and expects: checked once, when the table is built. */
    private static void expect(Builtin helper, String descriptor) {
        if (!helper.descriptor().equals(descriptor)) {
            throw new IllegalStateException(helper + " is " + helper.descriptor() + ", the SIMD table wants " + descriptor);
        }
    }

    /** "a1 b0" is {1, 2}. */
    private static int[] halfIndices(String args) {
        String[] parts = args.split(" ");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = 2 * (parts[i].charAt(0) - 'a') + (parts[i].charAt(1) - '0');
        }
        return out;
    }

    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final Vectors v;
    private final ValueStack stack;
    private final SimdLaneEmitter lanes;

    SimdEmitter(EmitContext ctx, SimdLaneEmitter lanes) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.v = ctx.vectors;
        this.stack = ctx.stack;
        this.lanes = lanes;
    }

    @Override
    public void emit(Instruction in) {
        Op op = in.op();
        if (ctx.cursor.fused() instanceof Peepholes.BytesToInts pair) {
            lanes.bytesToInts(pair);
            return;
        }
        Rule rule = RULES.get(op);
        if (rule != null) {
            switch (rule) {
                case Lanes l -> lanes(l, Kind.STRICT);
                case Halves h -> halves(h);
                case Reduce r -> reduce(r);
            }
            return;
        }
        switch (op) {
            case I32X4_EXTEND_LOW_I16X8_S, I32X4_EXTEND_HIGH_I16X8_S, I32X4_EXTEND_LOW_I16X8_U,
                    I32X4_EXTEND_HIGH_I16X8_U -> lanes.extendToInts(op);
            case V128_CONST -> lanes.constant(in.operand(0), in.operand(1), v.resultShape(L2));
            case V128_NOT -> bitwise(1, mv -> {
                mv.visitInsn(ICONST_M1);
                mv.visitInsn(IXOR);
            }, mv -> {
                mv.visitLdcInsn(-1L);
                mv.visitInsn(LXOR);
            });
            case V128_AND -> bitwise(2, mv -> mv.visitInsn(IAND), mv -> mv.visitInsn(LAND));
            case V128_OR -> bitwise(2, mv -> mv.visitInsn(IOR), mv -> mv.visitInsn(LOR));
            case V128_XOR -> bitwise(2, mv -> mv.visitInsn(IXOR), mv -> mv.visitInsn(LXOR));
            case V128_ANDNOT -> bitwise(2, Builtin.V128_ANDNOT_INTS::invoke, Builtin.V128_ANDNOT::invoke);
            case V128_BITSELECT, I8X16_RELAXED_LANESELECT, I16X8_RELAXED_LANESELECT, I32X4_RELAXED_LANESELECT,
                    I64X2_RELAXED_LANESELECT ->
                    bitwise(3, Builtin.V128_BITSELECT_INTS::invoke, Builtin.V128_BITSELECT::invoke);
            case V128_ANY_TRUE -> reduce(intShaped(stack.size() - 1) ? new Reduce(I4, Builtin.V128_ANY_TRUE_INTS)
                    : new Reduce(L2, Builtin.V128_ANY_TRUE));
            case I8X16_SHUFFLE -> lanes.shuffle(in.operand(0), in.operand(1));
            case I8X16_SPLAT, I16X8_SPLAT, I32X4_SPLAT, I64X2_SPLAT, F32X4_SPLAT, F64X2_SPLAT -> {
                stack.pop();
                lanes.splat(Lane.of(op));
            }
            case I8X16_EXTRACT_LANE_S, I8X16_EXTRACT_LANE_U, I16X8_EXTRACT_LANE_S, I16X8_EXTRACT_LANE_U,
                    I32X4_EXTRACT_LANE, I64X2_EXTRACT_LANE, F32X4_EXTRACT_LANE, F64X2_EXTRACT_LANE ->
                    lanes.extractLane(op, Lane.of(op), in.intOperand(0));
            case I8X16_REPLACE_LANE, I16X8_REPLACE_LANE, I32X4_REPLACE_LANE, I64X2_REPLACE_LANE, F32X4_REPLACE_LANE,
                    F64X2_REPLACE_LANE -> {
                Lane lane = Lane.of(op);
                int scratch = ctx.slots.scratch(lane.scalar);
                mv.visitVarInsn(lane.scalar.getOpcode(ISTORE), scratch);
                int p = stack.size() - 2;
                Shape s = lanes.replaceLane(p, p, lane, in.intOperand(0), scratch);
                stack.pop(2);
                v.result(s);
            }
            default -> throw Emitter.unsupported(in);
        }
    }

    // ---- the table's patterns ------------------------------------------------------------------------------------

    private void lanes(Lanes r, Kind kind) {
        int scalar = -1;
        if (r.scalar()) {
            scalar = ctx.slots.scratch(Type.INT_TYPE);
            mv.visitVarInsn(ISTORE, scalar);
            stack.pop();
        }
        int p = stack.size() - r.arity();
        int[] bases = new int[r.arity()];
        for (int i = 0; i < bases.length; i++) {
            bases[i] = kind == Kind.STRICT ? v.read(p + i, r.in()) : v.readAny(p + i, r.in());
        }
        int n = Math.min(r.in().elements(), r.out().elements());
        for (int k = 0; k < n; k++) {
            for (int base : bases) {
                v.loadElement(base, r.in(), k);
            }
            if (scalar >= 0) {
                mv.visitVarInsn(ILOAD, scalar);
            }
            r.code().emit(mv);
        }
        for (int k = n; k < r.out().elements(); k++) {
            v.pushZero(r.out());
        }
        stack.pop(r.arity());
        int base = v.base(p);
        for (int k = r.out().elements() - 1; k >= 0; k--) {
            v.storeElement(base, r.out(), k);
        }
        if (kind == Kind.STRICT) {
            v.result(r.out());
        } else {
            v.flexibleResult(r.out());
        }
    }

    private void halves(Halves h) {
        int p = stack.size() - h.arity();
        int[] bases = new int[h.arity()];
        for (int i = 0; i < bases.length; i++) {
            bases[i] = v.read(p + i, L2);
        }
        for (int half = 0; half < 2; half++) {
            int[] args = half == 0 ? h.loArgs() : h.hiArgs();
            for (int arg : args) {
                v.loadElement(bases[arg / 2], L2, arg % 2);
            }
            (half == 0 ? h.lo() : h.hi()).invoke(mv);
        }
        stack.pop(h.arity());
        int base = v.base(p);
        v.storeElement(base, L2, 1);
        v.storeElement(base, L2, 0);
        v.result(L2);
    }

    private void reduce(Reduce r) {
        int p = stack.size() - 1;
        int base = v.read(p, r.in());
        for (int k = 0; k < r.in().elements(); k++) {
            v.loadElement(base, r.in(), k);
        }
        r.helper().invoke(mv);
        stack.pop();
        stack.push(ValueType.I32);
    }

    /**
     * Bitwise instructions work on ints or on longs: on ints when the plan wants the result in ints or floats, or
     * (without a plan) when the operands are ints or floats already.
     */
    private void bitwise(int arity, Code ints, Code longs) {
        boolean asInts = true;
        for (int i = 0; i < arity; i++) {
            asInts &= intShaped(stack.size() - 1 - i);
        }
        Shape planned = v.resultShape(null);
        if (planned != null) {
            asInts = planned == I4 || planned == F4;
        }
        Shape s = asInts ? I4 : L2;
        lanes(new Lanes(s, s, arity, false, asInts ? ints : longs), Kind.AGNOSTIC);
    }

    private boolean intShaped(int p) {
        return stack.shape(p) == I4 || stack.shape(p) == F4;
    }

}
