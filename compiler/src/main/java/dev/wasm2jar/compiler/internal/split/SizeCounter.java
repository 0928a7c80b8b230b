package dev.wasm2jar.compiler.internal.split;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A method visitor that writes nothing and counts the bytes the instructions it sees would take. Close to exact:
 * it assumes 3-byte {@code ldc_w} and short jumps.
 */
public final class SizeCounter extends MethodVisitor {
    private int size;

    public SizeCounter() {
        super(Opcodes.ASM9);
    }

    /** Bytes of code so far. */
    public int size() {
        return size;
    }

    @Override
    public void visitInsn(int opcode) {
        size += 1;
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        size += opcode == Opcodes.SIPUSH ? 3 : 2;
    }

    @Override
    public void visitVarInsn(int opcode, int slot) {
        size += slot < 4 ? 1 : slot < 256 ? 2 : 4;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        size += 3;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        size += 3;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        size += opcode == Opcodes.INVOKEINTERFACE ? 5 : 3;
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... bsmArgs) {
        size += 5;
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        size += 3;
    }

    @Override
    public void visitLdcInsn(Object value) {
        size += 3;
    }

    @Override
    public void visitIincInsn(int slot, int increment) {
        size += 3;
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        size += 16 + 4 * labels.length;
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        size += 12 + 8 * keys.length;
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        size += 4;
    }
}
