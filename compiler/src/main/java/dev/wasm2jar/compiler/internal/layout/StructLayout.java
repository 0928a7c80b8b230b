package dev.wasm2jar.compiler.internal.layout;

import static org.objectweb.asm.Opcodes.I2B;
import static org.objectweb.asm.Opcodes.I2S;

import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.model.TypeDefinitions;
import dev.wasm2jar.runtime.abi.GcType;
import java.util.List;
import org.objectweb.asm.MethodVisitor;

/**
 * How struct types look on the JVM, for the class writer and the translator alike: each field's descriptor, and the
 * static factory {@code make(fields..., GcType)} that {@code struct.new} calls.
 */
public final class StructLayout {
    /** The name of a struct class's factory. */
    public static final String FACTORY = "make";

    private StructLayout() {}

    /** The JVM descriptor of a struct field or array element: its value type's, {@code B} for i8, {@code S} for i16. */
    public static String descriptor(TypeDefinitions.Field f) {
        return f.packed() == GcType.I8 ? "B" : f.packed() == GcType.I16 ? "S" : JvmTypes.descriptor(f.type());
    }

    /** {@code (fields..., GcType)StructClass}: what {@code struct.new} leaves on the stack, and the type. */
    public static String factoryDescriptor(String structClass, List<TypeDefinitions.Field> fields) {
        StringBuilder sb = new StringBuilder("(");
        for (TypeDefinitions.Field f : fields) {
            sb.append(JvmTypes.descriptor(f.type()));
        }
        return sb.append(RuntimeTypes.GC_TYPE).append(")L").append(structClass).append(';').toString();
    }

    /** Truncates an i32 to the packed field it is stored in. */
    public static void narrow(MethodVisitor mv, TypeDefinitions.Field f) {
        if (f.packed() == GcType.I8) {
            mv.visitInsn(I2B);
        } else if (f.packed() == GcType.I16) {
            mv.visitInsn(I2S);
        }
    }
}
