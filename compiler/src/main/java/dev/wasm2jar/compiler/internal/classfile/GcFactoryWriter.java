package dev.wasm2jar.compiler.internal.classfile;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.layout.ModuleLayout;
import dev.wasm2jar.compiler.internal.layout.Names;
import dev.wasm2jar.compiler.internal.layout.StructLayout;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.compiler.internal.model.TypeDefinitions;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.ConstExpr;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * What the class of a module with GC types has besides its functions: the static {@code GcType[] gcTypes} that its
 * static initializer gets from the runtime ({@code GcOps.types}), and the two methods of {@code GcFactory} with which
 * the runtime makes structs and arrays for constant expressions.
 */
final class GcFactoryWriter {
    /** A string constant holds at most 65,535 bytes of modified UTF-8; the description is ASCII. */
    private static final int CHUNK = 60_000;

    private GcFactoryWriter() {}

    static void write(ClassWriter cw, ModuleLayout layout) {
        String name = layout.className();
        cw.visitField(ACC_PUBLIC | ACC_STATIC | ACC_FINAL, Names.GC_TYPES, RuntimeTypes.GC_TYPE_ARRAY, null, null)
                .visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, Builtin.GC_TYPE.method(), Builtin.GC_TYPE.descriptor(), null,
                null);
        mv.visitCode();
        mv.visitFieldInsn(GETSTATIC, name, Names.GC_TYPES, RuntimeTypes.GC_TYPE_ARRAY);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitInsn(AALOAD);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        newStruct(cw, layout);
    }

    /** {@code gcTypes = GcOps.types("...")}. */
    static void initTypes(MethodVisitor mv, ModuleLayout layout) {
        String description = layout.model().definitions().description();
        mv.visitLdcInsn(description.substring(0, Math.min(CHUNK, description.length())));
        for (int at = CHUNK; at < description.length(); at += CHUNK) {
            mv.visitLdcInsn(description.substring(at, Math.min(at + CHUNK, description.length())));
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;",
                    false);
        }
        Builtin.GC_TYPES.invoke(mv);
        mv.visitFieldInsn(PUTSTATIC, layout.className(), Names.GC_TYPES, RuntimeTypes.GC_TYPE_ARRAY);
    }

    /**
     * The struct types that constant expressions make (global initializers, table initializers, element items): the
     * only ones the runtime asks {@code newStruct} for, so that its switch stays small in a module of thousands.
     */
    private static java.util.SortedSet<Integer> constantStructs(ModuleModel model) {
        List<ConstExpr> exprs = new ArrayList<>();
        model.globals().forEach(g -> exprs.add(g.init()));
        model.tables().forEach(t -> exprs.add(t.init()));
        model.elements().forEach(e -> exprs.addAll(e.items()));
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        for (ConstExpr e : exprs) {
            for (int i = 0; e != null && i < e.ops().length; i++) {
                if (e.ops()[i] == ConstExpr.STRUCT_NEW || e.ops()[i] == ConstExpr.STRUCT_NEW_DEFAULT) {
                    out.add((int) e.args()[i]);
                }
            }
        }
        return out;
    }

    /** {@code newStruct(typeIndex, fields)}: a switch over the struct types constants make, each unboxing its fields. */
    private static void newStruct(ClassWriter cw, ModuleLayout layout) {
        TypeDefinitions types = layout.model().definitions();
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, Builtin.GC_NEW_STRUCT.method(),
                Builtin.GC_NEW_STRUCT.descriptor(), null, null);
        mv.visitCode();
        List<Integer> structs = new ArrayList<>(constantStructs(layout.model()));
        Label fail = new Label();
        Label[] cases = new Label[structs.size()];
        int[] keys = new int[structs.size()];
        for (int k = 0; k < cases.length; k++) {
            cases[k] = new Label();
            keys[k] = structs.get(k);
        }
        mv.visitVarInsn(ILOAD, 1);
        mv.visitLookupSwitchInsn(fail, keys, cases);
        for (int k = 0; k < cases.length; k++) {
            int typeIndex = keys[k];
            String struct = layout.structClass(typeIndex);
            List<TypeDefinitions.Field> fields = types.type(typeIndex).fields();
            mv.visitLabel(cases[k]);
            Label full = new Label();
            mv.visitVarInsn(ALOAD, 2);
            mv.visitJumpInsn(IFNONNULL, full);
            mv.visitTypeInsn(NEW, struct);
            mv.visitInsn(DUP);
            loadType(mv, layout, typeIndex);
            mv.visitMethodInsn(INVOKESPECIAL, struct, "<init>", "(" + RuntimeTypes.GC_TYPE + ")V", false);
            mv.visitInsn(ARETURN);
            mv.visitLabel(full);
            for (int i = 0; i < fields.size(); i++) {
                mv.visitVarInsn(ALOAD, 2);
                mv.visitLdcInsn(i);
                mv.visitInsn(AALOAD);
                unbox(mv, fields.get(i).type());
            }
            loadType(mv, layout, typeIndex);
            mv.visitMethodInsn(INVOKESTATIC, struct, StructLayout.FACTORY,
                    StructLayout.factoryDescriptor(struct, fields), false);
            mv.visitInsn(ARETURN);
        }
        mv.visitLabel(fail);
        mv.visitTypeInsn(NEW, "java/lang/IllegalArgumentException");
        mv.visitInsn(DUP);
        mv.visitLdcInsn("not a struct type");
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalArgumentException", "<init>", "(Ljava/lang/String;)V",
                false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Pushes {@code gcTypes[typeIndex]}. */
    static void loadType(MethodVisitor mv, ModuleLayout layout, int typeIndex) {
        mv.visitFieldInsn(GETSTATIC, layout.className(), Names.GC_TYPES, RuntimeTypes.GC_TYPE_ARRAY);
        mv.visitLdcInsn(typeIndex);
        mv.visitInsn(AALOAD);
    }

    private static void unbox(MethodVisitor mv, ValueType t) {
        switch (t.kind()) {
            case I32 -> {
                mv.visitTypeInsn(CHECKCAST, "java/lang/Integer");
                Builtin.INTEGER_UNBOX.invoke(mv);
            }
            case I64 -> {
                mv.visitTypeInsn(CHECKCAST, "java/lang/Long");
                Builtin.LONG_UNBOX.invoke(mv);
            }
            case F32 -> {
                mv.visitTypeInsn(CHECKCAST, "java/lang/Float");
                Builtin.FLOAT_UNBOX.invoke(mv);
            }
            case F64 -> {
                mv.visitTypeInsn(CHECKCAST, "java/lang/Double");
                Builtin.DOUBLE_UNBOX.invoke(mv);
            }
            case REF -> {
                if (t.javaType() != Object.class) {
                    mv.visitTypeInsn(CHECKCAST, org.objectweb.asm.Type.getInternalName(t.javaType()));
                }
            }
            case V128 -> mv.visitTypeInsn(CHECKCAST, RuntimeTypes.V128_CLASS);
        }
    }
}
