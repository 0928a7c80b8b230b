package dev.wasm2jar.compiler.internal.classfile;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.layout.FixedTables;
import dev.wasm2jar.compiler.internal.layout.ModuleLayout;
import dev.wasm2jar.compiler.internal.layout.Names;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HostCall;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.Abi;
import dev.wasm2jar.runtime.abi.TypeCodec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Writes the module class: the ABI version it was compiled for, its fields (linkage, memories, tables, globals, import
 * handles), the constructor that takes a {@code Linkage}, {@code initGlobals} of {@code CompiledInstance}, one static
 * method per function, and the stubs for imported functions and indirect calls. Everything it calls in the runtime is
 * a {@link Builtin}.
 *
 * <pre>
 * public final class Module implements CompiledInstance {   // extends MeteredInstance when metered
 *   public static final int WASM2JAR_ABI = 3;
 *   public final Linkage link;  Memory memory0;  Table table0;  Object import0;  int global0;  Global global1 ...
 *   public Module(Linkage)                          // copies memories and tables
 *   public void initGlobals()                       // reads initial values once the runtime evaluated them
 *   public static int f3_fib(int n, Module self)    // one per defined function
 *   public static int callImport0(int, Module)      // calls import0 (a HostCall or a MethodHandle), asking the
 *                                                   // linkage for it on the first call
 *   public static int callIndirect2_0(int, int index, Module)  // checks and invokes table0[index]
 * }
 * </pre>
 */
public final class ModuleClassWriter {
    private static final String LINKAGE = RuntimeTypes.LINKAGE;
    private static final String MEMORY = RuntimeTypes.MEMORY;
    private static final String TABLE = RuntimeTypes.TABLE;
    private static final String GLOBAL = RuntimeTypes.GLOBAL;
    private static final String HANDLE = RuntimeTypes.METHOD_HANDLE;
    private static final String HANDLE_CLASS = "java/lang/invoke/MethodHandle";
    private static final String FUNCTION_TYPE = RuntimeTypes.FUNCTION_TYPE;
    /** How much code an indirect-call stub may spend on direct calls: far below the JIT's 8,000-byte limit. */
    private static final int DIRECT_CASE_BYTES = 3000;
    /**
     * A switch of at most this many cases calls each function through {@link #directCall}, so that C2 inlines every
     * one; with more, inlining them all spends the caller's inlining budget (measured in RATIONALE.md).
     */
    private static final int DIRECT_CALL_CASES = 8;

    private final ModuleLayout layout;
    private final ModuleModel model;
    private final ClassWriter cw;
    private final String name;
    private final FunctionWriter functions;
    /** The functions that have a {@link #directCall} method. */
    private final Set<Integer> directCalls = new HashSet<>();

    public ModuleClassWriter(ModuleLayout layout, java.util.Map<Integer, Integer> targets, Runnable functionDone) {
        this.layout = layout;
        this.model = layout.model();
        this.name = layout.className();
        this.cw = newClassWriter();
        this.functions = new FunctionWriter(layout, cw, name, targets, functionDone);
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
        FunctionWriter writer = new FunctionWriter(layout, cw, layout.classes().get(classIndex), targets, functionDone);
        for (int function : layout.functionsOfClass(classIndex)) {
            writer.write(function);
        }
        if (!writer.addends.isEmpty()) {
            MethodVisitor clinit = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
            clinit.visitCode();
            writer.addends.write(cw, clinit);
            clinit.visitInsn(RETURN);
            clinit.visitMaxs(0, 0);
            clinit.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Writes the class, translating every function with {@code bodies}; returns the class file. */
    public byte[] write() {
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, superclass(), model.hasGcTypes()
                ? new String[] {Builtin.INIT_GLOBALS.owner(), Builtin.GC_TYPE.owner()}
                : new String[] {Builtin.INIT_GLOBALS.owner()});
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
        for (int typeIndex : layout.callRefStubs()) {
            callRefStub(typeIndex, false);
        }
        for (int typeIndex : layout.tailCallRefStubs()) {
            callRefStub(typeIndex, true);
        }
        for (int[] stub : layout.callIndirectStubs()) {
            callIndirectStub(stub[0], stub[1], false);
        }
        for (int[] stub : layout.tailCallIndirectStubs()) {
            callIndirectStub(stub[0], stub[1], true);
        }
        if (layout.hasTailCalls()) {
            cw.visitField(ACC_PUBLIC, Names.TAIL_DEPTH, "I", null, null).visitEnd();
        }
        if (model.hasGcTypes()) {
            GcFactoryWriter.write(cw, layout);
        }
        staticInit();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** A metered module's instances keep the state of their polls in {@code MeteredInstance}. */
    private String superclass() {
        return layout.metered() ? Builtin.METERED_INSTANCE.owner() : "java/lang/Object";
    }

    private void fields() {
        cw.visitField(ACC_PUBLIC | ACC_STATIC | ACC_FINAL, Abi.VERSION_FIELD, "I", null, Abi.VERSION).visitEnd();
        cw.visitField(ACC_PUBLIC | ACC_FINAL, Names.LINK, LINKAGE, null, null).visitEnd();
        for (int i = 0; i < layout.memoryCount(); i++) {
            cw.visitField(ACC_PUBLIC | ACC_FINAL, layout.memoryField(i), MEMORY, null, null).visitEnd();
        }
        for (int i = 0; i < layout.tableCount(); i++) {
            cw.visitField(ACC_PUBLIC | ACC_FINAL, layout.tableField(i), TABLE, null, null).visitEnd();
        }
        for (int i = 0; i < layout.importedFunctions(); i++) {
            String descriptor = HostCall.fits(model.functionType(i)) ? "Ljava/lang/Object;" : HANDLE;
            cw.visitField(ACC_PUBLIC, Names.importHandle(i), descriptor, null, null).visitEnd();
        }
        for (int i = 0; i < layout.globalCount(); i++) {
            String descriptor = layout.isSharedGlobal(i) ? GLOBAL : JvmTypes.descriptor(layout.globalType(i));
            cw.visitField(ACC_PUBLIC, layout.globalField(i), descriptor, null, null).visitEnd();
        }
    }

    private void constructor() {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "(" + LINKAGE + ")V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        if (layout.metered()) {
            Builtin.METERED_INSTANCE.invoke(mv);
        } else {
            mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitFieldInsn(PUTFIELD, name, Names.LINK, LINKAGE);
        copy(mv, Builtin.LINK_MEMORY, layout.memoryCount(), layout::memoryField, MEMORY);
        copy(mv, Builtin.LINK_TABLE, layout.tableCount(), layout::tableField, TABLE);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Copies {@code count} things the linkage gives by index ({@code link.memory(i)} ...) into fields. */
    private void copy(MethodVisitor mv, Builtin accessor, int count, java.util.function.IntFunction<String> field,
            String fieldDescriptor) {
        for (int i = 0; i < count; i++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitLdcInsn(i);
            accessor.invoke(mv);
            mv.visitFieldInsn(PUTFIELD, name, field.apply(i), fieldDescriptor);
        }
    }

    private void initGlobals() {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, Builtin.INIT_GLOBALS.method(), Builtin.INIT_GLOBALS.descriptor(),
                null, null);
        mv.visitCode();
        for (int i = 0; i < layout.globalCount(); i++) {
            ValueType t = layout.globalType(i);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, name, Names.LINK, LINKAGE);
            mv.visitLdcInsn(i);
            Builtin.LINK_GLOBAL.invoke(mv);
            if (!layout.isSharedGlobal(i)) {
                globalValue(t).invoke(mv);
                if (t.isReference() && t.javaType() != Object.class) {
                    mv.visitTypeInsn(CHECKCAST, Type.getInternalName(t.javaType()));
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

    /**
     * {@code callImportN(params..., self)}: calls the imported function's code, which the first call asks the linkage
     * for and keeps in field {@code importN}. Host functions are made on first use, since a program calls few of the
     * functions it imports (wasmedge_quickjs: 45 imports, about 15 called by a hello world). An import whose type fits
     * a {@link HostCall} calls the host call directly when the linkage gives one (every value as a long), and the
     * exact method handle otherwise (another instance's function); other imports have a handle only.
     */
    private void importStub(int index) {
        FunctionType type = model.functionType(index);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, Names.importStub(index),
                layout.functionDescriptor(type), null, null);
        mv.visitCode();
        boolean fits = HostCall.fits(type);
        int self = slots(type.params());
        String field = Names.importHandle(index);
        String fieldType = fits ? "Ljava/lang/Object;" : HANDLE;
        Label ready = new Label();
        mv.visitVarInsn(ALOAD, self);
        mv.visitFieldInsn(GETFIELD, name, field, fieldType);
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNONNULL, ready);
        mv.visitInsn(POP);
        mv.visitVarInsn(ALOAD, self);
        mv.visitVarInsn(ALOAD, self);
        mv.visitFieldInsn(GETFIELD, name, Names.LINK, LINKAGE);
        mv.visitLdcInsn(index);
        (fits ? Builtin.LINK_IMPORTED_CODE : Builtin.LINK_IMPORTED_FUNCTION).invoke(mv);
        mv.visitInsn(DUP_X1);
        mv.visitFieldInsn(PUTFIELD, name, field, fieldType);
        mv.visitLabel(ready);
        if (fits) {
            Label handle = new Label();
            String hostCall = Builtin.HOST_CALL_0.owner();
            mv.visitInsn(DUP);
            mv.visitTypeInsn(INSTANCEOF, hostCall);
            mv.visitJumpInsn(IFEQ, handle);
            mv.visitTypeInsn(CHECKCAST, hostCall);
            hostCall(mv, type);
            mv.visitLabel(handle);
            mv.visitTypeInsn(CHECKCAST, HANDLE_CLASS);
        }
        loadParams(mv, type.params());
        invokeExactAndReturn(mv, type);
    }

    /** Calls the {@link HostCall} on the stack with the parameters as longs, and returns its result narrowed. */
    private static void hostCall(MethodVisitor mv, FunctionType type) {
        int slot = 0;
        for (ValueType t : type.params()) {
            mv.visitVarInsn(JvmTypes.load(t), slot);
            slot += JvmTypes.size(t);
            switch (t.kind()) {
                case I32 -> mv.visitInsn(I2L);
                case F32 -> {
                    Builtin.FLOAT_TO_RAW_BITS.invoke(mv);
                    mv.visitInsn(I2L);
                }
                case F64 -> Builtin.DOUBLE_TO_RAW_BITS.invoke(mv);
                default -> {} // I64
            }
        }
        Builtin.hostCall(type.params().size()).invoke(mv);
        if (type.results().isEmpty()) {
            mv.visitInsn(POP2);
            mv.visitInsn(RETURN);
            return;
        }
        ValueType result = type.results().get(0);
        switch (result.kind()) {
            case I32 -> mv.visitInsn(L2I);
            case F32 -> {
                mv.visitInsn(L2I);
                Builtin.FLOAT_FROM_BITS.invoke(mv);
            }
            case F64 -> Builtin.DOUBLE_FROM_BITS.invoke(mv);
            default -> {} // I64
        }
        mv.visitInsn(JvmTypes.resultType(type.results()).getOpcode(IRETURN));
    }

    /**
     * {@code callIndirectT_K(params..., index, self)}: looks the callee up in table K, checks type T, invokes it;
     * {@code returnCallIndirectT_K} invokes its tail handle.
     */
    private void callIndirectStub(int typeIndex, int table, boolean tail) {
        FunctionType type = model.types().get(typeIndex);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC,
                tail ? Names.tailCallIndirectStub(typeIndex, table) : Names.callIndirectStub(typeIndex, table),
                layout.callIndirectDescriptor(type), null, null);
        mv.visitCode();
        int indexSlot = slots(type.params());
        if (!tail) {
            directCases(mv, typeIndex, table, indexSlot);
        }
        mv.visitVarInsn(ILOAD, indexSlot);
        mv.visitVarInsn(ALOAD, indexSlot + 1);
        mv.visitFieldInsn(GETFIELD, name, layout.tableField(table), TABLE);
        if (model.hasGcTypes()) {
            // Subtyping: the callee's canonical type may be a subtype of the one expected.
            GcFactoryWriter.loadType(mv, layout, typeIndex);
            mv.visitFieldInsn(GETSTATIC, name, Names.typeConstant(typeIndex), FUNCTION_TYPE);
            (tail ? Builtin.GC_TAIL_FUNCTION : Builtin.GC_FUNCTION).invoke(mv);
        } else {
            mv.visitFieldInsn(GETSTATIC, name, Names.typeConstant(typeIndex), FUNCTION_TYPE);
            (tail ? Builtin.TABLE_TAIL_FUNCTION : Builtin.TABLE_FUNCTION).invoke(mv);
        }
        loadParams(mv, type.params());
        invokeExactAndReturn(mv, type);
    }

    /**
     * When table K never changes ({@link FixedTables}), a switch over the index that calls the elements of type T
     * directly, so that the JIT can inline them; every other index falls through to the generic lookup, which traps
     * as the spec says. Cases stop at {@link #DIRECT_CASE_BYTES} of code, which keeps the stub compilable.
     */
    private void directCases(MethodVisitor mv, int typeIndex, int table, int indexSlot) {
        int[] elements = layout.fixedTables().elements(table);
        if (elements == null) {
            return;
        }
        FunctionType type = model.types().get(typeIndex);
        int caseBytes = 16 + 2 * type.params().size();
        List<Integer> keys = new java.util.ArrayList<>();
        for (int i = 0; i < elements.length && keys.size() * caseBytes < DIRECT_CASE_BYTES; i++) {
            int function = elements[i];
            // The element's declared type, not an equal one: types of different recursion groups differ.
            if (function != FixedTables.UNKNOWN && model.functionTypes()[function] == typeIndex) {
                keys.add(i);
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        Label generic = new Label();
        Label[] labels = new Label[keys.size()];
        int[] keyArray = new int[keys.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = new Label();
            keyArray[k] = keys.get(k);
        }
        mv.visitVarInsn(ILOAD, indexSlot);
        mv.visitLookupSwitchInsn(generic, keyArray, labels);
        for (int k = 0; k < labels.length; k++) {
            int function = elements[keyArray[k]];
            mv.visitLabel(labels[k]);
            loadParams(mv, type.params());
            mv.visitVarInsn(ALOAD, indexSlot + 1);
            // A function that calls this stub again would be inlined into its own recursion.
            if (labels.length <= DIRECT_CALL_CASES && !layout.callsStub(function, typeIndex, table)) {
                directCall(function, type);
                mv.visitMethodInsn(INVOKESTATIC, name, Names.directCall(function), layout.functionDescriptor(type),
                        false);
            } else {
                invokeFunction(mv, function, type);
            }
            mv.visitInsn(JvmTypes.resultType(type.results()).getOpcode(IRETURN));
        }
        mv.visitLabel(generic);
    }

    /**
     * {@code directK(params..., self)}: calls function K, once per module class. C2 inlines a callee of more than 35
     * bytes only at a call site that runs on at least a quarter of its caller's invocations, and a case of a switch
     * over several functions rarely does; called from this method, whose one call runs on every invocation, the
     * function is inlined up to 325 bytes, and this method, 8 bytes or so, everywhere.
     */
    private void directCall(int function, FunctionType type) {
        if (!directCalls.add(function)) {
            return;
        }
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, Names.directCall(function),
                layout.functionDescriptor(type), null, null);
        mv.visitCode();
        loadParams(mv, type.params());
        mv.visitVarInsn(ALOAD, slots(type.params()));
        invokeFunction(mv, function, type);
        mv.visitInsn(JvmTypes.resultType(type.results()).getOpcode(IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void invokeFunction(MethodVisitor mv, int function, FunctionType type) {
        mv.visitMethodInsn(INVOKESTATIC, layout.functionOwner(function), layout.callMethod(function),
                layout.functionDescriptor(type), false);
    }

    /**
     * {@code callRefT(params..., function)}: invokes the function's handle, trapping on null; {@code returnCallRefT}
     * its tail handle.
     */
    private void callRefStub(int typeIndex, boolean tail) {
        FunctionType type = model.types().get(typeIndex);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC,
                tail ? Names.tailCallRefStub(typeIndex) : Names.callRefStub(typeIndex),
                layout.callRefDescriptor(type), null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, slots(type.params()));
        (tail ? Builtin.FUNCTION_TAIL_HANDLE : Builtin.FUNCTION_HANDLE).invoke(mv);
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
        java.util.Set<Integer> types = new java.util.TreeSet<>(layout.typeConstants());
        if (types.isEmpty() && !model.hasGcTypes() && functions.addends.isEmpty()) {
            return;
        }
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        if (!functions.addends.isEmpty()) {
            functions.addends.write(cw, mv);
        }
        if (model.hasGcTypes()) {
            GcFactoryWriter.initTypes(mv, layout);
        }
        for (int typeIndex : types) {
            cw.visitField(ACC_STATIC | ACC_FINAL, Names.typeConstant(typeIndex), FUNCTION_TYPE, null, null).visitEnd();
            mv.visitLdcInsn(TypeCodec.toConstant(model.types().get(typeIndex)));
            Builtin.FUNCTION_TYPE.invoke(mv);
            mv.visitFieldInsn(PUTSTATIC, name, Names.typeConstant(typeIndex), FUNCTION_TYPE);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The value of a global held in a {@code Global}, for copying into a field. */
    private static Builtin globalValue(ValueType type) {
        return switch (type.kind()) {
            case I32 -> Builtin.GLOBAL_GET_I32;
            case I64 -> Builtin.GLOBAL_GET_I64;
            case F32 -> Builtin.GLOBAL_GET_F32;
            case F64 -> Builtin.GLOBAL_GET_F64;
            case V128 -> Builtin.GLOBAL_GET_V128;
            case REF -> Builtin.GLOBAL_GET_REF;
        };
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
