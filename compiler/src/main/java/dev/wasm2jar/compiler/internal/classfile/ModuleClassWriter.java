package dev.wasm2jar.compiler.internal.classfile;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.TypeCodec;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the module class: its fields (linkage, memories, tables, globals, import handles), the constructor that
 * takes a {@code Linkage}, {@code initGlobals}, one static method per function, and the stubs for imported functions
 * and indirect calls.
 *
 * <pre>
 * public final class Module {
 *   public final Linkage link;  Memory memory0;  Table table0;  MethodHandle import0;  int global0;  Global global1 ...
 *   public Module(Linkage)                          // copies memories, tables, import handles
 *   public void initGlobals()                       // reads initial values once the runtime evaluated them
 *   public static int f3_fib(int n, Module self)    // one per defined function
 *   public static int callImport0(int, Module)      // invokes import0
 *   public static int callIndirect2_0(int, int index, Module)  // checks and invokes table0[index]
 * }
 * </pre>
 */
public final class ModuleClassWriter {
    private static final String LINKAGE = "dev/wasm2jar/runtime/abi/Linkage";
    private static final String MEMORY = "Ldev/wasm2jar/runtime/Memory;";
    private static final String TABLE = "Ldev/wasm2jar/runtime/Table;";
    private static final String GLOBAL = "Ldev/wasm2jar/runtime/Global;";
    private static final String HANDLE = "Ljava/lang/invoke/MethodHandle;";
    private static final String FUNCTION_TYPE = "Ldev/wasm2jar/runtime/FunctionType;";

    private final ModuleLayout layout;
    private final ModuleModel model;
    private final ClassWriter cw;
    private final String name;
    private final FunctionWriter functions;

    public ModuleClassWriter(ModuleLayout layout, java.util.Map<Integer, Integer> targets, Runnable functionDone) {
        this.layout = layout;
        this.model = layout.model();
        this.name = layout.className();
        this.cw = newClassWriter();
        this.functions = new FunctionWriter(layout, cw, targets, functionDone);
    }

    static ClassWriter newClassWriter() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // Generated code only merges its own reference types, whose common type is Object.
                return a.equals(b) ? a : "java/lang/Object";
            }
        };
    }

    /**
     * Writes class {@code classIndex} (not 0) of the layout: a holder of static function methods. Runs before the
     * module class, which then gets the indirect-call stubs these functions asked for.
     */
    public static byte[] writeFunctionClass(ModuleLayout layout, int classIndex, java.util.Map<Integer, Integer> targets,
            Runnable functionDone) {
        ClassWriter cw = newClassWriter();
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, layout.classes().get(classIndex), null, "java/lang/Object",
                null);
        cw.visitSource("module.wasm", null);
        FunctionWriter writer = new FunctionWriter(layout, cw, targets, functionDone);
        for (int function : layout.functionsOfClass(classIndex)) {
            writer.write(function);
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Writes the class, translating every function with {@code bodies}; returns the class file. */
    public byte[] write() {
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
        cw.visitSource("module.wasm", null);
        fields();
        constructor();
        initGlobals();
        for (int i = 0; i < layout.importedFunctions(); i++) {
            importStub(i);
        }
        for (int function : layout.functionsOfClass(0)) {
            functions.write(function);
        }
        for (int[] stub : layout.callIndirectStubs()) {
            callIndirectStub(stub[0], stub[1]);
        }
        staticInit();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private void fields() {
        cw.visitField(ACC_PUBLIC | ACC_FINAL, Names.LINK, "L" + LINKAGE + ";", null, null).visitEnd();
        for (int i = 0; i < layout.memoryCount(); i++) {
            cw.visitField(ACC_PUBLIC | ACC_FINAL, layout.memoryField(i), MEMORY, null, null).visitEnd();
        }
        for (int i = 0; i < layout.tableCount(); i++) {
            cw.visitField(ACC_PUBLIC | ACC_FINAL, layout.tableField(i), TABLE, null, null).visitEnd();
        }
        for (int i = 0; i < layout.importedFunctions(); i++) {
            cw.visitField(ACC_PUBLIC | ACC_FINAL, Names.importHandle(i), HANDLE, null, null).visitEnd();
        }
        for (int i = 0; i < layout.globalCount(); i++) {
            String descriptor = layout.isSharedGlobal(i) ? GLOBAL : JvmTypes.descriptor(layout.globalType(i));
            cw.visitField(ACC_PUBLIC, layout.globalField(i), descriptor, null, null).visitEnd();
        }
    }

    private void constructor() {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "(L" + LINKAGE + ";)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitFieldInsn(PUTFIELD, name, Names.LINK, "L" + LINKAGE + ";");
        copyArray(mv, "memories", "[Ldev/wasm2jar/runtime/Memory;", layout.memoryCount(), layout::memoryField, MEMORY);
        copyArray(mv, "tables", "[Ldev/wasm2jar/runtime/Table;", layout.tableCount(), layout::tableField, TABLE);
        copyArray(mv, "importedFunctions", "[Ljava/lang/invoke/MethodHandle;", layout.importedFunctions(),
                Names::importHandle, HANDLE);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void copyArray(MethodVisitor mv, String linkField, String arrayDescriptor, int count,
            java.util.function.IntFunction<String> field, String fieldDescriptor) {
        for (int i = 0; i < count; i++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitFieldInsn(GETFIELD, LINKAGE, linkField, arrayDescriptor);
            mv.visitLdcInsn(i);
            mv.visitInsn(AALOAD);
            mv.visitFieldInsn(PUTFIELD, name, field.apply(i), fieldDescriptor);
        }
    }

    private void initGlobals() {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, Names.INIT_GLOBALS, "()V", null, null);
        mv.visitCode();
        for (int i = 0; i < layout.globalCount(); i++) {
            ValueType t = layout.globalType(i);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, name, Names.LINK, "L" + LINKAGE + ";");
            mv.visitFieldInsn(GETFIELD, LINKAGE, "globals", "[Ldev/wasm2jar/runtime/Global;");
            mv.visitLdcInsn(i);
            mv.visitInsn(AALOAD);
            if (!layout.isSharedGlobal(i)) {
                String getter = switch (t.kind()) {
                    case I32 -> "getI32";
                    case I64 -> "getI64";
                    case F32 -> "getF32";
                    case F64 -> "getF64";
                    case V128 -> "getV128";
                    default -> "getRef";
                };
                String type = t.isReference() ? "Ljava/lang/Object;" : JvmTypes.descriptor(t);
                mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/runtime/Global", getter, "()" + type, false);
                if (t == ValueType.FUNCREF) {
                    mv.visitTypeInsn(CHECKCAST, "dev/wasm2jar/runtime/WasmFunction");
                }
                mv.visitFieldInsn(PUTFIELD, name, layout.globalField(i), JvmTypes.descriptor(t));
            } else {
                mv.visitFieldInsn(PUTFIELD, name, layout.globalField(i), GLOBAL);
            }
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code callImportN(params..., self)}: invokes the imported function's handle. */
    private void importStub(int index) {
        FunctionType type = model.functionType(index);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, Names.importStub(index),
                layout.functionDescriptor(type), null, null);
        mv.visitCode();
        int self = slots(type.params());
        mv.visitVarInsn(ALOAD, self);
        mv.visitFieldInsn(GETFIELD, name, Names.importHandle(index), HANDLE);
        loadParams(mv, type.params());
        invokeExactAndReturn(mv, type);
    }

    /** {@code callIndirectT_K(params..., index, self)}: looks the callee up in table K, checks type T, invokes it. */
    private void callIndirectStub(int typeIndex, int table) {
        FunctionType type = model.types().get(typeIndex);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, Names.callIndirectStub(typeIndex, table),
                layout.callIndirectDescriptor(type), null, null);
        mv.visitCode();
        int indexSlot = slots(type.params());
        mv.visitVarInsn(ILOAD, indexSlot);
        mv.visitVarInsn(ALOAD, indexSlot + 1);
        mv.visitFieldInsn(GETFIELD, name, layout.tableField(table), TABLE);
        mv.visitFieldInsn(GETSTATIC, name, Names.typeConstant(typeIndex), FUNCTION_TYPE);
        mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/runtime/abi/TableOps", "function",
                "(I" + TABLE + FUNCTION_TYPE + ")" + HANDLE, false);
        loadParams(mv, type.params());
        invokeExactAndReturn(mv, type);
    }

    private void invokeExactAndReturn(MethodVisitor mv, FunctionType type) {
        String descriptor = JvmTypes.descriptor(type.params(), List.of(), type.results());
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", descriptor, false);
        mv.visitInsn(JvmTypes.resultType(type.results()).getOpcode(IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void staticInit() {
        List<int[]> stubs = layout.callIndirectStubs();
        java.util.Set<Integer> types = new java.util.TreeSet<>();
        stubs.forEach(s -> types.add(s[0]));
        if (types.isEmpty()) {
            return;
        }
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        for (int typeIndex : types) {
            cw.visitField(ACC_STATIC | ACC_FINAL, Names.typeConstant(typeIndex), FUNCTION_TYPE, null, null).visitEnd();
            mv.visitLdcInsn(TypeCodec.toConstant(model.types().get(typeIndex)));
            mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/runtime/abi/TypeCodec", "functionType",
                    "(Ljava/lang/String;)" + FUNCTION_TYPE, false);
            mv.visitFieldInsn(PUTSTATIC, name, Names.typeConstant(typeIndex), FUNCTION_TYPE);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static int slots(List<ValueType> types) {
        int n = 0;
        for (ValueType t : types) {
            n += JvmTypes.size(t);
        }
        return n;
    }

    private static void loadParams(MethodVisitor mv, List<ValueType> params) {
        int slot = 0;
        for (ValueType t : params) {
            mv.visitVarInsn(JvmTypes.load(t), slot);
            slot += JvmTypes.size(t);
        }
    }
}
