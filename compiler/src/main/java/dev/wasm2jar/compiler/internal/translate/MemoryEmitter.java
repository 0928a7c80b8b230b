package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.ValueType;
import org.objectweb.asm.MethodVisitor;

/**
 * Loads, stores and the memory instructions, as calls to {@code MemoryOps} with the memory's byte array from its
 * local. The helpers are a few bytes each, so HotSpot inlines them and the access is a bounds-checked array access.
 */
final class MemoryEmitter {
    private final FunctionTranslator t;
    private final MethodVisitor mv;

    MemoryEmitter(FunctionTranslator t) {
        this.t = t;
        this.mv = t.mv;
    }

    boolean emit(Instruction in) {
        Op op = in.op();
        switch (op) {
            case I32_LOAD -> load(in, Builtin.I32_LOAD, ValueType.I32);
            case I64_LOAD -> load(in, Builtin.I64_LOAD, ValueType.I64);
            case F32_LOAD -> load(in, Builtin.F32_LOAD, ValueType.F32);
            case F64_LOAD -> load(in, Builtin.F64_LOAD, ValueType.F64);
            case I32_LOAD8_S -> load(in, Builtin.I32_LOAD8_S, ValueType.I32);
            case I32_LOAD8_U -> load(in, Builtin.I32_LOAD8_U, ValueType.I32);
            case I32_LOAD16_S -> load(in, Builtin.I32_LOAD16_S, ValueType.I32);
            case I32_LOAD16_U -> load(in, Builtin.I32_LOAD16_U, ValueType.I32);
            case I64_LOAD8_S -> load(in, Builtin.I64_LOAD8_S, ValueType.I64);
            case I64_LOAD8_U -> load(in, Builtin.I64_LOAD8_U, ValueType.I64);
            case I64_LOAD16_S -> load(in, Builtin.I64_LOAD16_S, ValueType.I64);
            case I64_LOAD16_U -> load(in, Builtin.I64_LOAD16_U, ValueType.I64);
            case I64_LOAD32_S -> load(in, Builtin.I64_LOAD32_S, ValueType.I64);
            case I64_LOAD32_U -> load(in, Builtin.I64_LOAD32_U, ValueType.I64);
            case I32_STORE -> store(in, Builtin.I32_STORE, ValueType.I32);
            case I64_STORE -> store(in, Builtin.I64_STORE, ValueType.I64);
            case F32_STORE -> store(in, Builtin.F32_STORE, ValueType.F32);
            case F64_STORE -> store(in, Builtin.F64_STORE, ValueType.F64);
            case I32_STORE8 -> store(in, Builtin.I32_STORE8, ValueType.I32);
            case I32_STORE16 -> store(in, Builtin.I32_STORE16, ValueType.I32);
            case I64_STORE8 -> store(in, Builtin.I64_STORE8, ValueType.I64);
            case I64_STORE16 -> store(in, Builtin.I64_STORE16, ValueType.I64);
            case I64_STORE32 -> store(in, Builtin.I64_STORE32, ValueType.I64);
            case MEMORY_SIZE -> {
                requireMemory(in.intOperand(0));
                t.loadMemoryBytes();
                Builtin.MEMORY_SIZE.invoke(mv);
                t.stack.push(ValueType.I32);
            }
            case MEMORY_GROW -> {
                requireMemory(in.intOperand(0));
                t.loadSelf();
                mv.visitFieldInsn(GETFIELD, t.layout.className(), t.layout.memoryField(0),
                        RuntimeTypes.MEMORY);
                Builtin.MEMORY_GROW.invoke(mv);
                t.reloadMemory();
            }
            case MEMORY_FILL -> {
                requireMemory(in.intOperand(0));
                t.loadMemoryBytes();
                Builtin.MEMORY_FILL.invoke(mv);
                t.stack.pop(3);
            }
            case MEMORY_COPY -> {
                requireMemory(in.intOperand(0));
                requireMemory(in.intOperand(1));
                t.loadMemoryBytes();
                Builtin.MEMORY_COPY.invoke(mv);
                t.stack.pop(3);
            }
            case MEMORY_INIT -> {
                requireMemory(in.intOperand(1));
                t.loadMemoryBytes();
                t.loadLink();
                t.pushInt(in.intOperand(0));
                Builtin.LINK_DATA.invoke(mv);
                Builtin.MEMORY_INIT.invoke(mv);
                t.stack.pop(3);
            }
            case DATA_DROP -> {
                t.loadLink();
                t.pushInt(in.intOperand(0));
                Builtin.LINK_DROP_DATA.invoke(mv);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void load(Instruction in, Builtin helper, ValueType result) {
        requireMemory(in.intOperand(2));
        t.loadMemoryBytes();
        t.pushInt((int) in.operand(1));
        helper.invoke(mv);
        t.stack.pop();
        t.stack.push(result);
    }

    private void store(Instruction in, Builtin helper, ValueType value) {
        requireMemory(in.intOperand(2));
        t.loadMemoryBytes();
        t.pushInt((int) in.operand(1));
        helper.invoke(mv);
        t.stack.pop(2);
    }

    private void requireMemory(int index) {
        if (index != 0 || !t.layout.hasMemory()) {
            throw new InvalidException("unknown memory " + index);
        }
    }
}
