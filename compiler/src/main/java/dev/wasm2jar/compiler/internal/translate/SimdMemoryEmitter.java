package dev.wasm2jar.compiler.internal.translate;

import static dev.wasm2jar.compiler.internal.translate.Shape.L2;
import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.InvalidException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The SIMD memory instructions: {@code v128.load} and {@code v128.store} (element by element in the vector's shape,
 * or as two longs; see {@link #byElement}), the extending, splatting and zero-filling loads, and the lane loads and
 * stores. Helpers are {@code MemoryOps}'; operands and traps as for the scalar instructions.
 */
final class SimdMemoryEmitter {
    private final FunctionTranslator t;
    private final MethodVisitor mv;
    private final Vectors v;
    private final ValueStack stack;
    private final SimdLaneEmitter lanes;

    SimdMemoryEmitter(FunctionTranslator t, Vectors v, SimdLaneEmitter lanes) {
        this.t = t;
        this.mv = t.mv;
        this.v = v;
        this.stack = t.stack;
        this.lanes = lanes;
    }

    /** Emits {@code in} if it is a SIMD memory instruction; false otherwise. */
    boolean emit(Instruction in) {
        Op op = in.op();
        switch (op) {
            case V128_LOAD -> {
                int p = loadAddress(in);
                Shape s = v.resultShape(L2);
                int base = v.base(p);
                if (s == L2 || !byElement(in)) {
                    mv.visitInsn(DUP);
                    memoryCall(in, Builtin.V128_LOAD_LOW);
                    v.storeElement(base, L2, 0);
                    memoryCall(in, Builtin.V128_LOAD_HIGH);
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
                    elementLoad(s).invoke(mv);
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
                Lane lane = switch (op) {
                    case V128_LOAD8_SPLAT -> Lane.I8;
                    case V128_LOAD16_SPLAT -> Lane.I16;
                    case V128_LOAD32_SPLAT -> Lane.I32;
                    default -> Lane.I64;
                };
                loadAddress(in);
                scalarLoad(in, lane);
                lanes.splat(lane);
            }
            case V128_LOAD32_ZERO, V128_LOAD64_ZERO -> {
                int p = loadAddress(in);
                int base = v.base(p);
                memoryCall(in, op == Op.V128_LOAD32_ZERO ? Builtin.I64_LOAD32_U : Builtin.I64_LOAD);
                v.storeElement(base, L2, 0);
                mv.visitInsn(LCONST_0);
                v.storeElement(base, L2, 1);
                v.result(L2);
            }
            case V128_LOAD8_LANE, V128_LOAD16_LANE, V128_LOAD32_LANE, V128_LOAD64_LANE -> {
                Lane lane = Lane.ofMemoryOp(op);
                requireMemory(in.intOperand(2));
                int p = stack.size() - 2;
                scalarLoad(in, lane);
                int scratch = t.scratch(lane.scalar);
                mv.visitVarInsn(lane.scalar.getOpcode(ISTORE), scratch);
                Shape s = lanes.replaceLane(p + 1, p, lane, in.intOperand(3), scratch);
                stack.pop(2);
                v.result(s);
            }
            case V128_STORE8_LANE, V128_STORE16_LANE, V128_STORE32_LANE, V128_STORE64_LANE -> {
                Lane lane = Lane.ofMemoryOp(op);
                requireMemory(in.intOperand(2));
                lanes.pushLaneBits(stack.size() - 1, lane.bits, in.intOperand(3));
                memoryCall(in, switch (lane) {
                    case I8 -> Builtin.I32_STORE8;
                    case I16 -> Builtin.I32_STORE16;
                    case I32 -> Builtin.I32_STORE;
                    default -> Builtin.I64_STORE;
                });
                stack.pop(2);
            }
            case V128_STORE -> {
                requireMemory(in.intOperand(2));
                int p = stack.size() - 1;
                Shape s = stack.shape(p);
                if (s == L2 || !byElement(in)) {
                    v.pushHalves(v.source(p), s);
                    memoryCall(in, Builtin.V128_STORE_HALVES);
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
                        elementStore(s).invoke(mv);
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

    /**
     * Replaces the address on the JVM stack by the effective address plus {@code extra} (-1 when out of range) in a
     * scratch local, whose slot it returns.
     */
    private int effectiveAddress(Instruction in, int extra) {
        t.pushInt((int) in.operand(1));
        t.pushInt(extra);
        Builtin.EFFECTIVE_ADDRESS_PLUS.invoke(mv);
        int address = t.scratch(Type.INT_TYPE);
        mv.visitVarInsn(ISTORE, address);
        return address;
    }

    /** Loads one element of {@code s} from an effective address. */
    private static Builtin elementLoad(Shape s) {
        return switch (s) {
            case L2 -> Builtin.I64_AT;
            case I4 -> Builtin.I32_AT;
            case F4 -> Builtin.F32_AT;
            case D2 -> Builtin.F64_AT;
        };
    }

    /** Stores one element of {@code s} at an effective address. */
    private static Builtin elementStore(Shape s) {
        return switch (s) {
            case L2 -> Builtin.I64_AT_PUT;
            case I4 -> Builtin.I32_AT_PUT;
            case F4 -> Builtin.F32_AT_PUT;
            case D2 -> Builtin.F64_AT_PUT;
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
            case I8 -> memoryCall(in, Builtin.I32_LOAD8_U);
            case I16 -> memoryCall(in, Builtin.I32_LOAD16_U);
            case I32 -> memoryCall(in, Builtin.I32_LOAD);
            default -> memoryCall(in, Builtin.I64_LOAD);
        }
    }

    /** Loads 64 bits and widens them: the low result half from the low 32 bits, the high half from the rest. */
    private void extendingLoad(Instruction in, Builtin low, Builtin high) {
        int p = loadAddress(in);
        int base = v.base(p);
        memoryCall(in, Builtin.I64_LOAD);
        mv.visitInsn(DUP2);
        low.invoke(mv);
        v.storeElement(base, L2, 0);
        high.invoke(mv);
        v.storeElement(base, L2, 1);
        v.result(L2);
    }

    /** Calls a {@code MemoryOps} helper with the memory's bytes and the instruction's offset after the operands. */
    private void memoryCall(Instruction in, Builtin helper) {
        t.loadMemoryBytes();
        t.pushInt((int) in.operand(1));
        helper.invoke(mv);
    }

    private void requireMemory(int index) {
        if (index != 0 || !t.layout.hasMemory()) {
            throw new InvalidException("unknown memory " + index);
        }
    }
}
