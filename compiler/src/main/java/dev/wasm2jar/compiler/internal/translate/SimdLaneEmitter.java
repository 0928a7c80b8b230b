package dev.wasm2jar.compiler.internal.translate;

import static dev.wasm2jar.compiler.internal.translate.Shape.D2;
import static dev.wasm2jar.compiler.internal.translate.Shape.F4;
import static dev.wasm2jar.compiler.internal.translate.Shape.I4;
import static dev.wasm2jar.compiler.internal.translate.Shape.L2;
import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.ValueType;
import org.objectweb.asm.MethodVisitor;

/**
 * SIMD instructions that move lanes rather than compute on them: constants, splats, lane extraction and replacement,
 * shuffles, and the widening of bytes to ints. Each works from whatever shape its operand is in where it can.
 */
final class SimdLaneEmitter {
    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final Vectors v;
    private final ValueStack stack;

    SimdLaneEmitter(EmitContext ctx) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.v = ctx.vectors;
        this.stack = ctx.stack;
    }

    /** A fused {@code i16x8.extend} then {@code i32x4.extend} ({@link Peepholes}): four ints straight from bytes. */
    void bytesToInts(Peepholes.BytesToInts pair) {
        lanesToInts(8 * pair.firstByte(), 8, pair.signed());
    }

    /** {@code i32x4.extend_*_i16x8_*}: four ints, each a 16-bit lane of one half shifted down and extended. */
    void extendToInts(Op op) {
        switch (op) {
            case I32X4_EXTEND_LOW_I16X8_S -> lanesToInts(0, 16, true);
            case I32X4_EXTEND_HIGH_I16X8_S -> lanesToInts(64, 16, true);
            case I32X4_EXTEND_LOW_I16X8_U -> lanesToInts(0, 16, false);
            case I32X4_EXTEND_HIGH_I16X8_U -> lanesToInts(64, 16, false);
            default -> throw new IllegalArgumentException(op.toString());
        }
    }

    /**
     * Replaces the vector on top with four ints: its lanes of {@code width} bits from bit {@code firstBit} on,
     * extended with or without sign.
     */
    private void lanesToInts(int firstBit, int width, boolean signed) {
        int p = stack.size() - 1;
        int base = v.read(p, L2);
        for (int k = 0; k < 4; k++) {
            int bit = firstBit + width * k;
            v.loadElement(base, L2, bit / 64);
            if (bit % 64 != 0) {
                mv.visitIntInsn(BIPUSH, bit % 64);
                mv.visitInsn(LUSHR);
            }
            mv.visitInsn(L2I);
            if (signed) {
                mv.visitInsn(width == 8 ? I2B : I2S);
            } else {
                ctx.pushInt(width == 8 ? 0xFF : 0xFFFF);
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
     * whichever the operands are in already. Others are shifts and masks on long halves, one per run of consecutive
     * or repeated bytes, when each result half has a few runs; any other goes to the byte-by-byte helper.
     */
    void shuffle(long lanesLo, long lanesHi) {
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
        int[] bases = {v.read(p, L2), v.read(p + 1, L2)};
        for (int out = 0; out < 2; out++) {
            java.util.List<Run> runs = runs(lanes, out);
            if (runs.size() <= MAX_RUNS) {
                for (int i = 0; i < runs.size(); i++) {
                    emitRun(runs.get(i), bases);
                    if (i > 0) {
                        mv.visitInsn(LOR);
                    }
                }
                continue;
            }
            for (int half = 0; half < 4; half++) {
                v.loadElement(bases[half / 2], L2, half % 2);
            }
            mv.visitLdcInsn(out == 0 ? lanesLo : lanesHi);
            Builtin.V128_SHUFFLE.invoke(mv);
        }
        stack.pop(2);
        int out = v.base(p);
        v.storeElement(out, L2, 1);
        v.storeElement(out, L2, 0);
        v.result(L2);
    }

    /** A result half with more runs than this goes through the byte-by-byte helper. */
    private static final int MAX_RUNS = 4;

    /**
     * Bytes {@code [to, to + length)} of a result half from source half {@code half} (0 to 3: a's low and high, b's
     * low and high), starting at byte {@code from}: consecutive bytes, or byte {@code from} repeated when
     * {@code broadcast}.
     */
    private record Run(int to, int length, int half, int from, boolean broadcast) {}

    /** Result half {@code out} of a shuffle as runs, left to right. */
    private static java.util.List<Run> runs(byte[] lanes, int out) {
        java.util.List<Run> runs = new java.util.ArrayList<>();
        int i = 0;
        while (i < 8) {
            int lane = lanes[8 * out + i] & 31;
            int length = 1;
            while (i + length < 8 && (lanes[8 * out + i + length] & 31) == lane + length
                    && (lane + length) / 8 == lane / 8) {
                length++;
            }
            boolean broadcast = false;
            if (length == 1) {
                while (i + length < 8 && (lanes[8 * out + i + length] & 31) == lane) {
                    length++;
                }
                broadcast = length > 1;
            }
            runs.add(new Run(i, length, lane / 8, lane % 8, broadcast));
            i += length;
        }
        return runs;
    }

    /** Pushes one run's bytes in place in a long, zero elsewhere. */
    private void emitRun(Run run, int[] bases) {
        v.loadElement(bases[run.half() / 2], L2, run.half() % 2);
        if (run.from() > 0) {
            mv.visitIntInsn(BIPUSH, 8 * run.from());
            mv.visitInsn(LUSHR);
        }
        int bytes = run.broadcast() ? 1 : run.length();
        if (run.from() + bytes < 8) {
            mv.visitLdcInsn(-1L >>> 64 - 8 * bytes);
            mv.visitInsn(LAND);
        }
        if (run.broadcast()) {
            mv.visitLdcInsn(-1L >>> 64 - 8 * run.length() & 0x0101_0101_0101_0101L);
            mv.visitInsn(LMUL);
        }
        if (run.to() > 0) {
            mv.visitIntInsn(BIPUSH, 8 * run.to());
            mv.visitInsn(LSHL);
        }
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

    /** A constant, made in the shape its readers want. */
    void constant(long lo, long hi, Shape s) {
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
                        Builtin.DOUBLE_FROM_BITS.invoke(mv);
                    } else {
                        mv.visitLdcInsn(d);
                    }
                }
                case I4 -> ctx.pushInt((int) (half >>> bitOffset % 64));
                case F4 -> {
                    int bits = (int) (half >>> bitOffset % 64);
                    if (Float.isNaN(Float.intBitsToFloat(bits))) {
                        ctx.pushInt(bits);
                        Builtin.FLOAT_FROM_BITS.invoke(mv);
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

    /** Replicates the scalar on top of the JVM stack into a new vector. */
    void splat(Lane lane) {
        int base = v.base(stack.size());
        switch (lane) {
            case I8, I16 -> {
                (lane == Lane.I8 ? Builtin.I8X16_SPLAT : Builtin.I16X8_SPLAT).invoke(mv);
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

    void extractLane(Op op, Lane lane, int index) {
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
                    ctx.pushInt(0xFF);
                    mv.visitInsn(IAND);
                }
                case I16X8_EXTRACT_LANE_U -> {
                    ctx.pushInt(0xFFFF);
                    mv.visitInsn(IAND);
                }
                case F32X4_EXTRACT_LANE ->
                        Builtin.FLOAT_FROM_BITS.invoke(mv);
                case F64X2_EXTRACT_LANE ->
                        Builtin.DOUBLE_FROM_BITS.invoke(mv);
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
    void pushLaneBits(int p, int bits, int index) {
        Shape s = stack.shape(p);
        int base = v.source(p);
        int offset = bits * index;
        if (bits == 64) {
            switch (s) {
                case L2 -> v.loadElement(base, s, index);
                case D2 -> {
                    v.loadElement(base, s, index);
                    Builtin.DOUBLE_TO_RAW_BITS.invoke(mv);
                }
                case I4, F4 -> {
                    v.loadElement(base, s, 2 * index);
                    v.loadElement(base, s, 2 * index + 1);
                    (s == I4 ? Builtin.V128_PACK : Builtin.V128_PACK_FLOATS).invoke(mv);
                }
            }
            return;
        }
        int word = offset / 32;
        switch (s) {
            case I4 -> v.loadElement(base, s, word);
            case F4 -> {
                v.loadElement(base, s, word);
                Builtin.FLOAT_TO_RAW_BITS.invoke(mv);
            }
            case L2, D2 -> {
                v.loadElement(base, s, word / 2);
                if (s == D2) {
                    Builtin.DOUBLE_TO_RAW_BITS.invoke(mv);
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
    Shape replaceLane(int from, int to, Lane lane, int index, int scratch) {
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
            ctx.pushInt(offset % 64);
            (lane == Lane.I8 ? Builtin.I8X16_WITH_LANE : Builtin.I16X8_WITH_LANE).invoke(mv);
            v.storeElement(base, L2, offset / 64);
        } else {
            mv.visitVarInsn(lane.scalar.getOpcode(ILOAD), scratch);
            v.storeElement(base, s, index);
        }
        return s;
    }
}
