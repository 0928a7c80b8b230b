package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Global;
import dev.wasm2jar.runtime.Limits;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.Table;
import dev.wasm2jar.runtime.Tag;
import dev.wasm2jar.runtime.UninstantiableException;
import dev.wasm2jar.runtime.UnlinkableException;
import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.abi.CompiledInstance;
import dev.wasm2jar.runtime.abi.ConstExpr;
import dev.wasm2jar.runtime.abi.GcFactory;
import dev.wasm2jar.runtime.abi.GcOps;
import dev.wasm2jar.runtime.abi.GcType;
import dev.wasm2jar.runtime.abi.Linkage;
import dev.wasm2jar.runtime.abi.MemoryOps;
import dev.wasm2jar.runtime.abi.MeteredInstance;
import dev.wasm2jar.runtime.abi.ModuleShape.DataSegment;
import dev.wasm2jar.runtime.abi.ModuleShape.ElementSegment;
import dev.wasm2jar.runtime.abi.ModuleShape.Import;
import dev.wasm2jar.runtime.abi.ModuleShape.SegmentMode;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.runtime.abi.TableOps;
import dev.wasm2jar.runtime.abi.TailCalls;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Instantiation as the spec orders it: resolve and check imports, create memories and tables, construct the compiled
 * instance, evaluate globals, initialize active element then data segments, run the start function.
 */
public final class Instantiator {
    private Instantiator() {}

    /** An instance: its exports by name, and the object of the generated class. */
    public record Instantiated(Map<String, Object> exports, CompiledInstance generated) {}

    /**
     * Instantiates with {@code imports}, the value of each import in import-section order (null: missing), within
     * {@code limits}: its memories are limited, and its fuel, call depth and deadline set before the start function.
     *
     * @throws IllegalArgumentException when {@code limits} need metering and the module was compiled without it
     */
    public static Instantiated instantiate(Module module, Class<?> instanceClass, ModuleShape shape,
            List<?> imports, Limits limits) {
        if (limits.needsMetering() && !module.metered()) {
            throw new IllegalArgumentException(CompiledClasses.notMetered(instanceClass, "fuel, deadlines and call depths"));
        }
        if (imports.size() != shape.imports().size()) {
            throw new IllegalArgumentException("the module has " + shape.imports().size() + " imports, not "
                    + imports.size());
        }
        List<WasmFunction> functions = new ArrayList<>();
        GcType[] gcTypes = CompiledClasses.gcTypes(instanceClass);
        List<Memory> memories = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<Global> importedGlobals = new ArrayList<>();
        List<Tag> tags = new ArrayList<>();
        for (int index = 0; index < imports.size(); index++) {
            Import im = shape.imports().get(index);
            Object value = imports.get(index);
            if (value == null) {
                throw new UnlinkableException("unknown import " + Externs.name(im) + " ("
                        + Externs.expected(shape, im) + ")");
            }
            switch (im.kind()) {
                case FUNCTION -> functions.add(linkFunction(shape, im, value, gcTypes));
                case MEMORY -> memories.add(linkMemory(shape, im, value));
                case TABLE -> tables.add(linkTable(shape, im, value));
                case GLOBAL -> importedGlobals.add(linkGlobal(shape, im, value));
                case TAG -> tags.add(linkTag(shape, im, value, gcTypes));
            }
        }
        for (ModuleShape.Limits memory : shape.memories()) {
            memories.add(new Memory(memory.min(), memory.max(), limits.maxMemoryPages(), memory.address64()));
        }
        Global[] globals = new Global[importedGlobals.size() + shape.globals().size()];
        for (int i = 0; i < importedGlobals.size(); i++) {
            globals[i] = importedGlobals.get(i);
        }
        byte[][] data = new byte[shape.data().size()][];
        Object[][] elements = new Object[shape.elements().size()][];
        Table[] tableArray = new Table[tables.size() + shape.tables().size()];

        InstanceLinkage link = new InstanceLinkage(memories.toArray(new Memory[0]), tableArray, globals,
                functions.toArray(new WasmFunction[0]), data, elements, shape);
        for (int typeIndex : shape.tags()) {
            tags.add(new Tag(shape.types().get(typeIndex), gcTypes == null ? null : gcTypes[typeIndex]));
        }
        link.setTags(tags.toArray(new Tag[0]));
        CompiledInstance[] made = new CompiledInstance[1];
        ConstExprs exprs = new ConstExprs(globals, link, new Supplier<GcFactory>() { // not a lambda: start-up
            @Override
            public GcFactory get() {
                return (GcFactory) made[0];
            }
        });

        // Tables may be initialized with ref.func, so they come once function references can be made; the compiled
        // instance only keeps the Table objects, which exist before it does.
        for (int i = 0; i < tables.size(); i++) {
            tableArray[i] = tables.get(i);
        }
        int definedTable = tables.size();
        for (ModuleShape.TableType t : shape.tables()) {
            tableArray[definedTable++] = new Table(t.elementType(), t.limits().min(), t.limits().max(), null,
                    t.limits().address64());
        }
        CompiledInstance generated = CompiledClasses.construct(instanceClass, link);
        made[0] = generated;
        link.bind(instanceClass, generated);
        if (generated instanceof MeteredInstance metered) {
            metered.limit(limits.fuel(), limits.maxCallDepth());
            if (limits.deadline() != null) {
                Deadlines.schedule(metered, limits.deadline());
            }
        }

        for (int i = 0; i < shape.globals().size(); i++) {
            ModuleShape.GlobalType g = shape.globals().get(i);
            globals[importedGlobals.size() + i] = new Global(g.type(), g.mutable(), exprs.evaluate(g.init()));
        }
        definedTable = tables.size();
        for (ModuleShape.TableType t : shape.tables()) {
            Table table = tableArray[definedTable++];
            if (t.init() != null) {
                Object init = exprs.evaluate(t.init());
                java.util.Arrays.fill(table.elements(), init);
            }
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = shape.data().get(i).bytes();
        }
        for (int i = 0; i < elements.length; i++) {
            ElementSegment segment = shape.elements().get(i);
            Object[] values = new Object[segment.items().size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = exprs.evaluate(segment.items().get(k));
            }
            elements[i] = values;
        }
        generated.initGlobals();

        for (int i = 0; i < elements.length; i++) {
            ElementSegment segment = shape.elements().get(i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                int offset = offset(exprs.evaluate(segment.offset()));
                TableOps.init(offset, 0, elements[i].length, tableArray[segment.table()], elements[i]);
            }
            if (segment.mode() != SegmentMode.PASSIVE) {
                link.dropElements(i);
            }
        }
        for (int i = 0; i < data.length; i++) {
            DataSegment segment = shape.data().get(i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                int offset = offset(exprs.evaluate(segment.offset()));
                Memory memory = link.memory(segment.memory());
                MemoryOps.init(offset, 0, data[i].length, memory.buffer(), memory.byteSize(), data[i]);
                link.dropData(i);
            }
        }

        Map<String, Object> exports = new LinkedHashMap<>();
        for (ModuleShape.Export e : shape.exports()) {
            exports.put(e.name(), switch (e.kind()) {
                case FUNCTION -> link.function(e.index());
                case MEMORY -> link.memory(e.index());
                case TABLE -> tableArray[e.index()];
                case GLOBAL -> globals[e.index()];
                case TAG -> link.tag(e.index());
            });
        }
        if (shape.start() >= 0) {
            link.function(shape.start()).call();
        }
        return new Instantiated(exports, generated);
    }

    /** A segment's offset: an i32, or an i64 into a 64-bit memory or table (2^32-1 when larger, out of bounds). */
    private static int offset(Object value) {
        return value instanceof Long wide ? MemoryOps.u32(wide) : (Integer) value;
    }

    private static WasmFunction linkFunction(ModuleShape shape, Import im, Object value, GcType[] gcTypes) {
        FunctionType expected = shape.types().get(im.typeIndex());
        GcType canonical = gcTypes == null ? null : gcTypes[im.typeIndex()];
        if (!(value instanceof WasmFunction f) || !f.matches(canonical, expected)) {
            throw incompatible(shape, im, value);
        }
        return f;
    }

    /** A tag's type must be the import's: the same canonical type where either module has GC types. */
    private static Tag linkTag(ModuleShape shape, Import im, Object value, GcType[] gcTypes) {
        FunctionType expected = shape.types().get(im.typeIndex());
        if (!(value instanceof Tag t) || !t.type().equals(expected)) {
            throw incompatible(shape, im, value);
        }
        GcType wanted = gcTypes == null ? null : gcTypes[im.typeIndex()];
        if (wanted != null || t.gcType() != null) {
            GcType mine = t.gcType() != null ? t.gcType() : dev.wasm2jar.runtime.abi.GcTypes.plain(t.type());
            GcType want = wanted != null ? wanted : dev.wasm2jar.runtime.abi.GcTypes.plain(expected);
            if (mine != want) {
                throw incompatible(shape, im, value);
            }
        }
        return t;
    }

    private static Memory linkMemory(ModuleShape shape, Import im, Object value) {
        if (!(value instanceof Memory m) || m.address64() != im.limits().address64()
                || !limitsMatch(m.pages(), m.maxPages(), im.limits())) {
            throw incompatible(shape, im, value);
        }
        return m;
    }

    private static Table linkTable(ModuleShape shape, Import im, Object value) {
        if (!(value instanceof Table t) || t.address64() != im.limits().address64()
                || !t.elementType().equals(im.valueType())
                || !limitsMatch(t.size(), t.maxSize(), im.limits())) {
            throw incompatible(shape, im, value);
        }
        return t;
    }

    private static Global linkGlobal(ModuleShape shape, Import im, Object value) {
        // An immutable global may be of a subtype (a (ref $t) where (ref null func) is imported); a mutable one not.
        if (!(value instanceof Global g) || g.isMutable() != im.mutable()
                || !(im.mutable() ? g.type().equals(im.valueType()) : g.type().matches(im.valueType()))) {
            throw incompatible(shape, im, value);
        }
        return g;
    }

    /** The spec's import matching: at least the minimum, and within the maximum when the import declares one. */
    private static boolean limitsMatch(long size, long max, ModuleShape.Limits wanted) {
        if (size < wanted.min()) {
            return false;
        }
        if (wanted.max() < 0) {
            return true;
        }
        return max >= 0 && max <= wanted.max();
    }

    private static UnlinkableException incompatible(ModuleShape shape, Import im, Object value) {
        return new UnlinkableException("import " + Externs.name(im) + ": expected " + Externs.expected(shape, im)
                + ", found " + Externs.found(value));
    }

    /** The runtime's side of {@link Linkage}: makes function references of this instance on demand. */
    static final class InstanceLinkage extends Linkage {
        private final ModuleShape shape;
        private final int importedFunctions;
        private final WasmFunction[] functions;
        private Class<?> instanceClass;
        private Object generated;

        InstanceLinkage(Memory[] memories, Table[] tables, Global[] globals, WasmFunction[] imported,
                byte[][] data, Object[][] elements, ModuleShape shape) {
            super(memories, tables, globals, imported, data, elements);
            this.shape = shape;
            this.functions = java.util.Arrays.copyOf(imported, shape.functionTypes().length);
            this.importedFunctions = imported.length;
        }

        void setTags(Tag[] all) {
            tags(all);
        }

        void bind(Class<?> instanceClass, Object generated) {
            this.instanceClass = instanceClass;
            this.generated = generated;
        }

        @Override
        public WasmFunction function(int index) {
            WasmFunction f = functions[index];
            if (f == null) {
                f = functions[index] = define(index);
            }
            return f;
        }

        private WasmFunction define(int index) {
            String name = shape.functionNames()[index];
            String label = name != null ? name : "func[" + index + "]";
            WasmFunction f;
            if (shape.functionMethods()[index - importedFunctions].endsWith(TailCalls.ENTRY_SUFFIX)) {
                // A function that makes tail calls: its entry, and its body for tail calls to it.
                f = WasmFunction.lazy(shape.functionType(index), label, new HandleMaker(this, index, false),
                        new HandleMaker(this, index, true));
            } else {
                f = WasmFunction.lazy(shape.functionType(index), label, new HandleMaker(this, index, false));
            }
            return generated instanceof GcFactory gc ? f.withGcType(gc.gcType(shape.functionTypes()[index])) : f;
        }

        /**
         * The exact handle of defined function {@code index}, bound to this instance; for {@code body}, of the method
         * its entry calls (the metadata names the entry of a function that makes tail calls).
         */
        MethodHandle handle(int index, boolean body) {
            int defined = index - importedFunctions;
            FunctionType type = shape.functionType(index);
            try {
                Class<?> owner = Class.forName(shape.functionClasses().get(shape.functionClass()[defined]), true,
                        instanceClass.getClassLoader());
                MethodType mt = type.methodType().appendParameterTypes(instanceClass);
                String method = shape.functionMethods()[defined];
                if (body) {
                    method = method.substring(0, method.length() - TailCalls.ENTRY_SUFFIX.length());
                }
                MethodHandle h = MethodHandles.publicLookup().findStatic(owner, method, mt);
                return MethodHandles.insertArguments(h, type.params().size(), generated);
            } catch (ReflectiveOperationException e) {
                throw new UninstantiableException("cannot link function " + index + ": " + e);
            }
        }
    }

    /** Makes a function reference's handle when it is first called (most functions in a table never are). */
    private record HandleMaker(InstanceLinkage link, int index, boolean body) implements Supplier<MethodHandle> {
        @Override
        public MethodHandle get() {
            return link.handle(index, body);
        }
    }

    /** Evaluates constant expressions against this instance's globals and functions. */
    private record ConstExprs(Global[] globals, Linkage link, Supplier<GcFactory> gc) {
        Object evaluate(ConstExpr expr) {
            Object[] stack = new Object[expr.ops().length];
            int sp = 0;
            for (int i = 0; i < expr.ops().length; i++) {
                long arg = expr.args()[i];
                switch (expr.ops()[i]) {
                    case ConstExpr.I32_CONST -> stack[sp++] = (int) arg;
                    case ConstExpr.I64_CONST -> stack[sp++] = arg;
                    case ConstExpr.F32_CONST -> stack[sp++] = Float.intBitsToFloat((int) arg);
                    case ConstExpr.F64_CONST -> stack[sp++] = Double.longBitsToDouble(arg);
                    case ConstExpr.REF_NULL -> stack[sp++] = null;
                    case ConstExpr.REF_FUNC -> stack[sp++] = link.function((int) arg);
                    case ConstExpr.GLOBAL_GET -> stack[sp++] = globals[(int) arg].get();
                    case ConstExpr.I32_ADD -> { sp--; stack[sp - 1] = (Integer) stack[sp - 1] + (Integer) stack[sp]; }
                    case ConstExpr.I32_SUB -> { sp--; stack[sp - 1] = (Integer) stack[sp - 1] - (Integer) stack[sp]; }
                    case ConstExpr.I32_MUL -> { sp--; stack[sp - 1] = (Integer) stack[sp - 1] * (Integer) stack[sp]; }
                    case ConstExpr.I64_ADD -> { sp--; stack[sp - 1] = (Long) stack[sp - 1] + (Long) stack[sp]; }
                    case ConstExpr.I64_SUB -> { sp--; stack[sp - 1] = (Long) stack[sp - 1] - (Long) stack[sp]; }
                    case ConstExpr.I64_MUL -> { sp--; stack[sp - 1] = (Long) stack[sp - 1] * (Long) stack[sp]; }
                    case ConstExpr.V128_CONST -> stack[sp++] = new V128(arg, 0);
                    case ConstExpr.V128_HIGH -> stack[sp - 1] = new V128(((V128) stack[sp - 1]).lo(), arg);
                    case ConstExpr.REF_I31 -> stack[sp - 1] = GcOps.i31((Integer) stack[sp - 1]);
                    case ConstExpr.ANY_CONVERT_EXTERN, ConstExpr.EXTERN_CONVERT_ANY -> { }
                    case ConstExpr.STRUCT_NEW -> {
                        int n = (int) (arg >>> 32);
                        sp -= n;
                        Object[] fields = java.util.Arrays.copyOfRange(stack, sp, sp + n);
                        stack[sp++] = gc.get().newStruct((int) arg, fields);
                    }
                    case ConstExpr.STRUCT_NEW_DEFAULT -> stack[sp++] = gc.get().newStruct((int) arg, null);
                    case ConstExpr.ARRAY_NEW -> {
                        sp--;
                        stack[sp - 1] = GcValues.newBoxed(stack[sp - 1], (Integer) stack[sp], gc.get().gcType((int) arg));
                    }
                    case ConstExpr.ARRAY_NEW_DEFAULT ->
                            stack[sp - 1] = GcOps.newDefault((Integer) stack[sp - 1], gc.get().gcType((int) arg));
                    case ConstExpr.ARRAY_NEW_FIXED -> {
                        int n = (int) (arg >>> 32);
                        sp -= n;
                        Object[] values = java.util.Arrays.copyOfRange(stack, sp, sp + n);
                        stack[sp++] = GcValues.newFixed(values, gc.get().gcType((int) arg));
                    }
                    default -> throw new IllegalStateException("unknown constant op " + expr.ops()[i]);
                }
            }
            return stack[sp - 1];
        }
    }
}
