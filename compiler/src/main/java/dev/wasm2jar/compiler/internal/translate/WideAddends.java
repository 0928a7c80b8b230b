package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;

/**
 * The 64-bit constants that a class's sums read from a table of the class instead of the constant pool: an
 * {@code i64.const} that fits no int, added or subtracted by the next instruction. C2 rewrites {@code (x + c) << k}
 * as {@code (x << k) + (c << k)} when {@code c} is a constant, and its reassociation moves a sum's constant to its
 * top; a rotation of such a sum (SHA-512's rounds rotate {@code e = d + t1}, {@code t1} holding the round constant) is
 * then no rotation to C2 but two shifts and an or. A value from the table is no constant to C2, and a constant of
 * more than 32 bits is no x86 immediate either: the load replaces a {@code movabs}. RATIONALE.md, "Rotations of sums
 * with a constant".
 */
public final class WideAddends {
    /** The static field of the class that holds the table. */
    static final String FIELD = "i64Addends";
    /** Entries a class's table holds at most: filling it takes 8 bytes of {@code <clinit>} each. */
    private static final int MAX = 2048;

    private final String owner;
    private final Map<Long, Integer> indices = new LinkedHashMap<>();

    /** A table for class {@code owner} (internal name). */
    public WideAddends(String owner) {
        this.owner = owner;
    }

    /** For each instruction of {@code code}, whether it is such a constant. */
    static boolean[] find(List<Instruction> code) {
        boolean[] found = new boolean[code.size()];
        for (int i = 0; i + 1 < code.size(); i++) {
            Instruction in = code.get(i);
            Op next = code.get(i + 1).op();
            found[i] = in.op() == Op.I64_CONST && in.operand(0) != (int) in.operand(0)
                    && (next == Op.I64_ADD || next == Op.I64_SUB);
        }
        return found;
    }

    /** Pushes {@code value} from the table; false, pushing nothing, when the table is full. */
    boolean push(EmitContext ctx, long value) {
        Integer index = indices.get(value);
        if (index == null) {
            if (indices.size() >= MAX) {
                return false;
            }
            index = indices.size();
            indices.put(value, index);
        }
        ctx.mv.visitFieldInsn(GETSTATIC, owner, FIELD, "[J");
        ctx.pushInt(index);
        ctx.mv.visitInsn(LALOAD);
        return true;
    }

    public boolean isEmpty() {
        return indices.isEmpty();
    }

    /** Declares the table's field in {@code cw} and fills it in {@code clinit}, the class's static initializer. */
    public void write(ClassVisitor cw, MethodVisitor clinit) {
        cw.visitField(ACC_STATIC | ACC_FINAL, FIELD, "[J", null, null).visitEnd();
        clinit.visitIntInsn(SIPUSH, indices.size()); // at most MAX
        clinit.visitIntInsn(NEWARRAY, T_LONG);
        for (var entry : indices.entrySet()) {
            clinit.visitInsn(DUP);
            clinit.visitIntInsn(SIPUSH, entry.getValue());
            clinit.visitLdcInsn(entry.getKey());
            clinit.visitInsn(LASTORE);
        }
        clinit.visitFieldInsn(PUTSTATIC, owner, FIELD, "[J");
    }
}
