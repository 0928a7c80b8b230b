package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.compiler.internal.model.Op;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import run.endive.wasm.types.OpCode;
import run.endive.wasm.types.WasmEncoding;

/**
 * Relaxed SIMD's twenty instructions ({@code 0xFD} then 0x100 to 0x113), which Endive does not decode: it adds the
 * prefix shifted left by 8 to the opcode, so {@code 0xFD 0x100} reads as {@code 0xFE00}, an atomic instruction with
 * other immediates. When relaxed-simd is enabled, the decoder gives Endive a copy of the module in which each relaxed
 * instruction is a stand-in of the same length and the same type ({@code v128.not}, {@code v128.and} or
 * {@code v128.bitselect}, its opcode spelled in as many LEB128 bytes as the original, which the binary format allows),
 * so that Endive validates the module and every offset stays where it was; the decoder then reads the true op back by
 * offset. Walking the code section costs one pass over its bytes, only when the feature is enabled. The same walk
 * tells which bodies make tail calls, for a module too large to decode whole ({@link #tailCalling}).
 */
final class RelaxedSimd {
    /** The relaxed ops in opcode order, from 0x100. */
    static final List<Op> OPS = List.of(
            Op.I8X16_RELAXED_SWIZZLE,
            Op.I32X4_RELAXED_TRUNC_F32X4_S, Op.I32X4_RELAXED_TRUNC_F32X4_U,
            Op.I32X4_RELAXED_TRUNC_F64X2_S_ZERO, Op.I32X4_RELAXED_TRUNC_F64X2_U_ZERO,
            Op.F32X4_RELAXED_MADD, Op.F32X4_RELAXED_NMADD, Op.F64X2_RELAXED_MADD, Op.F64X2_RELAXED_NMADD,
            Op.I8X16_RELAXED_LANESELECT, Op.I16X8_RELAXED_LANESELECT, Op.I32X4_RELAXED_LANESELECT,
            Op.I64X2_RELAXED_LANESELECT,
            Op.F32X4_RELAXED_MIN, Op.F32X4_RELAXED_MAX, Op.F64X2_RELAXED_MIN, Op.F64X2_RELAXED_MAX,
            Op.I16X8_RELAXED_Q15MULR_S, Op.I16X8_RELAXED_DOT_I8X16_I7X16_S, Op.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S);

    private static final int FIRST = 0x100;
    private static final int SIMD_PREFIX = 0xFD;
    private static final int CODE_SECTION = 10;
    /** Stand-ins by operand count: {@code v128.not}, {@code v128.and}, {@code v128.bitselect}. */
    private static final int[] STAND_IN = {-1, 0x4D, 0x4E, 0x52};

    /** The module as Endive is to see it, and the relaxed op at each offset. */
    record StandIns(byte[] wasm, Map<Integer, Op> ops) {}

    private RelaxedSimd() {}

    /** The relaxed op whose stand-in Endive decoded at {@code offset}, or null. */
    static Op at(StandIns standIns, int offset) {
        return standIns == null ? null : standIns.ops.get(offset);
    }

    /**
     * {@code wasm} with its relaxed instructions replaced by stand-ins, or null when it has none, or when its code
     * section does not walk (Endive then reports what is wrong with it).
     */
    static StandIns standIns(byte[] wasm) {
        try {
            return new Walk(wasm).run();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Which of the {@code bodies} defined functions make tail calls, from the same walk: for a module decoded in
     * windows, whose bodies Endive decodes only later. All of them when the code does not walk (an entry too many
     * costs a little; one too few would lose a deferred call).
     */
    static java.util.BitSet tailCalling(byte[] wasm, int bodies) {
        try {
            Walk walk = new Walk(wasm);
            walk.run();
            return walk.tailCalling;
        } catch (RuntimeException e) {
            java.util.BitSet all = new java.util.BitSet();
            all.set(0, bodies);
            return all;
        }
    }

    /** Whether the instruction Endive decoded at {@code offset} as an atomic one is a relaxed instruction's prefix. */
    static boolean misreadAsAtomic(byte[] wasm, int offset) {
        return offset >= 0 && offset < wasm.length && (wasm[offset] & 0xFF) == SIMD_PREFIX;
    }

    /** One pass over the code section, instruction by instruction, with Endive's own table of immediates. */
    private static final class Walk {
        private final byte[] wasm;
        private final BinaryReader in;
        private byte[] copy;
        private final Map<Integer, Op> ops = new HashMap<>();
        private final java.util.BitSet tailCalling = new java.util.BitSet();
        private int body;

        Walk(byte[] wasm) {
            this.wasm = wasm;
            this.in = new BinaryReader(wasm, 8);
        }

        StandIns run() {
            while (in.at < wasm.length) {
                int id = in.u8();
                int size = (int) in.u32();
                int end = Math.addExact(in.at, size);
                if (id == CODE_SECTION) {
                    long bodies = in.u32();
                    for (long i = 0; i < bodies; i++) {
                        int length = (int) in.u32();
                        body = (int) i;
                        body(Math.addExact(in.at, length));
                    }
                }
                in.at = end;
            }
            return copy == null ? null : new StandIns(copy, Map.copyOf(ops));
        }

        private void body(int end) {
            long groups = in.u32();
            for (long i = 0; i < groups; i++) {
                in.u32();
                in.valueType();
            }
            while (in.at < end) {
                instruction();
            }
            if (in.at != end) {
                throw new IllegalStateException("a body's instructions overrun it");
            }
        }

        private void instruction() {
            int start = in.at;
            int code = in.u8();
            if (code >= 0xFB && code <= 0xFE) {
                int opStart = in.at;
                long sub = in.u32();
                if (code == SIMD_PREFIX && sub >= FIRST && sub < FIRST + OPS.size()) {
                    standIn(start, opStart, OPS.get((int) (sub - FIRST)));
                    return;
                }
                code = (int) ((code << 8) + sub);
            }
            OpCode op = OpCode.byOpCode(code);
            if (op == null) {
                throw new IllegalStateException("unknown opcode");
            }
            if (op == OpCode.RETURN_CALL || op == OpCode.RETURN_CALL_INDIRECT || op == OpCode.RETURN_CALL_REF) {
                tailCalling.set(body);
            }
            if (op == OpCode.DROP || op == OpCode.SELECT) {
                return;
            }
            for (WasmEncoding e : OpCode.signature(op)) {
                in.immediate(e);
            }
        }

        private void standIn(int start, int opStart, Op op) {
            if (copy == null) {
                copy = wasm.clone();
            }
            ops.put(start, op);
            int length = in.at - opStart;
            int standIn = STAND_IN[operands(op)];
            // The stand-in's opcode (below 0x80) in `length` LEB128 bytes: continuation bits, then a final zero.
            copy[opStart] = (byte) (standIn | 0x80);
            for (int i = 1; i < length; i++) {
                copy[opStart + i] = (byte) (i == length - 1 ? 0x00 : 0x80);
            }
        }
    }

    /** How many vectors a relaxed instruction takes. */
    static int operands(Op op) {
        return switch (op) {
            case I32X4_RELAXED_TRUNC_F32X4_S, I32X4_RELAXED_TRUNC_F32X4_U, I32X4_RELAXED_TRUNC_F64X2_S_ZERO,
                    I32X4_RELAXED_TRUNC_F64X2_U_ZERO -> 1;
            case F32X4_RELAXED_MADD, F32X4_RELAXED_NMADD, F64X2_RELAXED_MADD, F64X2_RELAXED_NMADD,
                    I8X16_RELAXED_LANESELECT, I16X8_RELAXED_LANESELECT, I32X4_RELAXED_LANESELECT,
                    I64X2_RELAXED_LANESELECT, I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S -> 3;
            default -> 2;
        };
    }
}
