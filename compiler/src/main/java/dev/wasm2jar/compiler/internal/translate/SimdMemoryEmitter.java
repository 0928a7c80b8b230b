package dev.wasm2jar.compiler.internal.translate;

import static dev.wasm2jar.compiler.internal.translate.Shape.L2;
import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import org.objectweb.asm.MethodVisitor;

/**
 * The SIMD memory instructions: {@code v128.load} and {@code v128.store} (element by element in the vector's shape,
 * or as two longs; see {@link #byElement}), the extending, splatting and zero-filling loads, and the lane loads and
 * stores, through the {@link MemoryAccess} of the memory each names; operands and traps as for the scalar
 * instructions. Immediates: {@code [align, offset, memory]}, and the lane for lane accesses.
 */
final class SimdMemoryEmitter implements Emitter {
    /** Memory accesses (counting four per vector access) after which vector accesses take two halves. */
    private static final int ELEMENT_ACCESS_LIMIT = 20;

    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final Vectors v;
    private final ValueStack stack;
    private final MemoryAccess memory;
    private final SimdLaneEmitter lanes;

    SimdMemoryEmitter(EmitContext ctx, SimdLaneEmitter lanes) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.v = ctx.vectors;
        this.stack = ctx.stack;
        this.memory = ctx.memory;
        this.lanes = lanes;
    }

    @Override
    public void emit(Instruction in) {
        Op op = in.op();
        int mem = in.intOperand(2);
        long offset = in.operand(1);
        switch (op) {
            case V128_LOAD -> {
                int p = loadAddress(mem);
                Shape s = v.resultShape(L2);
                int base = v.base(p);
                if (s == L2 || !byElement()) {
                    memory.loadHalves(mem, offset, () -> v.storeElement(base, L2, 0), () -> v.storeElement(base, L2, 1));
                    v.convert(base, L2, base, s);
                    v.flexibleResult(s);
                    return;
                }
                // The effective address once, then element by element from it, element 0 first: an address out of
                // range is one that element 0 finds out of bounds before anything else is read.
                int address = memory.effectiveAddress(mem, offset, 0);
                for (int k = 0; k < s.elements(); k++) {
                    memory.loadElement(mem, s, address, k * 16 / s.elements());
                    v.storeElement(base, s, k);
                }
                v.flexibleResult(s);
            }
            case V128_LOAD8X8_S -> extendingLoad(in, Builtin.I16X8_EXTEND_LOW_S, Builtin.I16X8_EXTEND_HIGH_S);
            case V128_LOAD8X8_U -> extendingLoad(in, Builtin.I16X8_EXTEND_LOW_U, Builtin.I16X8_EXTEND_HIGH_U);
            case V128_LOAD16X4_S -> extendingLoad(in, Builtin.I32X4_EXTEND_LOW_S, Builtin.I32X4_EXTEND_HIGH_S);
            case V128_LOAD16X4_U -> extendingLoad(in, Builtin.I32X4_EXTEND_LOW_U, Builtin.I32X4_EXTEND_HIGH_U);
            case V128_LOAD32X2_S -> extendingLoad(in, Builtin.I64X2_EXTEND_LOW_S, Builtin.I64X2_EXTEND_HIGH_S);
            case V128_LOAD32X2_U -> extendingLoad(in, Builtin.I64X2_EXTEND_LOW_U, Builtin.I64X2_EXTEND_HIGH_U);
            case V128_LOAD8_SPLAT, V128_LOAD16_SPLAT, V128_LOAD32_SPLAT, V128_LOAD64_SPLAT -> {
                Lane lane = Lane.ofMemoryOp(op);
                loadAddress(mem);
                scalarLoad(lane, mem, offset);
                lanes.splat(lane);
            }
            case V128_LOAD32_ZERO, V128_LOAD64_ZERO -> {
                int p = loadAddress(mem);
                int base = v.base(p);
                memory.load(op == Op.V128_LOAD32_ZERO ? Op.I64_LOAD32_U : Op.I64_LOAD, mem, offset);
                v.storeElement(base, L2, 0);
                mv.visitInsn(LCONST_0);
                v.storeElement(base, L2, 1);
                v.result(L2);
            }
            case V128_LOAD8_LANE, V128_LOAD16_LANE, V128_LOAD32_LANE, V128_LOAD64_LANE -> {
                Lane lane = Lane.ofMemoryOp(op);
                int p = stack.size() - 2;
                scalarLoad(lane, mem, offset);
                int scratch = ctx.slots.scratch(lane.scalar);
                mv.visitVarInsn(lane.scalar.getOpcode(ISTORE), scratch);
                Shape s = lanes.replaceLane(p + 1, p, lane, in.intOperand(3), scratch);
                stack.pop(2);
                v.result(s);
            }
            case V128_STORE8_LANE, V128_STORE16_LANE, V128_STORE32_LANE, V128_STORE64_LANE -> {
                Lane lane = Lane.ofMemoryOp(op);
                memory.check(mem);
                lanes.pushLaneBits(stack.size() - 1, lane.bits, in.intOperand(3));
                memory.store(switch (lane) {
                    case I8 -> Op.I32_STORE8;
                    case I16 -> Op.I32_STORE16;
                    case I32 -> Op.I32_STORE;
                    default -> Op.I64_STORE;
                }, mem, offset);
                stack.pop(2);
            }
            case V128_STORE -> {
                memory.check(mem);
                int p = stack.size() - 1;
                Shape s = stack.shape(p);
                if (s == L2 || !byElement()) {
                    v.pushHalves(v.source(p), s);
                    memory.storeHalves(mem, offset);
                } else {
                    // From the address of the last element, written first: once it is in bounds, so are the others,
                    // so a store out of bounds writes nothing.
                    int size = 16 / s.elements();
                    int address = memory.effectiveAddress(mem, offset, 16 - size);
                    int base = v.source(p);
                    for (int k = s.elements() - 1; k >= 0; k--) {
                        int element = k;
                        memory.storeElement(mem, s, address, (k - (s.elements() - 1)) * size,
                                () -> v.loadElement(base, s, element));
                    }
                }
                stack.pop(2);
            }
            default -> throw Emitter.unsupported(in);
        }
    }

    /**
     * Whether a {@code v128.load} or {@code v128.store} accesses its elements one by one (four floats need no
     * conversion) or as two longs (two accesses instead of four). Every memory access inlines some 250 bytes of JDK
     * code (the byte-array VarHandle), and C2 stops inlining anything once a compilation has inlined 8,000 bytes
     * ({@code DesiredMethodLimit}, not settable in product JVMs), spending that budget in bytecode order; past it,
     * each access is a real call. So only the vector accesses that come after few others go element by element.
     */
    private boolean byElement() {
        return ctx.cursor.memoryAccessesBefore() < ELEMENT_ACCESS_LIMIT;
    }

    /** For a load: checks the memory, pops the address (left on the JVM stack) and returns its position. */
    private int loadAddress(int mem) {
        memory.check(mem);
        stack.pop();
        return stack.size();
    }

    /** Replaces the address on the JVM stack with the loaded lane: an int for up to 32 bits, else a long. */
    private void scalarLoad(Lane lane, int mem, long offset) {
        memory.load(switch (lane) {
            case I8 -> Op.I32_LOAD8_U;
            case I16 -> Op.I32_LOAD16_U;
            case I32 -> Op.I32_LOAD;
            default -> Op.I64_LOAD;
        }, mem, offset);
    }

    /** Loads 64 bits and widens them: the low result half from the low 32 bits, the high half from the rest. */
    private void extendingLoad(Instruction in, Builtin low, Builtin high) {
        int p = loadAddress(in.intOperand(2));
        int base = v.base(p);
        memory.load(Op.I64_LOAD, in.intOperand(2), in.operand(1));
        mv.visitInsn(DUP2);
        low.invoke(mv);
        v.storeElement(base, L2, 0);
        high.invoke(mv);
        v.storeElement(base, L2, 1);
        v.result(L2);
    }
}
