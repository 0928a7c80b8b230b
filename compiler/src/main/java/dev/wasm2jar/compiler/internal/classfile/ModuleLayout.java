package dev.wasm2jar.compiler.internal.classfile;

import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
    private final Set<Long> callIndirectStubs = new TreeSet<>();

    public ModuleLayout(ModuleModel model, String className) {
        this.model = model;
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
    }

    public ModuleModel model() {
        return model;
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

    public int tableCount() {
        return tableTypes.size();
    }

    public ValueType tableType(int index) {
        return tableTypes.get(index);
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

    /** The internal name of the class holding function {@code index}. */
    public String functionOwner(int index) {
        return className;
    }

    public String functionMethod(int index) {
        return index < importedFunctions ? Names.importStub(index) : methods[index - importedFunctions];
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

    /** Method names of the defined functions, in order. */
    public String[] definedFunctionMethods() {
        return methods.clone();
    }

    public String functionDescriptor(FunctionType type) {
        return JvmTypes.functionDescriptor(type, className);
    }

    /** The stub behind {@code call_indirect}; asking for it makes the class writer emit it. */
    public String callIndirectStub(int typeIndex, int table) {
        callIndirectStubs.add(((long) typeIndex << 32) | table);
        return Names.callIndirectStub(typeIndex, table);
    }

    /** {@code (params..., int index, instance)}. */
    public String callIndirectDescriptor(FunctionType type) {
        return JvmTypes.descriptor(type.params(),
                List.of(org.objectweb.asm.Type.INT_TYPE, org.objectweb.asm.Type.getObjectType(className)),
                type.results());
    }

    /** The (type index, table) pairs whose call_indirect stubs were asked for. */
    public List<int[]> callIndirectStubs() {
        List<int[]> out = new ArrayList<>();
        for (long key : callIndirectStubs) {
            out.add(new int[] {(int) (key >>> 32), (int) key});
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
