package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.Global;
import dev.wasm2jar.runtime.HostCall;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Table;
import dev.wasm2jar.runtime.Tag;
import dev.wasm2jar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;

/**
 * What a compiled instance receives from the runtime when it is constructed: its memories, tables and globals
 * (imported ones first, as wasm indexes them), the handles of its imported functions, and its passive segments. A
 * generated class has one constructor, {@code public <init>(Linkage)}, that copies what it needs into fields
 * ({@link #memory}, {@link #table}, {@link #importedFunction}; {@link #global} in {@link CompiledInstance#initGlobals}).
 */
public abstract class Linkage {
    private static final byte[] NO_BYTES = new byte[0];
    private static final Object[] NO_ELEMENTS = new Object[0];

    private final Memory[] memories;
    private final Table[] tables;
    /** Every global, imported and defined, with its initial value. Private ones are copied into fields. */
    private final Global[] globals;
    /** The imported functions, in import order; each makes its handle when first called. */
    private final WasmFunction[] importedFunctions;
    private final byte[][] data;
    private final Object[][] elements;
    /** Every tag, imported and defined. */
    private Tag[] tags = new Tag[0];

    protected Linkage(Memory[] memories, Table[] tables, Global[] globals, WasmFunction[] importedFunctions,
            byte[][] data, Object[][] elements) {
        this.memories = memories;
        this.tables = tables;
        this.globals = globals;
        this.importedFunctions = importedFunctions;
        this.data = data;
        this.elements = elements;
    }

    public final Memory memory(int index) {
        return memories[index];
    }

    public final Table table(int index) {
        return tables[index];
    }

    /** Global {@code index}, imported or defined; a defined one holds its initial value once it is evaluated. */
    public final Global global(int index) {
        return globals[index];
    }

    /**
     * The exact handle of imported function {@code index}. Generated code asks at the function's first call, so that
     * a host function no call reaches costs no method handle ({@link WasmFunction#lazy}).
     */
    public final MethodHandle importedFunction(int index) {
        return importedFunctions[index].handle();
    }

    /**
     * The code of imported function {@code index}, for an import whose type {@link HostCall#fits}: its
     * {@link HostCall} when it is a host call ({@link WasmFunction#hostCall()}), which the import stub calls
     * directly, else its exact handle. Asked at the function's first call, as {@link #importedFunction} is.
     */
    public final Object importedCode(int index) {
        WasmFunction f = importedFunctions[index];
        HostCall call = f.hostCall();
        return call != null ? call : f.handle();
    }

    /** Tag {@code index}, imported or defined: what {@code throw} throws and {@code catch} compares by identity. */
    public final Tag tag(int index) {
        return tags[index];
    }

    /** The tags, imported ones first; the runtime sets them before the instance runs. */
    protected final void tags(Tag[] all) {
        tags = all;
    }

    /** {@code ref.func}: the reference to function {@code index} of this instance (the same object every time). */
    public abstract WasmFunction function(int index);

    /** The bytes of data segment {@code index}; empty once dropped. */
    public final byte[] data(int index) {
        return data[index];
    }

    /** {@code data.drop}. */
    public final void dropData(int index) {
        data[index] = NO_BYTES;
    }

    /** The values of element segment {@code index}; empty once dropped. */
    public final Object[] elements(int index) {
        return elements[index];
    }

    /** {@code elem.drop}. */
    public final void dropElements(int index) {
        elements[index] = NO_ELEMENTS;
    }
}
