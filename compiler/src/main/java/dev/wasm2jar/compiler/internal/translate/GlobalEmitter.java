package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.ValueType;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * {@code global.get} and {@code global.set}: a field of the instance for a global private to the module, a
 * {@code Global} object's accessor for one that is imported or exported.
 */
final class GlobalEmitter implements Emitter {
    private static final String GLOBAL = RuntimeTypes.GLOBAL;

    private final EmitContext ctx;
    private final MethodVisitor mv;

    GlobalEmitter(EmitContext ctx) {
        this.ctx = ctx;
        this.mv = ctx.mv;
    }

    @Override
    public void emit(Instruction in) {
        switch (in.op()) {
            case GLOBAL_GET -> globalGet(in.intOperand(0));
            case GLOBAL_SET -> globalSet(in.intOperand(0));
            default -> throw Emitter.unsupported(in);
        }
    }

    private void globalGet(int index) {
        ValueType type = ctx.layout.globalType(index);
        ctx.loadSelf();
        if (ctx.layout.isSharedGlobal(index)) {
            mv.visitFieldInsn(GETFIELD, ctx.layout.className(), ctx.layout.globalField(index), GLOBAL);
            getter(type).invoke(mv);
            if (type.isReference() && type.javaType() != Object.class) {
                mv.visitTypeInsn(CHECKCAST, Type.getInternalName(type.javaType()));
            }
        } else {
            mv.visitFieldInsn(GETFIELD, ctx.layout.className(), ctx.layout.globalField(index), JvmTypes.descriptor(type));
        }
        ctx.stack.push(type);
        if (type == ValueType.V128) {
            ctx.vectors.unbox(ctx.stack.size() - 1);
        }
    }

    private void globalSet(int index) {
        if (ctx.stack.peek(0) == ValueType.V128) {
            ctx.vectors.box(ctx.stack.size() - 1);
        }
        ValueType type = ctx.stack.pop();
        ctx.loadSelf();
        if (ctx.layout.isSharedGlobal(index)) {
            // (value, global), as the setter takes them.
            mv.visitFieldInsn(GETFIELD, ctx.layout.className(), ctx.layout.globalField(index), GLOBAL);
            setter(type).invoke(mv);
            return;
        }
        // Put the receiver under the value.
        if (JvmTypes.size(type) == 2) {
            mv.visitInsn(DUP_X2);
            mv.visitInsn(POP);
        } else {
            mv.visitInsn(SWAP);
        }
        mv.visitFieldInsn(PUTFIELD, ctx.layout.className(), ctx.layout.globalField(index), JvmTypes.descriptor(type));
    }

    /** The accessor of a shared global's value. */
    static Builtin getter(ValueType type) {
        return switch (type.kind()) {
            case I32 -> Builtin.GLOBAL_GET_I32;
            case I64 -> Builtin.GLOBAL_GET_I64;
            case F32 -> Builtin.GLOBAL_GET_F32;
            case F64 -> Builtin.GLOBAL_GET_F64;
            case V128 -> Builtin.GLOBAL_GET_V128;
            case REF -> Builtin.GLOBAL_GET_REF;
        };
    }

    private static Builtin setter(ValueType type) {
        return switch (type.kind()) {
            case I32 -> Builtin.GLOBAL_SET_I32;
            case I64 -> Builtin.GLOBAL_SET_I64;
            case F32 -> Builtin.GLOBAL_SET_F32;
            case F64 -> Builtin.GLOBAL_SET_F64;
            case V128 -> Builtin.GLOBAL_SET_V128;
            case REF -> Builtin.GLOBAL_SET_REF;
        };
    }
}
