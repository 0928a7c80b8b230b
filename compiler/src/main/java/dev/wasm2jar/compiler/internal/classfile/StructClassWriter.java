package dev.wasm2jar.compiler.internal.classfile;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.layout.ModuleLayout;
import dev.wasm2jar.compiler.internal.layout.Names;
import dev.wasm2jar.compiler.internal.layout.StructLayout;
import dev.wasm2jar.compiler.internal.model.JvmLimitException;
import dev.wasm2jar.compiler.internal.model.TypeDefinitions;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the class of one struct type: a JVM field per wasm field, typed as the field is (i8 a {@code byte}, i16 a
 * {@code short}, references {@code Object} or {@code WasmFunction}), so that {@code struct.get} and {@code struct.set}
 * are one {@code getfield} or {@code putfield}.
 *
 * <pre>
 * public class Module$Struct3 extends Module$Struct1 {    // its declared supertype's class, else GcStruct
 *   public int f2;  public Object f3;                      // the fields beyond the supertype's
 *   public Module$Struct3(GcType type)                     // struct.new_default
 *   public static Module$Struct3 make(int f0, long f1, int f2, Object f3, GcType type)   // struct.new
 * }
 * </pre>
 */
public final class StructClassWriter {
    /** The JVM's limit on a method's parameter slots, less the type. */
    private static final int MAX_FIELD_SLOTS = 254;

    private StructClassWriter() {}

    /** The class of struct type {@code typeIndex} of the layout. */
    public static byte[] write(ModuleLayout layout, int typeIndex) {
        TypeDefinitions types = layout.model().definitions();
        TypeDefinitions.Definition d = types.type(typeIndex);
        String name = layout.structClass(typeIndex);
        int inherited = d.supertype() < 0 ? 0 : types.type(d.supertype()).fields().size();
        String superclass = d.supertype() < 0 ? RuntimeTypes.GC_STRUCT_CLASS : layout.structClass(d.supertype());
        ClassWriter cw = ModuleClassWriter.newClassWriter();
        cw.visit(V21, ACC_PUBLIC | ACC_SUPER, name, null, superclass, null);
        List<TypeDefinitions.Field> fields = d.fields();
        for (int i = inherited; i < fields.size(); i++) {
            cw.visitField(ACC_PUBLIC, Names.field(i), StructLayout.descriptor(fields.get(i)), null, null)
                    .visitEnd();
        }
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(" + RuntimeTypes.GC_TYPE + ")V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitMethodInsn(INVOKESPECIAL, superclass, "<init>", Builtin.GC_STRUCT.descriptor(), false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        factory(cw, name, fields);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void factory(ClassWriter cw, String name, List<TypeDefinitions.Field> fields) {
        int slots = 0;
        for (TypeDefinitions.Field f : fields) {
            slots += JvmTypes.size(f.type());
        }
        if (slots > MAX_FIELD_SLOTS) {
            throw new JvmLimitException("a struct type with " + fields.size() + " fields needs " + slots
                    + " JVM parameter slots to be made; wasm2jar compiles up to " + MAX_FIELD_SLOTS);
        }
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, StructLayout.FACTORY, StructLayout.factoryDescriptor(name, fields), null,
                null);
        mv.visitCode();
        mv.visitTypeInsn(NEW, name);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ALOAD, slots);
        mv.visitMethodInsn(INVOKESPECIAL, name, "<init>", "(" + RuntimeTypes.GC_TYPE + ")V", false);
        int slot = 0;
        for (int i = 0; i < fields.size(); i++) {
            TypeDefinitions.Field f = fields.get(i);
            mv.visitInsn(DUP);
            mv.visitVarInsn(JvmTypes.load(f.type()), slot);
            StructLayout.narrow(mv, f);
            mv.visitFieldInsn(PUTFIELD, name, Names.field(i), StructLayout.descriptor(f));
            slot += JvmTypes.size(f.type());
        }
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
