package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.classfile.JvmTypes;
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
    private static final String OPS = "dev/wasm2jar/runtime/abi/MemoryOps";
    private static final String LINKAGE = "dev/wasm2jar/runtime/abi/Linkage";

    private final FunctionTranslator t;
    private final MethodVisitor mv;

    MemoryEmitter(FunctionTranslator t) {
        this.t = t;
        this.mv = t.mv;
    }

    boolean emit(Instruction in) {
        Op op = in.op();
        switch (op) {
            case I32_LOAD -> load(in, "i32Load", ValueType.I32);
            case I64_LOAD -> load(in, "i64Load", ValueType.I64);
            case F32_LOAD -> load(in, "f32Load", ValueType.F32);
            case F64_LOAD -> load(in, "f64Load", ValueType.F64);
            case I32_LOAD8_S -> load(in, "i32Load8S", ValueType.I32);
            case I32_LOAD8_U -> load(in, "i32Load8U", ValueType.I32);
            case I32_LOAD16_S -> load(in, "i32Load16S", ValueType.I32);
            case I32_LOAD16_U -> load(in, "i32Load16U", ValueType.I32);
            case I64_LOAD8_S -> load(in, "i64Load8S", ValueType.I64);
            case I64_LOAD8_U -> load(in, "i64Load8U", ValueType.I64);
            case I64_LOAD16_S -> load(in, "i64Load16S", ValueType.I64);
            case I64_LOAD16_U -> load(in, "i64Load16U", ValueType.I64);
            case I64_LOAD32_S -> load(in, "i64Load32S", ValueType.I64);
            case I64_LOAD32_U -> load(in, "i64Load32U", ValueType.I64);
            case I32_STORE -> store(in, "i32Store", ValueType.I32);
            case I64_STORE -> store(in, "i64Store", ValueType.I64);
            case F32_STORE -> store(in, "f32Store", ValueType.F32);
            case F64_STORE -> store(in, "f64Store", ValueType.F64);
            case I32_STORE8 -> store(in, "i32Store8", ValueType.I32);
            case I32_STORE16 -> store(in, "i32Store16", ValueType.I32);
            case I64_STORE8 -> store(in, "i64Store8", ValueType.I64);
            case I64_STORE16 -> store(in, "i64Store16", ValueType.I64);
            case I64_STORE32 -> store(in, "i64Store32", ValueType.I64);
            case MEMORY_SIZE -> {
                requireMemory(in.intOperand(0));
                t.loadMemoryBytes();
                mv.visitMethodInsn(INVOKESTATIC, OPS, "size", "([B)I", false);
                t.stack.push(ValueType.I32);
            }
            case MEMORY_GROW -> {
                requireMemory(in.intOperand(0));
                t.loadSelf();
                mv.visitFieldInsn(GETFIELD, t.layout.className(), t.layout.memoryField(0),
                        "Ldev/wasm2jar/runtime/Memory;");
                mv.visitMethodInsn(INVOKESTATIC, OPS, "grow", "(ILdev/wasm2jar/runtime/Memory;)I", false);
                t.reloadMemory();
            }
            case MEMORY_FILL -> {
                requireMemory(in.intOperand(0));
                t.loadMemoryBytes();
                mv.visitMethodInsn(INVOKESTATIC, OPS, "fill", "(III[B)V", false);
                t.stack.pop(3);
            }
            case MEMORY_COPY -> {
                requireMemory(in.intOperand(0));
                requireMemory(in.intOperand(1));
                t.loadMemoryBytes();
                mv.visitMethodInsn(INVOKESTATIC, OPS, "copy", "(III[B)V", false);
                t.stack.pop(3);
            }
            case MEMORY_INIT -> {
                requireMemory(in.intOperand(1));
                t.loadMemoryBytes();
                t.loadLink();
                t.pushInt(in.intOperand(0));
                mv.visitMethodInsn(INVOKEVIRTUAL, LINKAGE, "data", "(I)[B", false);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "init", "(III[B[B)V", false);
                t.stack.pop(3);
            }
            case DATA_DROP -> {
                t.loadLink();
                t.pushInt(in.intOperand(0));
                mv.visitMethodInsn(INVOKEVIRTUAL, LINKAGE, "dropData", "(I)V", false);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void load(Instruction in, String helper, ValueType result) {
        requireMemory(in.intOperand(2));
        t.loadMemoryBytes();
        t.pushInt((int) in.operand(1));
        mv.visitMethodInsn(INVOKESTATIC, OPS, helper, "(I[BI)" + JvmTypes.descriptor(result), false);
        t.stack.pop();
        t.stack.push(result);
    }

    private void store(Instruction in, String helper, ValueType value) {
        requireMemory(in.intOperand(2));
        t.loadMemoryBytes();
        t.pushInt((int) in.operand(1));
        mv.visitMethodInsn(INVOKESTATIC, OPS, helper, "(I" + JvmTypes.descriptor(value) + "[BI)V", false);
        t.stack.pop(2);
    }

    private void requireMemory(int index) {
        if (index != 0 || !t.layout.hasMemory()) {
            throw new InvalidException("unknown memory " + index);
        }
    }
}
