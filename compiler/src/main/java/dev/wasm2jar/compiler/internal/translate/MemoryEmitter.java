package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.ValueType;
import java.util.EnumMap;
import java.util.Map;

/**
 * Scalar loads and stores, memory size and growth, bulk memory and data segments, through the {@link MemoryAccess}
 * of the memory each instruction names. Immediates of an access: {@code [align, offset, memory]}.
 */
final class MemoryEmitter implements Emitter {
    /** The type each load produces and each store consumes. */
    private static final Map<Op, ValueType> VALUES = new EnumMap<>(Op.class);

    static {
        for (Op op : new Op[] {Op.I32_LOAD, Op.I32_LOAD8_S, Op.I32_LOAD8_U, Op.I32_LOAD16_S, Op.I32_LOAD16_U,
            Op.I32_STORE, Op.I32_STORE8, Op.I32_STORE16}) {
            VALUES.put(op, ValueType.I32);
        }
        for (Op op : new Op[] {Op.I64_LOAD, Op.I64_LOAD8_S, Op.I64_LOAD8_U, Op.I64_LOAD16_S, Op.I64_LOAD16_U,
            Op.I64_LOAD32_S, Op.I64_LOAD32_U, Op.I64_STORE, Op.I64_STORE8, Op.I64_STORE16, Op.I64_STORE32}) {
            VALUES.put(op, ValueType.I64);
        }
        VALUES.put(Op.F32_LOAD, ValueType.F32);
        VALUES.put(Op.F32_STORE, ValueType.F32);
        VALUES.put(Op.F64_LOAD, ValueType.F64);
        VALUES.put(Op.F64_STORE, ValueType.F64);
    }

    private final EmitContext ctx;
    private final MemoryAccess memory;
    private final ValueStack stack;

    MemoryEmitter(EmitContext ctx) {
        this.ctx = ctx;
        this.memory = ctx.memory;
        this.stack = ctx.stack;
    }

    @Override
    public void emit(Instruction in) {
        switch (in.op()) {
            case I32_LOAD, I64_LOAD, F32_LOAD, F64_LOAD, I32_LOAD8_S, I32_LOAD8_U, I32_LOAD16_S, I32_LOAD16_U,
                    I64_LOAD8_S, I64_LOAD8_U, I64_LOAD16_S, I64_LOAD16_U, I64_LOAD32_S, I64_LOAD32_U -> {
                memory.load(in.op(), in.intOperand(2), in.operand(1));
                stack.pop();
                stack.push(VALUES.get(in.op()));
            }
            case I32_STORE, I64_STORE, F32_STORE, F64_STORE, I32_STORE8, I32_STORE16, I64_STORE8, I64_STORE16,
                    I64_STORE32 -> {
                memory.store(in.op(), in.intOperand(2), in.operand(1));
                stack.pop(2);
            }
            case MEMORY_SIZE -> {
                memory.size(in.intOperand(0));
                stack.push(memory.addressType(in.intOperand(0)));
            }
            case MEMORY_GROW -> {
                memory.grow(in.intOperand(0));
                stack.pop();
                stack.push(memory.addressType(in.intOperand(0)));
            }
            case MEMORY_FILL -> {
                memory.fill(in.intOperand(0));
                stack.pop(3);
            }
            case MEMORY_COPY -> {
                memory.copy(in.intOperand(0), in.intOperand(1));
                stack.pop(3);
            }
            case MEMORY_INIT -> {
                memory.init(in.intOperand(1), in.intOperand(0));
                stack.pop(3);
            }
            case DATA_DROP -> {
                ctx.loadLink();
                ctx.pushInt(in.intOperand(0));
                Builtin.LINK_DROP_DATA.invoke(ctx.mv);
            }
            default -> throw Emitter.unsupported(in);
        }
    }
}
