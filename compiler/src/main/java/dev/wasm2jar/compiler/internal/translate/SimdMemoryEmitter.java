package dev.wasm2jar.compiler.internal.translate;

import static dev.wasm2jar.compiler.internal.translate.Shape.L2;
import static dev.wasm2jar.compiler.internal.translate.SimdEmitter.I16;
import static dev.wasm2jar.compiler.internal.translate.SimdEmitter.I32;
import static dev.wasm2jar.compiler.internal.translate.SimdEmitter.I64;
import static org.objectweb.asm.Opcodes.*;

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
    private static final String MEM = "dev/wasm2jar/runtime/abi/MemoryOps";

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
                lanes.splat(lane);
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
