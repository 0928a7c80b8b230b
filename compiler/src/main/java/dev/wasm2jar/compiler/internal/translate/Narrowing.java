package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The i64 operands of 64-bit memories and tables (memory64) narrowed, where they lie on the JVM stack, to the
 * unsigned ints of the helpers that 32-bit ones use ({@code MemoryOps.u32}, {@code TableOps.u32}: 2^32-1 for
 * anything larger, out of bounds alike). Operands above one are parked in locals of this method meanwhile, one per
 * position and type, so this costs nothing where no memory or table is 64-bit.
 */
final class Narrowing {
    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final Builtin u32;
    /** Parking slots by position from the top and JVM sort. */
    private final Map<Integer, Integer> parking = new HashMap<>();

    private Narrowing(EmitContext ctx, Builtin u32) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.u32 = u32;
    }

    static Narrowing ofMemories(EmitContext ctx) {
        return new Narrowing(ctx, Builtin.MEMORY_U32);
    }

    static Narrowing ofTables(EmitContext ctx) {
        return new Narrowing(ctx, Builtin.TABLE_U32);
    }

    /** {@code [long] -> [int]}. */
    void top() {
        u32.invoke(mv);
    }

    /**
     * The operands on the JVM stack, bottom first, are of {@code types}; those marked {@code wide} (longs) become
     * ints, the others stay as they are.
     */
    void operands(Type[] types, boolean... wide) {
        int lowest = -1;
        for (int i = 0; i < wide.length; i++) {
            if (wide[i]) {
                lowest = i;
                break;
            }
        }
        if (lowest < 0) {
            return;
        }
        int[] slots = new int[types.length];
        for (int i = types.length - 1; i > lowest; i--) {
            slots[i] = park(types.length - 1 - i, types[i]);
            mv.visitVarInsn(types[i].getOpcode(org.objectweb.asm.Opcodes.ISTORE), slots[i]);
        }
        top();
        for (int i = lowest + 1; i < types.length; i++) {
            mv.visitVarInsn(types[i].getOpcode(org.objectweb.asm.Opcodes.ILOAD), slots[i]);
            if (wide[i]) {
                top();
            }
        }
    }

    private int park(int fromTop, Type type) {
        return parking.computeIfAbsent(fromTop * 16 + type.getSort(), k -> ctx.slots.allocate(type.getSize()));
    }
}
