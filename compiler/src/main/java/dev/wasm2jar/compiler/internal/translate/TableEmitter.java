package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.TypeCodec;
import org.objectweb.asm.MethodVisitor;

/** Table instructions and references, as calls to {@code TableOps} with the table from its field. */
final class TableEmitter {
    private static final String OPS = "dev/wasm2jar/runtime/abi/TableOps";
    private static final String TABLE = "Ldev/wasm2jar/runtime/Table;";
    private static final String LINKAGE = "dev/wasm2jar/runtime/abi/Linkage";
    private static final String FUNCTION = "dev/wasm2jar/runtime/WasmFunction";

    private final FunctionTranslator t;
    private final MethodVisitor mv;

    TableEmitter(FunctionTranslator t) {
        this.t = t;
        this.mv = t.mv;
    }

    boolean emit(Instruction in) {
        switch (in.op()) {
            case TABLE_GET -> {
                int table = in.intOperand(0);
                loadTable(table);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "get", "(I" + TABLE + ")Ljava/lang/Object;", false);
                ValueType type = t.layout.tableType(table);
                castReference(type);
                t.stack.pop();
                t.stack.push(type);
            }
            case TABLE_SET -> {
                loadTable(in.intOperand(0));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "set", "(ILjava/lang/Object;" + TABLE + ")V", false);
                t.stack.pop(2);
            }
            case TABLE_SIZE -> {
                loadTable(in.intOperand(0));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "size", "(" + TABLE + ")I", false);
                t.stack.push(ValueType.I32);
            }
            case TABLE_GROW -> {
                loadTable(in.intOperand(0));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "grow", "(Ljava/lang/Object;I" + TABLE + ")I", false);
                t.stack.pop(2);
                t.stack.push(ValueType.I32);
            }
            case TABLE_FILL -> {
                loadTable(in.intOperand(0));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "fill", "(ILjava/lang/Object;I" + TABLE + ")V", false);
                t.stack.pop(3);
            }
            case TABLE_COPY -> {
                loadTable(in.intOperand(0));
                loadTable(in.intOperand(1));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "copy", "(III" + TABLE + TABLE + ")V", false);
                t.stack.pop(3);
            }
            case TABLE_INIT -> {
                loadTable(in.intOperand(1));
                t.loadLink();
                t.pushInt(in.intOperand(0));
                mv.visitMethodInsn(INVOKEVIRTUAL, LINKAGE, "elements", "(I)[Ljava/lang/Object;", false);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "init", "(III" + TABLE + "[Ljava/lang/Object;)V", false);
                t.stack.pop(3);
            }
            case ELEM_DROP -> {
                t.loadLink();
                t.pushInt(in.intOperand(0));
                mv.visitMethodInsn(INVOKEVIRTUAL, LINKAGE, "dropElements", "(I)V", false);
            }
            case REF_NULL -> {
                mv.visitInsn(ACONST_NULL);
                t.stack.push(TypeCodec.unpack(in.operand(0)));
            }
            case REF_IS_NULL -> {
                t.pushCondition(IFNULL);
                t.stack.pop();
                t.stack.push(ValueType.I32);
            }
            case REF_FUNC -> {
                t.loadLink();
                t.pushInt(in.intOperand(0));
                mv.visitMethodInsn(INVOKEVIRTUAL, LINKAGE, "function", "(I)L" + FUNCTION + ";", false);
                t.stack.push(ValueType.FUNCREF);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void castReference(ValueType type) {
        if (type == ValueType.FUNCREF) {
            mv.visitTypeInsn(CHECKCAST, FUNCTION);
        }
    }

    private void loadTable(int index) {
        t.loadSelf();
        mv.visitFieldInsn(GETFIELD, t.layout.className(), t.layout.tableField(index), TABLE);
    }
}
