package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.layout.ModuleLayout;
import dev.wasm2jar.compiler.internal.layout.Names;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * What emitters work with while one method is translated, instead of the translator's own state: the method being
 * written, where things live in the module ({@link ModuleLayout}), the operand stack as wasm sees it, the method's
 * local slots, where translation is ({@link Cursor}), how memory is reached ({@link MemoryAccess}), where vectors
 * live ({@link Vectors}) and the polls of metering ({@link Polls}); and the few code patterns every emitter needs.
 */
final class EmitContext {
    final MethodVisitor mv;
    final ModuleLayout layout;
    final ValueStack stack = new ValueStack();
    final Slots slots;
    final Cursor cursor;
    final MemoryAccess memory;
    final Vectors vectors;
    final Polls polls;
    /** The class's table of wide addends, or null to keep every constant in the pool ({@link WideAddends}). */
    final WideAddends addends;
    /** For each instruction of the body, whether it is a constant {@link #addends} holds. */
    final boolean[] tableAddends;

    EmitContext(MethodVisitor mv, ModuleLayout layout, Slots slots, Cursor cursor, List<ValueType> localTypes,
            ShapePlan plan, AccessPlan access, WideAddends addends, boolean[] tableAddends) {
        this.mv = mv;
        this.addends = addends;
        this.tableAddends = tableAddends;
        this.layout = layout;
        this.slots = slots;
        this.cursor = cursor;
        this.memory = MemoryAccess.of(this, access);
        this.vectors = new Vectors(this, localTypes, plan);
        this.polls = new Polls(this);
    }

    /** Pushes an int constant in its shortest form. */
    void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes a long constant in its shortest form. */
    void pushLong(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(LCONST_0 + (int) v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes the zero of {@code type}: what a declared local starts as. */
    void pushZero(ValueType type) {
        switch (type.kind()) {
            case I32 -> mv.visitInsn(ICONST_0);
            case I64 -> mv.visitInsn(LCONST_0);
            case F32 -> mv.visitInsn(FCONST_0);
            case F64 -> mv.visitInsn(DCONST_0);
            case REF -> mv.visitInsn(ACONST_NULL);
            case V128 -> throw new IllegalArgumentException("vectors live in four slots (Vectors)");
        }
    }

    /** Consumes what {@code jump} tests and leaves 1 where it would jump, else 0: wasm's i32 booleans. */
    void pushCondition(int jump) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jump, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
    }

    /** Pushes the instance (the module class's object). */
    void loadSelf() {
        mv.visitVarInsn(ALOAD, slots.self());
    }

    /** Pushes the instance's {@code Linkage}: passive segments and function references. */
    void loadLink() {
        loadSelf();
        mv.visitFieldInsn(GETFIELD, layout.className(), Names.LINK, RuntimeTypes.LINKAGE);
    }
}
