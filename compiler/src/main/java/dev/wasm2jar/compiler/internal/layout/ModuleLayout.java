package dev.wasm2jar.compiler.internal.layout;

import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.runtime.abi.TailCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where everything of a module lives in the generated classes: which class and method holds each function, the
 * fields of memories, tables and globals, the stubs for imports and indirect calls. Function translation asks this
 * class and nothing else, so spreading a module over more classes changes only this class.
 */
public final class ModuleLayout {
    private final ModuleModel model;
    private final String className;
    private final int importedFunctions;
    private final String[] methods;
    private final List<ValueType> globalTypes;
    private final boolean[] sharedGlobals;
    private final List<ValueType> tableTypes = new ArrayList<>();
    private final int memoryCount;
    private final Set<Long> callIndirectStubs = new java.util.concurrent.ConcurrentSkipListSet<>();
    private final Map<Long, Set<Integer>> stubCallers = new ConcurrentHashMap<>();
    private final Set<Integer> callRefStubs = new java.util.concurrent.ConcurrentSkipListSet<>();
    private final Set<Long> tailCallIndirectStubs = new java.util.concurrent.ConcurrentSkipListSet<>();
    private final Set<Integer> tailCallRefStubs = new java.util.concurrent.ConcurrentSkipListSet<>();
    private final Set<Integer> typeConstants = new java.util.concurrent.ConcurrentSkipListSet<>();
    /** Binary-name-free internal names of the classes holding functions; the first is the module class. */
    private final List<String> classes = new ArrayList<>();
    /** For each defined function, the index of its class in {@link #classes}. */
    private final int[] classOf;
    private final boolean metered;
    private final FixedTables fixedTables;
    /** For a module with GC types, each type's representative among the types it equals; null otherwise. */
    private final int[] representatives;

    /**
     * How much code one class takes: wasm body bytes and functions. A class file has at most 65,535 constants, and
     * each function brings names, descriptors and the methods it calls; these budgets keep far below that.
     */
    public record ClassBudget(int bodyBytes, int functions) {
        public static final ClassBudget DEFAULT = new ClassBudget(192 * 1024, 2000);

        public ClassBudget half() {
            return new ClassBudget(Math.max(1, bodyBytes / 2), Math.max(1, functions / 2));
        }
    }

    public ModuleLayout(ModuleModel model, String className) {
        this(model, className, ClassBudget.DEFAULT);
    }

    public ModuleLayout(ModuleModel model, String className, ClassBudget budget) {
        this(model, className, budget, false);
    }

    /** {@code metered}: the module class extends {@code MeteredInstance}, and functions and loops poll. */
    public ModuleLayout(ModuleModel model, String className, ClassBudget budget, boolean metered) {
        this.model = model;
        this.metered = metered;
        this.fixedTables = new FixedTables(model);
        this.className = className.replace('.', '/');
        this.importedFunctions = model.importCount(ExternKind.FUNCTION);
        this.methods = new String[model.functionCount() - importedFunctions];
        for (int i = 0; i < methods.length; i++) {
            int index = importedFunctions + i;
            methods[i] = Names.function(index, model.functionNames()[index]);
        }
        this.globalTypes = model.globalTypes();
        this.sharedGlobals = new boolean[globalTypes.size()];
        for (int i = 0; i < sharedGlobals.length; i++) {
            sharedGlobals[i] = model.isSharedGlobal(i);
        }
        model.imports().stream().filter(i -> i.kind() == ExternKind.TABLE).forEach(i -> tableTypes.add(i.valueType()));
        model.tables().forEach(t -> tableTypes.add(t.elementType()));
        this.memoryCount = model.importCount(ExternKind.MEMORY) + model.memories().size();
        this.classOf = new int[methods.length];
        this.representatives = model.hasGcTypes() ? model.definitions().representatives() : null;
        classes.add(this.className);
        int bytes = 0;
        int functions = 0;
        for (int i = 0; i < methods.length; i++) {
            int size = model.bodySizes()[i];
            if (functions > 0 && (bytes + size > budget.bodyBytes() || functions >= budget.functions())) {
                classes.add(this.className + "$Functions" + classes.size());
                bytes = 0;
                functions = 0;
            }
            classOf[i] = classes.size() - 1;
            bytes += size;
            functions++;
        }
    }

    /** Internal names of the classes that hold functions; the module class first. */
    public List<String> classes() {
        return classes;
    }

    /** The defined functions (by function index) held by class {@code classIndex}. */
    public List<Integer> functionsOfClass(int classIndex) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < classOf.length; i++) {
            if (classOf[i] == classIndex) {
                out.add(importedFunctions + i);
            }
        }
        return out;
    }

    /** For each defined function, the index of its class in {@link #classes()}. */
    public int[] functionClasses() {
        return classOf.clone();
    }

    public ModuleModel model() {
        return model;
    }

    /** Whether the module is compiled with metering: polls at function entries and loop heads. */
    public boolean metered() {
        return metered;
    }

    /** The internal name of the module class. */
    public String className() {
        return className;
    }

    public int importedFunctions() {
        return importedFunctions;
    }

    public boolean hasMemory() {
        return memoryCount > 0;
    }

    public int memoryCount() {
        return memoryCount;
    }

    /**
     * Whether memory {@code index} can never grow, so that its array is exactly its size: defined by this module
     * with a maximum equal to its initial size. An imported memory may be any that matches the import.
     */
    public boolean fixedSizeMemory(int index) {
        int imported = model.importCount(ExternKind.MEMORY);
        if (index < imported) {
            return false;
        }
        ModuleShape.Limits limits = model.memories().get(index - imported);
        return limits.max() == limits.min();
    }

    /** Whether memory {@code index} has 64-bit addresses (memory64). */
    public boolean memoryAddress64(int index) {
        return limits(ExternKind.MEMORY, index, model.memories()).address64();
    }

    /** Whether table {@code index} has 64-bit indices (memory64). */
    public boolean tableAddress64(int index) {
        return limits(ExternKind.TABLE, index, model.tables().stream().map(ModuleShape.TableType::limits).toList())
                .address64();
    }

    private ModuleShape.Limits limits(ExternKind kind, int index, java.util.List<ModuleShape.Limits> defined) {
        var imported = model.imports().stream().filter(i -> i.kind() == kind).toList();
        return index < imported.size() ? imported.get(index).limits() : defined.get(index - imported.size());
    }

    public int tableCount() {
        return tableTypes.size();
    }

    public ValueType tableType(int index) {
        return tableTypes.get(index);
    }

    /** The tables whose contents are known at compile time; translation reports every table it writes. */
    public FixedTables fixedTables() {
        return fixedTables;
    }

    public int globalCount() {
        return globalTypes.size();
    }

    public ValueType globalType(int index) {
        return globalTypes.get(index);
    }

    public boolean isSharedGlobal(int index) {
        return sharedGlobals[index];
    }

    /** The internal name of the class holding function {@code index} (imported ones: their stubs). */
    public String functionOwner(int index) {
        return index < importedFunctions ? className : classes.get(classOf[index - importedFunctions]);
    }

    /** The method holding function {@code index}'s body (for an imported one, its stub): what a tail call calls. */
    public String functionMethod(int index) {
        return index < importedFunctions ? Names.importStub(index) : methods[index - importedFunctions];
    }

    /** Whether function {@code index} makes tail calls, so that ordinary calls go through its entry. */
    public boolean isTailCalling(int index) {
        return index >= importedFunctions && model.tailCalling().get(index - importedFunctions);
    }

    /** Whether any function makes tail calls: then the instance has the counter {@link Names#TAIL_DEPTH}. */
    public boolean hasTailCalls() {
        return !model.tailCalling().isEmpty();
    }

    /** What an ordinary call of function {@code index} calls: its entry when it makes tail calls, else its method. */
    public String callMethod(int index) {
        return isTailCalling(index) ? entryMethod(index) : functionMethod(index);
    }

    /** The entry of a function that makes tail calls: its body inside a handler that finishes unwound tail calls. */
    public String entryMethod(int index) {
        return functionMethod(index) + TailCalls.ENTRY_SUFFIX;
    }

    /** The function whose code the method {@code name} holds (its own method or one of its parts), or -1. */
    public int functionOfMethod(String name) {
        if (methodIndex == null) {
            methodIndex = new java.util.HashMap<>();
            for (int i = 0; i < methods.length; i++) {
                methodIndex.put(methods[i], importedFunctions + i);
            }
        }
        String base = name.replaceFirst("_part[0-9]+$", "");
        return methodIndex.getOrDefault(base, -1);
    }

    private java.util.Map<String, Integer> methodIndex;

    /** The methods that run the defined functions, in order: the entries of those that make tail calls. */
    public String[] definedFunctionMethods() {
        String[] out = methods.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = callMethod(importedFunctions + i);
        }
        return out;
    }

    public String functionDescriptor(FunctionType type) {
        return JvmTypes.functionDescriptor(type, className);
    }

    /**
     * The stub behind {@code call_indirect} in function {@code caller}; asking for it makes the class writer emit it.
     */
    public String callIndirectStub(int typeIndex, int table, int caller) {
        long stub = ((long) typeIndex << 32) | table;
        callIndirectStubs.add(stub);
        stubCallers.computeIfAbsent(stub, s -> ConcurrentHashMap.newKeySet()).add(caller);
        return Names.callIndirectStub(typeIndex, table);
    }

    /** Whether {@code function} calls the {@code call_indirect} stub of type {@code typeIndex} through {@code table}. */
    public boolean callsStub(int function, int typeIndex, int table) {
        Set<Integer> callers = stubCallers.get(((long) typeIndex << 32) | table);
        return callers != null && callers.contains(function);
    }

    /** {@code (params..., int index, instance)}. */
    public String callIndirectDescriptor(FunctionType type) {
        return JvmTypes.descriptor(type.params(),
                List.of(org.objectweb.asm.Type.INT_TYPE, org.objectweb.asm.Type.getObjectType(className)),
                type.results());
    }

    /** The stub behind {@code call_ref} of type {@code typeIndex}; asking for it makes the class writer emit it. */
    public String callRefStub(int typeIndex) {
        callRefStubs.add(typeIndex);
        return Names.callRefStub(typeIndex);
    }

    /** The stub behind {@code return_call_ref}: {@link #callRefStub}'s, through the reference's tail handle. */
    public String tailCallRefStub(int typeIndex) {
        tailCallRefStubs.add(typeIndex);
        return Names.tailCallRefStub(typeIndex);
    }

    /** The stub behind {@code return_call_indirect}: {@link #callIndirectStub}'s, through the element's tail handle. */
    public String tailCallIndirectStub(int typeIndex, int table) {
        tailCallIndirectStubs.add(((long) typeIndex << 32) | table);
        return Names.tailCallIndirectStub(typeIndex, table);
    }

    /** The static field of the module class holding type {@code typeIndex} as a {@code FunctionType}. */
    public String typeConstant(int typeIndex) {
        typeConstants.add(typeIndex);
        return Names.typeConstant(typeIndex);
    }

    /** The types the module class must hold as constants: those asked for, and those of call_indirect stubs. */
    public java.util.Set<Integer> typeConstants() {
        java.util.Set<Integer> out = new java.util.TreeSet<>(typeConstants);
        callIndirectStubs().forEach(s -> out.add(s[0]));
        tailCallIndirectStubs().forEach(s -> out.add(s[0]));
        return out;
    }

    /** The type indices whose return_call_ref stubs were asked for. */
    public List<Integer> tailCallRefStubs() {
        return List.copyOf(tailCallRefStubs);
    }

    /** The (type index, table) pairs whose return_call_indirect stubs were asked for. */
    public List<int[]> tailCallIndirectStubs() {
        return pairs(tailCallIndirectStubs);
    }

    /** {@code (params..., WasmFunction)}. */
    public String callRefDescriptor(FunctionType type) {
        return JvmTypes.descriptor(type.params(),
                List.of(org.objectweb.asm.Type.getType(dev.wasm2jar.runtime.WasmFunction.class)), type.results());
    }

    /** The type indices whose call_ref stubs were asked for. */
    public List<Integer> callRefStubs() {
        return List.copyOf(callRefStubs);
    }

    /** The (type index, table) pairs whose call_indirect stubs were asked for. */
    public List<int[]> callIndirectStubs() {
        return pairs(callIndirectStubs);
    }

    private static List<int[]> pairs(Set<Long> keys) {
        List<int[]> out = new ArrayList<>();
        for (long key : keys) {
            out.add(new int[] {(int) (key >>> 32), (int) key});
        }
        return out;
    }

    /**
     * The class of struct type {@code typeIndex}: {@code Module$Struct3}, one for all the types equal to type 3.
     */
    public String structClass(int typeIndex) {
        return className + "$Struct" + representatives[typeIndex];
    }

    /** The struct types that have a class of their own: one of each set of equal types. */
    public List<Integer> structClasses() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; representatives != null && i < representatives.length; i++) {
            if (representatives[i] == i && model.definitions().isStruct(i)) {
                out.add(i);
            }
        }
        return out;
    }

    public String memoryField(int index) {
        return Names.memory(index);
    }

    public String tableField(int index) {
        return Names.table(index);
    }

    public String globalField(int index) {
        return Names.global(index);
    }
}
