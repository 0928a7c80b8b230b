package dev.wasm2jar.compiler.internal.abi;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Global;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Table;
import dev.wasm2jar.runtime.ThrownException;
import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.abi.Linkage;
import java.lang.invoke.MethodHandle;
import org.objectweb.asm.Type;

/**
 * The runtime's types that generated code holds in fields, passes, casts to or allocates: descriptors and internal
 * names from the classes themselves, so that a renamed class fails to compile here rather than to link there.
 */
public final class RuntimeTypes {
    private RuntimeTypes() {}

    public static final String MEMORY = Type.getDescriptor(Memory.class);
    public static final String TABLE = Type.getDescriptor(Table.class);
    public static final String GLOBAL = Type.getDescriptor(Global.class);
    public static final String LINKAGE = Type.getDescriptor(Linkage.class);
    public static final String FUNCTION_TYPE = Type.getDescriptor(FunctionType.class);
    public static final String METHOD_HANDLE = Type.getDescriptor(MethodHandle.class);
    /** Internal names, for {@code checkcast}. */
    public static final String WASM_FUNCTION_CLASS = Type.getInternalName(WasmFunction.class);
    public static final String V128_CLASS = Type.getInternalName(V128.class);
    public static final String LINKAGE_CLASS = Type.getInternalName(Linkage.class);
    public static final String GC_TYPE = Type.getDescriptor(dev.wasm2jar.runtime.abi.GcType.class);
    public static final String GC_TYPE_ARRAY = "[" + GC_TYPE;
    public static final String GC_OBJECT_CLASS = Type.getInternalName(dev.wasm2jar.runtime.abi.GcObject.class);
    public static final String GC_STRUCT_CLASS = Type.getInternalName(dev.wasm2jar.runtime.abi.GcStruct.class);
    public static final String GC_ARRAY_CLASS = Type.getInternalName(dev.wasm2jar.runtime.abi.GcArray.class);
    public static final String I31_CLASS = Type.getInternalName(dev.wasm2jar.runtime.abi.I31.class);
    public static final String GC_FACTORY_CLASS = Type.getInternalName(dev.wasm2jar.runtime.abi.GcFactory.class);
    /** What {@code try_table} handlers catch, and {@code exnref} values are. */
    public static final String THROWN_EXCEPTION_CLASS = Type.getInternalName(ThrownException.class);
}
