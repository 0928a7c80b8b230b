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
 *       extend, extmul, swizzle, shuffle);
 *   <li>{@link Reduce}: an i32 from all elements of one vector (all_true, bitmask, any_true).
 * </ul>
 *
 * Memory, constants, splats, lane access and the bitwise instructions (which take the shape their operands have)
 * are written out below. Helpers are in {@code dev.wasm2jar.runtime.abi}, one class per lane type.
 */
final class SimdEmitter {
    private static final String ABI = "dev/wasm2jar/runtime/abi/";
    private static final String I8 = ABI + "I8x16Ops";
    private static final String I16 = ABI + "I16x8Ops";
    private static final String I32 = ABI + "I32x4Ops";
    private static final String I64 = ABI + "I64x2Ops";
    private static final String F32 = ABI + "F32x4Ops";
    private static final String F64 = ABI + "F64x2Ops";
    private static final String V = ABI + "V128Ops";
    private static final String NUM = ABI + "NumericOps";
    private static final String MEM = ABI + "MemoryOps";

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

    SimdEmitter(FunctionTranslator t, Vectors v) {
        this.t = t;
        this.mv = t.mv;
        this.v = v;
        this.stack = t.stack;
    }

    /** Emits {@code in} if it is a SIMD instruction; false otherwise. */
    boolean emit(Instruction in) {
        Op op = in.op();
        if (fusedWidening(op)) {
            return true;
        }
        Rule rule = RULES.get(op);
        if (rule != null) {
            switch (rule) {
                case Lanes l -> lanes(l, Kind.STRICT);
                case Halves h -> halves(h, null);
                case Reduce r -> reduce(r);
            }
            return true;
        }
        switch (op) {
            case I32X4_EXTEND_LOW_I16X8_S, I32X4_EXTEND_HIGH_I16X8_S, I32X4_EXTEND_LOW_I16X8_U,
                    I32X4_EXTEND_HIGH_I16X8_U -> extendToInts(op);
            case V128_CONST -> constant(in.operand(0), in.operand(1), v.resultShape(L2));
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
            case I8X16_SHUFFLE -> shuffle(in.operand(0), in.operand(1));
            case I8X16_SPLAT, I16X8_SPLAT, I32X4_SPLAT, I64X2_SPLAT, F32X4_SPLAT, F64X2_SPLAT -> {
                stack.pop();
                splat(Lane.of(op));
            }
            case I8X16_EXTRACT_LANE_S, I8X16_EXTRACT_LANE_U, I16X8_EXTRACT_LANE_S, I16X8_EXTRACT_LANE_U,
                    I32X4_EXTRACT_LANE, I64X2_EXTRACT_LANE, F32X4_EXTRACT_LANE, F64X2_EXTRACT_LANE ->
                    extractLane(op, Lane.of(op), in.intOperand(0));
            case I8X16_REPLACE_LANE, I16X8_REPLACE_LANE, I32X4_REPLACE_LANE, I64X2_REPLACE_LANE, F32X4_REPLACE_LANE,
                    F64X2_REPLACE_LANE -> {
                Lane lane = Lane.of(op);
                int scratch = t.scratch(lane.scalar);
                mv.visitVarInsn(lane.scalar.getOpcode(ISTORE), scratch);
                int p = stack.size() - 2;
                Shape s = replaceLane(p, p, lane, in.intOperand(0), scratch);
                stack.pop(2);
                v.result(s);
            }
            default -> {
                return memory(in);
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

    /** A {@link Halves} rule; {@code constants}, when not null, adds one constant argument per half (shuffle). */
    private void halves(Halves h, long[] constants) {
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
            String descriptor = "(" + "J".repeat(args.length + (constants == null ? 0 : 1)) + ")J";
            if (constants != null) {
                mv.visitLdcInsn(constants[half]);
            }
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
     * {@code i16x8.extend_*_i8x16_s} followed by {@code i32x4.extend_*_i16x8_s} (or both {@code _u}), as clang widens
     * bytes to ints: four ints straight from four bytes, without the i16 lanes in between.
     */
    private boolean fusedWidening(Op op) {
        String first = op.name();
        if (!first.startsWith("I16X8_EXTEND_") || t.next() == null) {
            return false;
        }
        String second = t.next().op().name();
        boolean signed = first.endsWith("_S");
        if (!second.startsWith("I32X4_EXTEND_") || second.endsWith("_S") != signed) {
            return false;
        }
        // Bytes 0-7 or 8-15 widened to i16, then the low or high four of those: bytes 0-3, 4-7, 8-11 or 12-15.
        int firstByte = (first.contains("HIGH") ? 8 : 0) + (second.contains("HIGH") ? 4 : 0);
        t.skipNext();
        int p = stack.size() - 1;
        int base = v.read(p, L2);
        for (int k = 0; k < 4; k++) {
            int bit = 8 * (firstByte + k);
            v.loadElement(base, L2, bit / 64);
            if (bit % 64 != 0) {
                mv.visitIntInsn(BIPUSH, bit % 64);
                mv.visitInsn(LUSHR);
            }
            mv.visitInsn(L2I);
            if (signed) {
                mv.visitInsn(I2B);
            } else {
                t.pushInt(0xFF);
                mv.visitInsn(IAND);
            }
        }
        stack.pop();
        int out = v.base(p);
        for (int k = 3; k >= 0; k--) {
            v.storeElement(out, I4, k);
        }
        v.result(I4);
        return true;
    }

    /** {@code i32x4.extend_*_i16x8_*}: four ints, each a 16-bit lane of one half shifted down and extended. */
    private void extendToInts(Op op) {
        int p = stack.size() - 1;
        int half = op.name().contains("HIGH") ? 1 : 0;
        boolean signed = op.name().endsWith("_S");
        int base = v.read(p, L2);
        for (int k = 0; k < 4; k++) {
            v.loadElement(base, L2, half);
            if (k > 0) {
                mv.visitIntInsn(BIPUSH, 16 * k);
                mv.visitInsn(LUSHR);
            }
            mv.visitInsn(L2I);
            if (signed) {
                mv.visitInsn(I2S);
            } else {
                t.pushInt(0xFFFF);
                mv.visitInsn(IAND);
            }
        }
        stack.pop();
        int out = v.base(p);
        for (int k = 3; k >= 0; k--) {
            v.storeElement(out, I4, k);
        }
        v.result(I4);
    }

    /**
     * {@code i8x16.shuffle}. Shuffles that move whole 64-bit or 32-bit lanes (most that compilers emit: sliding
     * windows, interleaving, horizontal sums) are element moves in two longs or doubles, or four ints or floats,
     * whichever the operands are in already; any other goes to the byte-by-byte helper.
     */
    private void shuffle(long lanesLo, long lanesHi) {
        byte[] lanes = new byte[16];
        for (int i = 0; i < 16; i++) {
            lanes[i] = (byte) ((i < 8 ? lanesLo : lanesHi) >>> 8 * (i % 8));
        }
        int p = stack.size() - 2;
        Shape a = stack.shape(p);
        Shape b = stack.shape(p + 1);
        for (int width : new int[] {8, 4}) {
            int[] select = wholeLanes(lanes, width);
            if (select == null) {
                continue;
            }
            Shape planned = v.resultShape(null);
            Shape s = width == 8 ? (planned == D2 || planned == null && (a == D2 || b == D2) ? D2 : L2)
                    : (planned == F4 || planned == null && (a == F4 || b == F4) ? F4 : I4);
            int[] bases = {v.readAny(p, s), v.readAny(p + 1, s)};
            int n = s.elements();
            for (int k = 0; k < n; k++) {
                v.loadElement(bases[select[k] / n], s, select[k] % n);
            }
            stack.pop(2);
            int out = v.base(p);
            for (int k = n - 1; k >= 0; k--) {
                v.storeElement(out, s, k);
            }
            v.flexibleResult(s);
            return;
        }
        halves(new Halves(2, V, "shuffle", new int[] {0, 1, 2, 3}, "shuffle", new int[] {0, 1, 2, 3}),
                new long[] {lanesLo, lanesHi});
    }

    /**
     * When {@code lanes} moves whole lanes of {@code width} bytes, the source lane (of the 32 bytes of both
     * operands, counted in such lanes) of each result lane; else null.
     */
    private static int[] wholeLanes(byte[] lanes, int width) {
        int[] select = new int[16 / width];
        for (int k = 0; k < select.length; k++) {
            int first = lanes[k * width];
            if (first % width != 0) {
                return null;
            }
            for (int i = 1; i < width; i++) {
                if (lanes[k * width + i] != first + i) {
                    return null;
                }
            }
            select[k] = first / width;
        }
        return select;
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

    // ---- constants, splats, lanes --------------------------------------------------------------------------------

    /** A constant, made in the shape its readers want. */
    private void constant(long lo, long hi, Shape s) {
        int base = v.base(stack.size());
        for (int k = 0; k < s.elements(); k++) {
            int bitOffset = k * 128 / s.elements();
            long half = bitOffset < 64 ? lo : hi;
            switch (s) {
                case L2 -> pushLong(half);
                case D2 -> {
                    double d = Double.longBitsToDouble(half);
                    if (Double.isNaN(d)) {
                        pushLong(half);
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                    } else {
                        mv.visitLdcInsn(d);
                    }
                }
                case I4 -> t.pushInt((int) (half >>> bitOffset % 64));
                case F4 -> {
                    int bits = (int) (half >>> bitOffset % 64);
                    if (Float.isNaN(Float.intBitsToFloat(bits))) {
                        t.pushInt(bits);
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                    } else {
                        mv.visitLdcInsn(Float.intBitsToFloat(bits));
                    }
                }
            }
            v.storeElement(base, s, k);
        }
        v.flexibleResult(s);
    }

    private void pushLong(long value) {
        if (value == 0 || value == 1) {
            mv.visitInsn(LCONST_0 + (int) value);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    /** The lane types, with the JVM type of one lane as a scalar and the shape that holds whole lanes. */
    private enum Lane {
        I8(8, Type.INT_TYPE, L2), I16(16, Type.INT_TYPE, L2), I32(32, Type.INT_TYPE, I4), I64(64, Type.LONG_TYPE, L2),
        F32(32, Type.FLOAT_TYPE, F4), F64(64, Type.DOUBLE_TYPE, D2);

        final int bits;
        final Type scalar;
        final Shape shape;

        Lane(int bits, Type scalar, Shape shape) {
            this.bits = bits;
            this.scalar = scalar;
            this.shape = shape;
        }

        static Lane of(Op op) {
            String name = op.name();
            return name.startsWith("I8X16") ? I8 : name.startsWith("I16X8") ? I16 : name.startsWith("I32X4") ? I32
                    : name.startsWith("I64X2") ? I64 : name.startsWith("F32X4") ? F32 : F64;
        }
    }

    /** Replicates the scalar on top of the JVM stack into a new vector. */
    private void splat(Lane lane) {
        int base = v.base(stack.size());
        switch (lane) {
            case I8, I16 -> {
                mv.visitMethodInsn(INVOKESTATIC, lane == Lane.I8 ? I8 : I16, "splat", "(I)J", false);
                mv.visitInsn(DUP2);
                v.storeElement(base, L2, 0);
                v.storeElement(base, L2, 1);
            }
            default -> {
                Shape s = lane.shape;
                for (int k = s.elements() - 1; k >= 0; k--) {
                    if (k > 0) {
                        mv.visitInsn(s.element.getSize() == 2 ? DUP2 : DUP);
                    }
                    v.storeElement(base, s, k);
                }
            }
        }
        v.result(lane.shape);
    }

    private void extractLane(Op op, Lane lane, int index) {
        int p = stack.size() - 1;
        Shape s = stack.shape(p);
        if (s == lane.shape && (lane == Lane.I32 || lane == Lane.F32 || lane == Lane.F64)) {
            v.loadElement(v.source(p), s, index);
        } else {
            pushLaneBits(p, lane.bits, index);
            switch (op) {
                case I8X16_EXTRACT_LANE_S -> mv.visitInsn(I2B);
                case I16X8_EXTRACT_LANE_S -> mv.visitInsn(I2S);
                case I8X16_EXTRACT_LANE_U -> {
                    t.pushInt(0xFF);
                    mv.visitInsn(IAND);
                }
                case I16X8_EXTRACT_LANE_U -> {
                    t.pushInt(0xFFFF);
                    mv.visitInsn(IAND);
                }
                case F32X4_EXTRACT_LANE ->
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                case F64X2_EXTRACT_LANE ->
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                default -> { }
            }
        }
        stack.pop();
        stack.push(switch (lane) {
            case I64 -> ValueType.I64;
            case F32 -> ValueType.F32;
            case F64 -> ValueType.F64;
            default -> ValueType.I32;
        });
    }

    /**
     * Pushes the raw bits of lane {@code index} of width {@code bits} of position {@code p}, from whatever shape it
     * is in: a long for 64-bit lanes, else an int whose low bits are the lane (the bits above are garbage).
     */
    private void pushLaneBits(int p, int bits, int index) {
        Shape s = stack.shape(p);
        int base = v.source(p);
        int offset = bits * index;
        if (bits == 64) {
            switch (s) {
                case L2 -> v.loadElement(base, s, index);
                case D2 -> {
                    v.loadElement(base, s, index);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                }
                case I4, F4 -> {
                    v.loadElement(base, s, 2 * index);
                    v.loadElement(base, s, 2 * index + 1);
                    mv.visitMethodInsn(INVOKESTATIC, V, s == I4 ? "pack" : "packFloats", s == I4 ? "(II)J" : "(FF)J",
                            false);
                }
            }
            return;
        }
        int word = offset / 32;
        switch (s) {
            case I4 -> v.loadElement(base, s, word);
            case F4 -> {
                v.loadElement(base, s, word);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
            }
            case L2, D2 -> {
                v.loadElement(base, s, word / 2);
                if (s == D2) {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                }
                if (word % 2 == 1) {
                    mv.visitIntInsn(BIPUSH, 32);
                    mv.visitInsn(LUSHR);
                }
                mv.visitInsn(L2I);
            }
        }
        if (offset % 32 != 0) {
            mv.visitIntInsn(BIPUSH, offset % 32);
            mv.visitInsn(IUSHR);
        }
    }

    /**
     * Writes the vector of position {@code from}, with lane {@code index} replaced by the scalar in local
     * {@code scratch}, into the slots of position {@code to}; returns the shape it is in there.
     */
    private Shape replaceLane(int from, int to, Lane lane, int index, int scratch) {
        Shape s = lane.shape;
        if (from == to) {
            v.own(from, s);
        } else {
            v.copy(from, to, s);
        }
        int base = v.base(to);
        if (lane == Lane.I8 || lane == Lane.I16) {
            int offset = lane.bits * index;
            v.loadElement(base, L2, offset / 64);
            mv.visitVarInsn(ILOAD, scratch);
            t.pushInt(offset % 64);
            mv.visitMethodInsn(INVOKESTATIC, lane == Lane.I8 ? I8 : I16, "withLane", "(JII)J", false);
            v.storeElement(base, L2, offset / 64);
        } else {
            mv.visitVarInsn(lane.scalar.getOpcode(ILOAD), scratch);
            v.storeElement(base, s, index);
        }
        return s;
    }

    // ---- memory --------------------------------------------------------------------------------------------------

    private boolean memory(Instruction in) {
        Op op = in.op();
        switch (op) {
            case V128_LOAD -> {
                int p = loadAddress(in);
                Shape s = v.resultShape(L2);
                int base = v.base(p);
                if (s == L2 || !byElement(in)) {
                    mv.visitInsn(DUP);
                    memoryCall(in, "v128Load", "(I[BI)J");
                    v.storeElement(base, L2, 0);
                    memoryCall(in, "v128LoadHigh", "(I[BI)J");
                    v.storeElement(base, L2, 1);
                    v.convert(base, L2, base, s);
                    v.flexibleResult(s);
                    return true;
                }
                // The effective address once, then element by element from it, element 0 first: an address out of
                // range is -1, which element 0 finds out of bounds before anything else is read.
                int address = effectiveAddress(in, 0);
                for (int k = 0; k < s.elements(); k++) {
                    mv.visitVarInsn(ILOAD, address);
                    t.loadMemoryBytes();
                    t.pushInt(k * 16 / s.elements());
                    mv.visitMethodInsn(INVOKESTATIC, MEM, elementAccess(s) + "At", "(I[BI)" + s.descriptor(), false);
                    v.storeElement(base, s, k);
                }
                v.flexibleResult(s);
            }
            case V128_LOAD8X8_S -> extendingLoad(in, I16, "S");
            case V128_LOAD8X8_U -> extendingLoad(in, I16, "U");
            case V128_LOAD16X4_S -> extendingLoad(in, I32, "S");
            case V128_LOAD16X4_U -> extendingLoad(in, I32, "U");
            case V128_LOAD32X2_S -> extendingLoad(in, I64, "S");
            case V128_LOAD32X2_U -> extendingLoad(in, I64, "U");
            case V128_LOAD8_SPLAT, V128_LOAD16_SPLAT, V128_LOAD32_SPLAT, V128_LOAD64_SPLAT -> {
                Lane lane = switch (op) {
                    case V128_LOAD8_SPLAT -> Lane.I8;
                    case V128_LOAD16_SPLAT -> Lane.I16;
                    case V128_LOAD32_SPLAT -> Lane.I32;
                    default -> Lane.I64;
                };
                loadAddress(in);
                scalarLoad(in, lane);
                splat(lane);
            }
            case V128_LOAD32_ZERO, V128_LOAD64_ZERO -> {
                int p = loadAddress(in);
                int base = v.base(p);
                memoryCall(in, op == Op.V128_LOAD32_ZERO ? "i64Load32U" : "i64Load", "(I[BI)J");
                v.storeElement(base, L2, 0);
                mv.visitInsn(LCONST_0);
                v.storeElement(base, L2, 1);
                v.result(L2);
            }
            case V128_LOAD8_LANE, V128_LOAD16_LANE, V128_LOAD32_LANE, V128_LOAD64_LANE -> {
                Lane lane = laneOfMemoryOp(op);
                requireMemory(in.intOperand(2));
                int p = stack.size() - 2;
                scalarLoad(in, lane);
                int scratch = t.scratch(lane.scalar);
                mv.visitVarInsn(lane.scalar.getOpcode(ISTORE), scratch);
                Shape s = replaceLane(p + 1, p, lane, in.intOperand(3), scratch);
                stack.pop(2);
                v.result(s);
            }
            case V128_STORE8_LANE, V128_STORE16_LANE, V128_STORE32_LANE, V128_STORE64_LANE -> {
                Lane lane = laneOfMemoryOp(op);
                requireMemory(in.intOperand(2));
                pushLaneBits(stack.size() - 1, lane.bits, in.intOperand(3));
                String helper = switch (lane) {
                    case I8 -> "i32Store8";
                    case I16 -> "i32Store16";
                    case I32 -> "i32Store";
                    default -> "i64Store";
                };
                memoryCall(in, helper, lane == Lane.I64 ? "(IJ[BI)V" : "(II[BI)V");
                stack.pop(2);
            }
            case V128_STORE -> {
                requireMemory(in.intOperand(2));
                int p = stack.size() - 1;
                Shape s = stack.shape(p);
                if (s == L2 || !byElement(in)) {
                    v.pushHalves(v.source(p), s);
                    memoryCall(in, "v128Store", "(IJJ[BI)V");
                } else {
                    // From the address of the last element, written first: once it is in bounds, so are the others,
                    // so a store out of bounds writes nothing.
                    int size = 16 / s.elements();
                    int address = effectiveAddress(in, 16 - size);
                    int base = v.source(p);
                    for (int k = s.elements() - 1; k >= 0; k--) {
                        mv.visitVarInsn(ILOAD, address);
                        v.loadElement(base, s, k);
                        t.loadMemoryBytes();
                        t.pushInt((k - (s.elements() - 1)) * size);
                        mv.visitMethodInsn(INVOKESTATIC, MEM, elementAccess(s) + "AtPut",
                                "(I" + s.descriptor() + "[BI)V", false);
                    }
                }
                stack.pop(2);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The lane of {@code v128.loadN_lane} and {@code v128.storeN_lane}. */
    private static Lane laneOfMemoryOp(Op op) {
        return switch (op) {
            case V128_LOAD8_LANE, V128_STORE8_LANE -> Lane.I8;
            case V128_LOAD16_LANE, V128_STORE16_LANE -> Lane.I16;
            case V128_LOAD32_LANE, V128_STORE32_LANE -> Lane.I32;
            default -> Lane.I64;
        };
    }

    /**
     * Replaces the address on the JVM stack by the effective address plus {@code extra} (-1 when out of range) in a
     * scratch local, whose slot it returns.
     */
    private int effectiveAddress(Instruction in, int extra) {
        t.pushInt((int) in.operand(1));
        t.pushInt(extra);
        mv.visitMethodInsn(INVOKESTATIC, MEM, "address", "(III)I", false);
        int address = t.scratch(Type.INT_TYPE);
        mv.visitVarInsn(ISTORE, address);
        return address;
    }

    /** {@code i32}, {@code f64} ...: the scalar type of one element of {@code s}. */
    private static String elementAccess(Shape s) {
        return switch (s) {
            case L2 -> "i64";
            case I4 -> "i32";
            case F4 -> "f32";
            case D2 -> "f64";
        };
    }

    /**
     * Whether a {@code v128.load} or {@code v128.store} accesses its elements one by one (four floats need no
     * conversion) or as two longs (two accesses instead of four). Every memory access inlines some 250 bytes of JDK
     * code (the byte-array VarHandle), and C2 stops inlining anything once a compilation has inlined 8,000 bytes
     * ({@code DesiredMethodLimit}, not settable in product JVMs), spending that budget in bytecode order; past it,
     * each access is a real call. So only the vector accesses that come after few others go element by element.
     */
    private boolean byElement(Instruction in) {
        return t.memoryAccessesBefore() < ELEMENT_ACCESS_LIMIT;
    }

    /** Memory accesses (counting four per vector access) after which vector accesses take two halves. */
    private static final int ELEMENT_ACCESS_LIMIT = 20;

    /** For a load: checks the memory, pops the address (left on the JVM stack) and returns its position. */
    private int loadAddress(Instruction in) {
        requireMemory(in.intOperand(2));
        stack.pop();
        return stack.size();
    }

    /** Replaces the address on the JVM stack with the loaded lane: an int for up to 32 bits, else a long. */
    private void scalarLoad(Instruction in, Lane lane) {
        switch (lane) {
            case I8 -> memoryCall(in, "i32Load8U", "(I[BI)I");
            case I16 -> memoryCall(in, "i32Load16U", "(I[BI)I");
            case I32 -> memoryCall(in, "i32Load", "(I[BI)I");
            default -> memoryCall(in, "i64Load", "(I[BI)J");
        }
    }

    /** Loads 64 bits and widens them: the low result half from the low 32 bits, the high half from the rest. */
    private void extendingLoad(Instruction in, String owner, String sign) {
        int p = loadAddress(in);
        int base = v.base(p);
        memoryCall(in, "i64Load", "(I[BI)J");
        mv.visitInsn(DUP2);
        mv.visitMethodInsn(INVOKESTATIC, owner, "extendLow" + sign, "(J)J", false);
        v.storeElement(base, L2, 0);
        mv.visitMethodInsn(INVOKESTATIC, owner, "extendHigh" + sign, "(J)J", false);
        v.storeElement(base, L2, 1);
        v.result(L2);
    }

    /** Calls a {@code MemoryOps} helper with the memory's bytes and the instruction's offset after the operands. */
    private void memoryCall(Instruction in, String helper, String descriptor) {
        t.loadMemoryBytes();
        t.pushInt((int) in.operand(1));
        mv.visitMethodInsn(INVOKESTATIC, MEM, helper, descriptor, false);
    }

    private void requireMemory(int index) {
        if (index != 0 || !t.layout.hasMemory()) {
            throw new InvalidException("unknown memory " + index);
        }
    }
}
