package dev.wasm2jar.compiler.internal.translate;

import static dev.wasm2jar.compiler.internal.translate.Shape.D2;
import static dev.wasm2jar.compiler.internal.translate.Shape.F4;
import static dev.wasm2jar.compiler.internal.translate.Shape.I4;
import static dev.wasm2jar.compiler.internal.translate.Shape.L2;
import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.ValueType;
import java.util.EnumMap;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The 236 fixed-width SIMD instructions. Vectors live in locals ({@link Vectors}); most instructions are one of three
 * patterns over them, listed in a table:
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
final class SimdEmitter {
    private static final String ABI = "dev/wasm2jar/runtime/abi/";
    static final String I8 = ABI + "I8x16Ops";
    static final String I16 = ABI + "I16x8Ops";
    static final String I32 = ABI + "I32x4Ops";
    static final String I64 = ABI + "I64x2Ops";
    static final String F32 = ABI + "F32x4Ops";
    static final String F64 = ABI + "F64x2Ops";
    static final String V = ABI + "V128Ops";
    private static final String NUM = ABI + "NumericOps";

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
    private record Halves(int arity, String owner, String loMethod, int[] loArgs, String hiMethod, int[] hiArgs)
            implements Rule {}

    /** An i32 from the elements of one operand in shape {@code in}. */
    private record Reduce(Shape in, String owner, String method) implements Rule {}

    private static final Map<Op, Rule> RULES = new EnumMap<>(Op.class);

    static {
        // i8x16 and i16x8: SWAR helpers on long halves.
        String[] byteOps = {"ADD", "SUB", "ADD_SAT_S", "ADD_SAT_U", "SUB_SAT_S", "SUB_SAT_U", "MIN_S", "MIN_U", "MAX_S",
            "MAX_U", "AVGR_U", "EQ", "NE", "LT_S", "LT_U", "GT_S", "GT_U", "LE_S", "LE_U", "GE_S", "GE_U"};
        for (String name : byteOps) {
            call(Op.valueOf("I8X16_" + name), L2, L2, 2, I8, camel(name));
            call(Op.valueOf("I16X8_" + name), L2, L2, 2, I16, camel(name));
        }
        call(Op.I16X8_MUL, L2, L2, 2, I16, "mul");
        call(Op.I16X8_Q15MULR_SAT_S, L2, L2, 2, I16, "q15mulrSatS");
        for (String name : new String[] {"ABS", "NEG"}) {
            call(Op.valueOf("I8X16_" + name), L2, L2, 1, I8, camel(name));
            call(Op.valueOf("I16X8_" + name), L2, L2, 1, I16, camel(name));
        }
        call(Op.I8X16_POPCNT, L2, L2, 1, I8, "popcnt");
        for (String name : new String[] {"SHL", "SHR_S", "SHR_U"}) {
            shiftCall(Op.valueOf("I8X16_" + name), I8, camel(name));
            shiftCall(Op.valueOf("I16X8_" + name), I16, camel(name));
        }
        reduce(Op.I8X16_ALL_TRUE, L2, I8, "allTrue");
        reduce(Op.I8X16_BITMASK, L2, I8, "bitmask");
        reduce(Op.I16X8_ALL_TRUE, L2, I16, "allTrue");
        reduce(Op.I16X8_BITMASK, L2, I16, "bitmask");
        halves(Op.I8X16_NARROW_I16X8_S, 2, I8, "narrowS", "a0 a1", "narrowS", "b0 b1");
        halves(Op.I8X16_NARROW_I16X8_U, 2, I8, "narrowU", "a0 a1", "narrowU", "b0 b1");
        halves(Op.I16X8_NARROW_I32X4_S, 2, I16, "narrowS", "a0 a1", "narrowS", "b0 b1");
        halves(Op.I16X8_NARROW_I32X4_U, 2, I16, "narrowU", "a0 a1", "narrowU", "b0 b1");
        widening(Op.I16X8_EXTEND_LOW_I8X16_S, Op.I16X8_EXTEND_HIGH_I8X16_S, I16, "extend", "S", 1);
        widening(Op.I16X8_EXTEND_LOW_I8X16_U, Op.I16X8_EXTEND_HIGH_I8X16_U, I16, "extend", "U", 1);
        widening(Op.I16X8_EXTMUL_LOW_I8X16_S, Op.I16X8_EXTMUL_HIGH_I8X16_S, I16, "extmul", "S", 2);
        widening(Op.I16X8_EXTMUL_LOW_I8X16_U, Op.I16X8_EXTMUL_HIGH_I8X16_U, I16, "extmul", "U", 2);
        call(Op.I16X8_EXTADD_PAIRWISE_I8X16_S, L2, L2, 1, I16, "extaddPairwiseS");
        call(Op.I16X8_EXTADD_PAIRWISE_I8X16_U, L2, L2, 1, I16, "extaddPairwiseU");

        // i32x4: four ints.
        jvm(Op.I32X4_ADD, I4, I4, 2, IADD);
        jvm(Op.I32X4_SUB, I4, I4, 2, ISUB);
        jvm(Op.I32X4_MUL, I4, I4, 2, IMUL);
        jvm(Op.I32X4_NEG, I4, I4, 1, INEG);
        shift(Op.I32X4_SHL, I4, ISHL);
        shift(Op.I32X4_SHR_S, I4, ISHR);
        shift(Op.I32X4_SHR_U, I4, IUSHR);
        call(Op.I32X4_ABS, I4, I4, 1, "java/lang/Math", "abs");
        call(Op.I32X4_MIN_S, I4, I4, 2, "java/lang/Math", "min");
        call(Op.I32X4_MAX_S, I4, I4, 2, "java/lang/Math", "max");
        call(Op.I32X4_MIN_U, I4, I4, 2, I32, "minU");
        call(Op.I32X4_MAX_U, I4, I4, 2, I32, "maxU");
        for (String name : new String[] {"EQ", "NE", "LT_S", "LT_U", "GT_S", "GT_U", "LE_S", "LE_U", "GE_S", "GE_U"}) {
            call(Op.valueOf("I32X4_" + name), I4, I4, 2, I32, camel(name));
        }
        reduce(Op.I32X4_ALL_TRUE, I4, I32, "allTrue");
        reduce(Op.I32X4_BITMASK, I4, I32, "bitmask");
        call(Op.I32X4_DOT_I16X8_S, L2, L2, 2, I32, "dot");
        widening(Op.I32X4_EXTMUL_LOW_I16X8_S, Op.I32X4_EXTMUL_HIGH_I16X8_S, I32, "extmul", "S", 2);
        widening(Op.I32X4_EXTMUL_LOW_I16X8_U, Op.I32X4_EXTMUL_HIGH_I16X8_U, I32, "extmul", "U", 2);
        call(Op.I32X4_EXTADD_PAIRWISE_I16X8_S, L2, L2, 1, I32, "extaddPairwiseS");
        call(Op.I32X4_EXTADD_PAIRWISE_I16X8_U, L2, L2, 1, I32, "extaddPairwiseU");
        call(Op.I32X4_TRUNC_SAT_F32X4_S, F4, I4, 1, NUM, "i32TruncSatF32S");
        call(Op.I32X4_TRUNC_SAT_F32X4_U, F4, I4, 1, NUM, "i32TruncSatF32U");
        call(Op.I32X4_TRUNC_SAT_F64X2_S_ZERO, D2, I4, 1, NUM, "i32TruncSatF64S");
        call(Op.I32X4_TRUNC_SAT_F64X2_U_ZERO, D2, I4, 1, NUM, "i32TruncSatF64U");

        // i64x2: two longs.
        jvm(Op.I64X2_ADD, L2, L2, 2, LADD);
        jvm(Op.I64X2_SUB, L2, L2, 2, LSUB);
        jvm(Op.I64X2_MUL, L2, L2, 2, LMUL);
        jvm(Op.I64X2_NEG, L2, L2, 1, LNEG);
        shift(Op.I64X2_SHL, L2, LSHL);
        shift(Op.I64X2_SHR_S, L2, LSHR);
        shift(Op.I64X2_SHR_U, L2, LUSHR);
        call(Op.I64X2_ABS, L2, L2, 1, "java/lang/Math", "abs");
        for (String name : new String[] {"EQ", "NE", "LT_S", "GT_S", "LE_S", "GE_S"}) {
            call(Op.valueOf("I64X2_" + name), L2, L2, 2, I64, camel(name));
        }
        reduce(Op.I64X2_ALL_TRUE, L2, I64, "allTrue");
        reduce(Op.I64X2_BITMASK, L2, I64, "bitmask");
        widening(Op.I64X2_EXTEND_LOW_I32X4_S, Op.I64X2_EXTEND_HIGH_I32X4_S, I64, "extend", "S", 1);
        widening(Op.I64X2_EXTEND_LOW_I32X4_U, Op.I64X2_EXTEND_HIGH_I32X4_U, I64, "extend", "U", 1);
        widening(Op.I64X2_EXTMUL_LOW_I32X4_S, Op.I64X2_EXTMUL_HIGH_I32X4_S, I64, "extmul", "S", 2);
        widening(Op.I64X2_EXTMUL_LOW_I32X4_U, Op.I64X2_EXTMUL_HIGH_I32X4_U, I64, "extmul", "U", 2);

        // f32x4: four floats; f64x2: two doubles. Lanes follow the scalar NaN rules.
        floats(F4, "f32", F32, FADD, FSUB, FMUL, FDIV);
        floats(D2, "f64", F64, DADD, DSUB, DMUL, DDIV);
        call(Op.F32X4_SQRT, F4, F4, 1, F32, "sqrt");
        call(Op.F64X2_SQRT, D2, D2, 1, "java/lang/Math", "sqrt");
        jvm(Op.F32X4_CONVERT_I32X4_S, I4, F4, 1, I2F);
        call(Op.F32X4_CONVERT_I32X4_U, I4, F4, 1, NUM, "f32ConvertI32U");
        jvm(Op.F64X2_CONVERT_LOW_I32X4_S, I4, D2, 1, I2D);
        call(Op.F64X2_CONVERT_LOW_I32X4_U, I4, D2, 1, NUM, "f64ConvertI32U");
        jvm(Op.F32X4_DEMOTE_F64X2_ZERO, D2, F4, 1, D2F);
        jvm(Op.F64X2_PROMOTE_LOW_F32X4, F4, D2, 1, F2D);

        halves(Op.I8X16_SWIZZLE, 2, V, "swizzle", "a0 a1 b0", "swizzle", "a0 a1 b1");
    }

    /** The arithmetic, rounding, min/max and comparisons of one float lane type. */
    private static void floats(Shape s, String scalar, String owner, int add, int sub, int mul, int div) {
        String prefix = s == F4 ? "F32X4_" : "F64X2_";
        Shape mask = s == F4 ? I4 : L2;
        jvm(Op.valueOf(prefix + "ADD"), s, s, 2, add);
        jvm(Op.valueOf(prefix + "SUB"), s, s, 2, sub);
        jvm(Op.valueOf(prefix + "MUL"), s, s, 2, mul);
        jvm(Op.valueOf(prefix + "DIV"), s, s, 2, div);
        for (String name : new String[] {"MIN", "MAX"}) {
            call(Op.valueOf(prefix + name), s, s, 2, NUM, scalar + name.charAt(0) + camel(name).substring(1));
        }
        for (String name : new String[] {"ABS", "NEG", "CEIL", "FLOOR", "TRUNC", "NEAREST"}) {
            call(Op.valueOf(prefix + name), s, s, 1, NUM, scalar + name.charAt(0) + camel(name).substring(1));
        }
        call(Op.valueOf(prefix + "PMIN"), s, s, 2, owner, "pmin");
        call(Op.valueOf(prefix + "PMAX"), s, s, 2, owner, "pmax");
        for (String name : new String[] {"EQ", "NE", "LT", "GT", "LE", "GE"}) {
            call(Op.valueOf(prefix + name), s, mask, 2, owner, camel(name));
        }
    }

    private static void jvm(Op op, Shape in, Shape out, int arity, int opcode) {
        RULES.put(op, new Lanes(in, out, arity, false, mv -> mv.visitInsn(opcode)));
    }

    private static void call(Op op, Shape in, Shape out, int arity, String owner, String method) {
        String descriptor = "(" + in.descriptor().repeat(arity) + ")" + out.descriptor();
        RULES.put(op, new Lanes(in, out, arity, false,
                mv -> mv.visitMethodInsn(INVOKESTATIC, owner, method, descriptor, false)));
    }

    private static void shift(Op op, Shape s, int opcode) {
        RULES.put(op, new Lanes(s, s, 1, true, mv -> mv.visitInsn(opcode)));
    }

    private static void shiftCall(Op op, String owner, String method) {
        RULES.put(op, new Lanes(L2, L2, 1, true, mv -> mv.visitMethodInsn(INVOKESTATIC, owner, method, "(JI)J", false)));
    }

    private static void reduce(Op op, Shape in, String owner, String method) {
        RULES.put(op, new Reduce(in, owner, method));
    }

    private static void halves(Op op, int arity, String owner, String lo, String loArgs, String hi, String hiArgs) {
        RULES.put(op, new Halves(arity, owner, lo, halfIndices(loArgs), hi, halfIndices(hiArgs)));
    }

    /**
     * A widening pair: the low variant reads operand half 0, the high one half 1; each result half comes from the
     * helper's {@code Low} (low 32 bits) or {@code High} (high 32 bits) form, e.g. {@code extendLowS}.
     */
    private static void widening(Op low, Op high, String owner, String stem, String sign, int arity) {
        for (int half = 0; half < 2; half++) {
            String args = arity == 1 ? "a" + half : "a" + half + " b" + half;
            halves(half == 0 ? low : high, arity, owner, stem + "Low" + sign, args, stem + "High" + sign, args);
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

    /** {@code ADD_SAT_S} is {@code addSatS}. */
    private static String camel(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.toLowerCase(java.util.Locale.ROOT).split("_")) {
            sb.append(sb.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return sb.toString();
    }

    private final FunctionTranslator t;
    private final MethodVisitor mv;
    private final Vectors v;
    private final ValueStack stack;
    private final SimdLaneEmitter lanes;
    private final SimdMemoryEmitter memory;

    SimdEmitter(FunctionTranslator t, Vectors v) {
        this.t = t;
        this.mv = t.mv;
        this.v = v;
        this.stack = t.stack;
        this.lanes = new SimdLaneEmitter(t, v);
        this.memory = new SimdMemoryEmitter(t, v, lanes);
    }

    /** Emits {@code in} if it is a SIMD instruction; false otherwise. */
    boolean emit(Instruction in) {
        Op op = in.op();
        if (lanes.fusedWidening(op)) {
            return true;
        }
        Rule rule = RULES.get(op);
        if (rule != null) {
            switch (rule) {
                case Lanes l -> lanes(l, Kind.STRICT);
                case Halves h -> halves(h);
                case Reduce r -> reduce(r);
            }
            return true;
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
            case V128_ANDNOT -> bitwise(2, mv -> mv.visitMethodInsn(INVOKESTATIC, V, "andnot", "(II)I", false),
                    mv -> mv.visitMethodInsn(INVOKESTATIC, V, "andnot", "(JJ)J", false));
            case V128_BITSELECT -> bitwise(3, mv -> mv.visitMethodInsn(INVOKESTATIC, V, "bitselect", "(III)I", false),
                    mv -> mv.visitMethodInsn(INVOKESTATIC, V, "bitselect", "(JJJ)J", false));
            case V128_ANY_TRUE -> reduce(new Reduce(intShaped(stack.size() - 1) ? I4 : L2, V, "anyTrue"));
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
                int scratch = t.scratch(lane.scalar);
                mv.visitVarInsn(lane.scalar.getOpcode(ISTORE), scratch);
                int p = stack.size() - 2;
                Shape s = lanes.replaceLane(p, p, lane, in.intOperand(0), scratch);
                stack.pop(2);
                v.result(s);
            }
            default -> {
                return memory.emit(in);
            }
        }
        return true;
    }

    // ---- the table's patterns ------------------------------------------------------------------------------------

    private void lanes(Lanes r, Kind kind) {
        int scalar = -1;
        if (r.scalar()) {
            scalar = t.scratch(Type.INT_TYPE);
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
            String descriptor = "(" + "J".repeat(args.length) + ")J";
            mv.visitMethodInsn(INVOKESTATIC, h.owner(), half == 0 ? h.loMethod() : h.hiMethod(), descriptor, false);
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
        String descriptor = "(" + r.in().descriptor().repeat(r.in().elements()) + ")I";
        mv.visitMethodInsn(INVOKESTATIC, r.owner(), r.method(), descriptor, false);
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
