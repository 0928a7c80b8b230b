package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.TypeCodec;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/** Table instructions and references, as calls to {@code TableOps} with the table from its field. */
final class TableEmitter implements Emitter {
    private static final String TABLE = RuntimeTypes.TABLE;
    private static final String FUNCTION = RuntimeTypes.WASM_FUNCTION_CLASS;

    private static final Type OBJECT = Type.getType(Object.class);

    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final Narrowing narrowing;

    TableEmitter(EmitContext ctx) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.narrowing = Narrowing.ofTables(ctx);
    }

    @Override
    public void emit(Instruction in) {
        switch (in.op()) {
            case TABLE_GET -> {
                int table = in.intOperand(0);
                if (wide(table)) {
                    narrowing.top();
                }
                loadTable(table);
                Builtin.TABLE_GET.invoke(mv);
                ValueType type = ctx.layout.tableType(table);
                castReference(type);
                ctx.stack.pop();
                ctx.stack.push(type);
            }
            case TABLE_SET -> {
                ctx.layout.fixedTables().written(in.intOperand(0));
                if (wide(in.intOperand(0))) {
                    narrowing.operands(new Type[] {Type.LONG_TYPE, OBJECT}, true, false);
                }
                loadTable(in.intOperand(0));
                Builtin.TABLE_SET.invoke(mv);
                ctx.stack.pop(2);
            }
            case TABLE_SIZE -> {
                loadTable(in.intOperand(0));
                Builtin.TABLE_SIZE.invoke(mv);
                ctx.stack.push(widen(in.intOperand(0)));
            }
            case TABLE_GROW -> {
                ctx.layout.fixedTables().written(in.intOperand(0));
                if (wide(in.intOperand(0))) {
                    narrowing.top();
                }
                loadTable(in.intOperand(0));
                Builtin.TABLE_GROW.invoke(mv);
                ctx.stack.pop(2);
                ctx.stack.push(widen(in.intOperand(0)));
            }
            case TABLE_FILL -> {
                ctx.layout.fixedTables().written(in.intOperand(0));
                if (wide(in.intOperand(0))) {
                    narrowing.operands(new Type[] {Type.LONG_TYPE, OBJECT, Type.LONG_TYPE}, true, false, true);
                }
                loadTable(in.intOperand(0));
                Builtin.TABLE_FILL.invoke(mv);
                ctx.stack.pop(3);
            }
            case TABLE_COPY -> {
                ctx.layout.fixedTables().written(in.intOperand(0));
                boolean dst = wide(in.intOperand(0));
                boolean src = wide(in.intOperand(1));
                if (dst || src) {
                    narrowing.operands(new Type[] {type(dst), type(src), type(dst && src)}, dst, src, dst && src);
                }
                loadTable(in.intOperand(0));
                loadTable(in.intOperand(1));
                Builtin.TABLE_COPY.invoke(mv);
                ctx.stack.pop(3);
            }
            case TABLE_INIT -> {
                ctx.layout.fixedTables().written(in.intOperand(1));
                if (wide(in.intOperand(1))) {
                    narrowing.operands(new Type[] {Type.LONG_TYPE, Type.INT_TYPE, Type.INT_TYPE}, true, false, false);
                }
                loadTable(in.intOperand(1));
                ctx.loadLink();
                ctx.pushInt(in.intOperand(0));
                Builtin.LINK_ELEMENTS.invoke(mv);
                Builtin.TABLE_INIT.invoke(mv);
                ctx.stack.pop(3);
            }
            case ELEM_DROP -> {
                ctx.loadLink();
                ctx.pushInt(in.intOperand(0));
                Builtin.LINK_DROP_ELEMENTS.invoke(mv);
            }
            case REF_NULL -> {
                mv.visitInsn(ACONST_NULL);
                ctx.stack.push(TypeCodec.unpack(in.operand(0)));
            }
            case REF_AS_NON_NULL -> {
                Label nonNull = new Label();
                mv.visitInsn(DUP);
                mv.visitJumpInsn(IFNONNULL, nonNull);
                Builtin.TRAP_NULL_REFERENCE.invoke(mv);
                mv.visitInsn(ATHROW);
                mv.visitLabel(nonNull);
                ValueType ref = ctx.stack.pop();
                ctx.stack.push(ValueType.ref(ref.heapType(), false));
            }
            case REF_IS_NULL -> {
                ctx.pushCondition(IFNULL);
                ctx.stack.pop();
                ctx.stack.push(ValueType.I32);
            }
            case REF_FUNC -> {
                ctx.loadLink();
                ctx.pushInt(in.intOperand(0));
                Builtin.LINK_FUNCTION.invoke(mv);
                ctx.stack.push(ValueType.FUNCREF);
            }
            default -> throw Emitter.unsupported(in);
        }
    }

    /** Whether the table has 64-bit indices (memory64): its operands are narrowed to the same helpers' ints. */
    private boolean wide(int table) {
        return ctx.layout.tableAddress64(table);
    }

    /** After {@code table.size} or {@code table.grow}, an i64 for a 64-bit table (-1 stays -1); the result's type. */
    private ValueType widen(int table) {
        if (!wide(table)) {
            return ValueType.I32;
        }
        mv.visitInsn(I2L);
        return ValueType.I64;
    }

    private static Type type(boolean wide) {
        return wide ? Type.LONG_TYPE : Type.INT_TYPE;
    }

    private void castReference(ValueType type) {
        if (type.javaType() == dev.wasm2jar.runtime.WasmFunction.class) {
            mv.visitTypeInsn(CHECKCAST, FUNCTION);
        }
    }

    private void loadTable(int index) {
        ctx.loadSelf();
        mv.visitFieldInsn(GETFIELD, ctx.layout.className(), ctx.layout.tableField(index), TABLE);
    }
}
