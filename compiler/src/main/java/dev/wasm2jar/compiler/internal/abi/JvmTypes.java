package dev.wasm2jar.compiler.internal.abi;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** How wasm types look on the JVM: descriptors, and the load, store and return opcodes for each. */
public final class JvmTypes {
    private JvmTypes() {}

    public static Type type(ValueType t) {
        return Type.getType(t.javaType());
    }

    public static String descriptor(ValueType t) {
        return type(t).getDescriptor();
    }

    /** Slots a value takes in locals and on the stack: 2 for i64 and f64. */
    public static int size(ValueType t) {
        return t == ValueType.I64 || t == ValueType.F64 ? 2 : 1;
    }

    public static int load(ValueType t) {
        return type(t).getOpcode(Opcodes.ILOAD);
    }

    public static int store(ValueType t) {
        return type(t).getOpcode(Opcodes.ISTORE);
    }

    public static Type resultType(List<ValueType> results) {
        return Type.getType(FunctionType.resultJavaType(results));
    }

    /** The descriptor of a compiled function: its parameters, then the instance, returning its results. */
    public static String functionDescriptor(FunctionType type, String instanceInternalName) {
        return descriptor(type.params(), List.of(Type.getObjectType(instanceInternalName)), type.results());
    }

    /** A descriptor of {@code params}, then {@code extra}, returning the JVM form of {@code results}. */
    public static String descriptor(List<ValueType> params, List<Type> extra, List<ValueType> results) {
        Type[] args = new Type[params.size() + extra.size()];
        for (int i = 0; i < params.size(); i++) {
            args[i] = type(params.get(i));
        }
        for (int i = 0; i < extra.size(); i++) {
            args[params.size() + i] = extra.get(i);
        }
        return Type.getMethodDescriptor(resultType(results), args);
    }
}
