package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.classfile.JvmTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.ValueType;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code global.get} and {@code global.set}: a field of the instance for a global private to the module, a
 * {@code Global} object's accessor for one that is imported or exported.
 */
final class GlobalEmitter {
    private final FunctionTranslator t;
    private final MethodVisitor mv;

    GlobalEmitter(FunctionTranslator t) {
        this.t = t;
        this.mv = t.mv;
    }

    boolean emit(Instruction in) {
        switch (in.op()) {
            case GLOBAL_GET -> globalGet(in.intOperand(0));
            case GLOBAL_SET -> globalSet(in.intOperand(0));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void globalGet(int index) {
        ValueType type = t.layout.globalType(index);
        t.loadSelf();
        if (t.layout.isSharedGlobal(index)) {
            mv.visitFieldInsn(GETFIELD, t.layout.className(), t.layout.globalField(index), "Ldev/wasm2jar/runtime/Global;");
            mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/runtime/Global", accessorName("get", type),
                    "()" + accessorDescriptor(type), false);
            if (type == ValueType.FUNCREF) {
                mv.visitTypeInsn(CHECKCAST, "dev/wasm2jar/runtime/WasmFunction");
            }
        } else {
            mv.visitFieldInsn(GETFIELD, t.layout.className(), t.layout.globalField(index), JvmTypes.descriptor(type));
        }
        t.stack.push(type);
        if (type == ValueType.V128) {
            t.vectors.unbox(t.stack.size() - 1);
        }
    }

    private void globalSet(int index) {
        if (t.stack.peek(0) == ValueType.V128) {
            t.vectors.box(t.stack.size() - 1);
        }
        ValueType type = t.stack.pop();
        t.loadSelf();
        boolean shared = t.layout.isSharedGlobal(index);
        if (shared) {
            mv.visitFieldInsn(GETFIELD, t.layout.className(), t.layout.globalField(index), "Ldev/wasm2jar/runtime/Global;");
        }
        // Put the receiver under the value.
        if (JvmTypes.size(type) == 2) {
            mv.visitInsn(DUP_X2);
            mv.visitInsn(POP);
        } else {
            mv.visitInsn(SWAP);
        }
        if (shared) {
            mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/runtime/Global", accessorName("set", type),
                    "(" + accessorDescriptor(type) + ")V", false);
        } else {
            mv.visitFieldInsn(PUTFIELD, t.layout.className(), t.layout.globalField(index), JvmTypes.descriptor(type));
        }
    }

    private static String accessorName(String prefix, ValueType type) {
        return prefix + switch (type.kind()) {
            case I32 -> "I32";
            case I64 -> "I64";
            case F32 -> "F32";
            case F64 -> "F64";
            case V128 -> "V128";
            default -> "Ref";
        };
    }

    private static String accessorDescriptor(ValueType type) {
        return type.isReference() ? "Ljava/lang/Object;" : JvmTypes.descriptor(type);
    }
}
