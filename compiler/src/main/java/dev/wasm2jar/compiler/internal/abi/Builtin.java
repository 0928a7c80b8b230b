package dev.wasm2jar.compiler.internal.abi;

import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;

import dev.wasm2jar.runtime.HostCall;
import dev.wasm2jar.runtime.ThrownException;
import dev.wasm2jar.runtime.abi.CompiledInstance;
import dev.wasm2jar.runtime.abi.ExceptionOps;
import dev.wasm2jar.runtime.abi.F32x4Ops;
import dev.wasm2jar.runtime.abi.F64x2Ops;
import dev.wasm2jar.runtime.abi.FrameOps;
import dev.wasm2jar.runtime.abi.GcFactory;
import dev.wasm2jar.runtime.abi.GcOps;
import dev.wasm2jar.runtime.abi.GcStruct;
import dev.wasm2jar.runtime.abi.GlobalOps;
import dev.wasm2jar.runtime.abi.I16x8Ops;
import dev.wasm2jar.runtime.abi.I32x4Ops;
import dev.wasm2jar.runtime.abi.I64x2Ops;
import dev.wasm2jar.runtime.abi.I8x16Ops;
import dev.wasm2jar.runtime.abi.Linkage;
import dev.wasm2jar.runtime.abi.MemoryOps;
import dev.wasm2jar.runtime.abi.MeterOps;
import dev.wasm2jar.runtime.abi.MeteredInstance;
import dev.wasm2jar.runtime.abi.NumericOps;
import dev.wasm2jar.runtime.abi.TableOps;
import dev.wasm2jar.runtime.abi.TailCalls;
import dev.wasm2jar.runtime.abi.TrapOps;
import dev.wasm2jar.runtime.abi.TypeCodec;
import dev.wasm2jar.runtime.abi.V128Ops;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Every method outside its own classes that generated code may call, or must implement: the runtime's contract
 * ({@code dev.wasm2jar.runtime.abi}, versioned by {@code Abi.VERSION}) and the few JDK methods it uses as
 * intrinsics. Emitters name methods only through this list, never by strings of their own, and {@code BuiltinTest}
 * resolves every entry against the classes (that it exists, is public, has exactly this descriptor and this
 * static-ness), so a change on either side fails a test rather than a compiled module. wasmtime keeps its builtins
 * the same way: one declarative list.
 *
 * <p>The runtime's convention: operands in wasm stack order first, then the context they work on (a memory's bytes,
 * a table, a global, the frame of a split function), so generated code pushes what wasm pushed and never shuffles.
 */
public enum Builtin {
    // ---- memory: MemoryOps. Loads (address, bytes, offset), stores (address, value, bytes, offset).
    MEMORY_BYTES(MemoryOps.class, "bytes", "(Ldev/wasm2jar/runtime/Memory;)[B"),
    I32_LOAD(MemoryOps.class, "i32Load", "(I[BI)I"),
    I64_LOAD(MemoryOps.class, "i64Load", "(I[BI)J"),
    F32_LOAD(MemoryOps.class, "f32Load", "(I[BI)F"),
    F64_LOAD(MemoryOps.class, "f64Load", "(I[BI)D"),
    I32_LOAD8_S(MemoryOps.class, "i32Load8S", "(I[BI)I"),
    I32_LOAD8_U(MemoryOps.class, "i32Load8U", "(I[BI)I"),
    I32_LOAD16_S(MemoryOps.class, "i32Load16S", "(I[BI)I"),
    I32_LOAD16_U(MemoryOps.class, "i32Load16U", "(I[BI)I"),
    I64_LOAD8_S(MemoryOps.class, "i64Load8S", "(I[BI)J"),
    I64_LOAD8_U(MemoryOps.class, "i64Load8U", "(I[BI)J"),
    I64_LOAD16_S(MemoryOps.class, "i64Load16S", "(I[BI)J"),
    I64_LOAD16_U(MemoryOps.class, "i64Load16U", "(I[BI)J"),
    I64_LOAD32_S(MemoryOps.class, "i64Load32S", "(I[BI)J"),
    I64_LOAD32_U(MemoryOps.class, "i64Load32U", "(I[BI)J"),
    I32_STORE(MemoryOps.class, "i32Store", "(II[BI)V"),
    I64_STORE(MemoryOps.class, "i64Store", "(IJ[BI)V"),
    F32_STORE(MemoryOps.class, "f32Store", "(IF[BI)V"),
    F64_STORE(MemoryOps.class, "f64Store", "(ID[BI)V"),
    I32_STORE8(MemoryOps.class, "i32Store8", "(II[BI)V"),
    I32_STORE16(MemoryOps.class, "i32Store16", "(II[BI)V"),
    I64_STORE8(MemoryOps.class, "i64Store8", "(IJ[BI)V"),
    I64_STORE16(MemoryOps.class, "i64Store16", "(IJ[BI)V"),
    I64_STORE32(MemoryOps.class, "i64Store32", "(IJ[BI)V"),
    V128_LOAD_LOW(MemoryOps.class, "v128Load", "(I[BI)J"),
    V128_LOAD_HIGH(MemoryOps.class, "v128LoadHigh", "(I[BI)J"),
    V128_STORE_HALVES(MemoryOps.class, "v128Store", "(IJJ[BI)V"),
    // ---- scalar accesses of memory 0, written out in generated code: the runtime's little-endian byte-array views,
    // called at the call site's own descriptor (VarHandle.get and set are signature-polymorphic), and the size check
    /** {@code MemoryOps.I16}: a {@code byte[]} viewed as little-endian shorts. */
    I16_VIEW(Kind.CONSTANT, MemoryOps.class, "I16", "Ljava/lang/invoke/VarHandle;"),
    I32_VIEW(Kind.CONSTANT, MemoryOps.class, "I32", "Ljava/lang/invoke/VarHandle;"),
    I64_VIEW(Kind.CONSTANT, MemoryOps.class, "I64", "Ljava/lang/invoke/VarHandle;"),
    /** (view, bytes, index): the value; a bad index throws IndexOutOfBoundsException, the out-of-bounds trap. */
    VIEW_GET_I16(Kind.POLYMORPHIC, VarHandle.class, "get", "([BI)S"),
    VIEW_GET_I32(Kind.POLYMORPHIC, VarHandle.class, "get", "([BI)I"),
    VIEW_GET_I64(Kind.POLYMORPHIC, VarHandle.class, "get", "([BI)J"),
    VIEW_SET_I16(Kind.POLYMORPHIC, VarHandle.class, "set", "([BIS)V"),
    VIEW_SET_I32(Kind.POLYMORPHIC, VarHandle.class, "set", "([BII)V"),
    VIEW_SET_I64(Kind.POLYMORPHIC, VarHandle.class, "set", "([BIJ)V"),
    /** (index, length): the index, or IndexOutOfBoundsException; {@code @ForceInline} and intrinsic. */
    CHECK_INDEX(Objects.class, "checkIndex", "(II)I"),
    /** The effective address of an access: (address, offset); -1 when out of any array's range. */
    EFFECTIVE_ADDRESS(MemoryOps.class, "address", "(II)I"),
    /** The effective address of an access, plus some bytes: (address, offset, extra). Vector accesses, once. */
    EFFECTIVE_ADDRESS_PLUS(MemoryOps.class, "address", "(III)I"),
    I32_AT(MemoryOps.class, "i32At", "(I[BI)I"),
    I64_AT(MemoryOps.class, "i64At", "(I[BI)J"),
    F32_AT(MemoryOps.class, "f32At", "(I[BI)F"),
    F64_AT(MemoryOps.class, "f64At", "(I[BI)D"),
    I32_AT_PUT(MemoryOps.class, "i32AtPut", "(II[BI)V"),
    I64_AT_PUT(MemoryOps.class, "i64AtPut", "(IJ[BI)V"),
    F32_AT_PUT(MemoryOps.class, "f32AtPut", "(IF[BI)V"),
    F64_AT_PUT(MemoryOps.class, "f64AtPut", "(ID[BI)V"),
    MEMORY_SIZE(MemoryOps.class, "size", "([B)I"),
    MEMORY_GROW(MemoryOps.class, "grow", "(ILdev/wasm2jar/runtime/Memory;)I"),
    MEMORY_FILL(MemoryOps.class, "fill", "(III[B)V"),
    MEMORY_COPY(MemoryOps.class, "copy", "(III[B)V"),
    MEMORY_INIT(MemoryOps.class, "init", "(III[B[B)V"),
    // The same in a memory whose array may be longer than it: its size in bytes follows the bytes.
    MEMORY_SIZE_BYTES(MemoryOps.class, "size", "(Ldev/wasm2jar/runtime/Memory;)I"),
    I32_LOAD_SIZED(MemoryOps.class, "i32Load", "(I[BII)I"),
    I64_LOAD_SIZED(MemoryOps.class, "i64Load", "(I[BII)J"),
    F32_LOAD_SIZED(MemoryOps.class, "f32Load", "(I[BII)F"),
    F64_LOAD_SIZED(MemoryOps.class, "f64Load", "(I[BII)D"),
    I32_LOAD8_S_SIZED(MemoryOps.class, "i32Load8S", "(I[BII)I"),
    I32_LOAD8_U_SIZED(MemoryOps.class, "i32Load8U", "(I[BII)I"),
    I32_LOAD16_S_SIZED(MemoryOps.class, "i32Load16S", "(I[BII)I"),
    I32_LOAD16_U_SIZED(MemoryOps.class, "i32Load16U", "(I[BII)I"),
    I64_LOAD8_S_SIZED(MemoryOps.class, "i64Load8S", "(I[BII)J"),
    I64_LOAD8_U_SIZED(MemoryOps.class, "i64Load8U", "(I[BII)J"),
    I64_LOAD16_S_SIZED(MemoryOps.class, "i64Load16S", "(I[BII)J"),
    I64_LOAD16_U_SIZED(MemoryOps.class, "i64Load16U", "(I[BII)J"),
    I64_LOAD32_S_SIZED(MemoryOps.class, "i64Load32S", "(I[BII)J"),
    I64_LOAD32_U_SIZED(MemoryOps.class, "i64Load32U", "(I[BII)J"),
    I32_STORE_SIZED(MemoryOps.class, "i32Store", "(II[BII)V"),
    I64_STORE_SIZED(MemoryOps.class, "i64Store", "(IJ[BII)V"),
    F32_STORE_SIZED(MemoryOps.class, "f32Store", "(IF[BII)V"),
    F64_STORE_SIZED(MemoryOps.class, "f64Store", "(ID[BII)V"),
    I32_STORE8_SIZED(MemoryOps.class, "i32Store8", "(II[BII)V"),
    I32_STORE16_SIZED(MemoryOps.class, "i32Store16", "(II[BII)V"),
    I64_STORE8_SIZED(MemoryOps.class, "i64Store8", "(IJ[BII)V"),
    I64_STORE16_SIZED(MemoryOps.class, "i64Store16", "(IJ[BII)V"),
    I64_STORE32_SIZED(MemoryOps.class, "i64Store32", "(IJ[BII)V"),
    V128_LOAD_LOW_SIZED(MemoryOps.class, "v128Load", "(I[BII)J"),
    V128_LOAD_HIGH_SIZED(MemoryOps.class, "v128LoadHigh", "(I[BII)J"),
    V128_STORE_HALVES_SIZED(MemoryOps.class, "v128Store", "(IJJ[BII)V"),
    I32_AT_SIZED(MemoryOps.class, "i32At", "(I[BII)I"),
    I64_AT_SIZED(MemoryOps.class, "i64At", "(I[BII)J"),
    F32_AT_SIZED(MemoryOps.class, "f32At", "(I[BII)F"),
    F64_AT_SIZED(MemoryOps.class, "f64At", "(I[BII)D"),
    I32_AT_PUT_SIZED(MemoryOps.class, "i32AtPut", "(II[BII)V"),
    I64_AT_PUT_SIZED(MemoryOps.class, "i64AtPut", "(IJ[BII)V"),
    F32_AT_PUT_SIZED(MemoryOps.class, "f32AtPut", "(IF[BII)V"),
    F64_AT_PUT_SIZED(MemoryOps.class, "f64AtPut", "(ID[BII)V"),
    MEMORY_PAGES(MemoryOps.class, "pages", "(Ldev/wasm2jar/runtime/Memory;)I"),
    MEMORY_FILL_SIZED(MemoryOps.class, "fill", "(III[BI)V"),
    MEMORY_COPY_SIZED(MemoryOps.class, "copy", "(III[BI)V"),
    MEMORY_INIT_SIZED(MemoryOps.class, "init", "(III[BI[B)V"),
    /** An i64 address or length of a 64-bit memory as an unsigned int, saturated (memory64). */
    MEMORY_U32(MemoryOps.class, "u32", "(J)I"),
    /** {@code memory.copy} between two memories (multi-memory), each with its size or NO_ROOM. */
    MEMORY_COPY_BETWEEN(MemoryOps.class, "copy", "(III[BI[BI)V"),

    // ---- tables: TableOps
    FUNCTION_HANDLE(TableOps.class, "handle", "(Ldev/wasm2jar/runtime/WasmFunction;)Ljava/lang/invoke/MethodHandle;"),
    FUNCTION_TAIL_HANDLE(TableOps.class, "tailHandle",
            "(Ldev/wasm2jar/runtime/WasmFunction;)Ljava/lang/invoke/MethodHandle;"),
    TABLE_ELEMENT(TableOps.class, "element", "(ILdev/wasm2jar/runtime/Table;Ldev/wasm2jar/runtime/FunctionType;)"
            + "Ldev/wasm2jar/runtime/WasmFunction;"),
    TABLE_TAIL_FUNCTION(TableOps.class, "tailFunction",
            "(ILdev/wasm2jar/runtime/Table;Ldev/wasm2jar/runtime/FunctionType;)Ljava/lang/invoke/MethodHandle;"),
    TAIL_CALL_DEFER(TailCalls.class, "defer", "(Ldev/wasm2jar/runtime/WasmFunction;[Ljava/lang/Object;)V"),
    TAIL_CALL_ANY(TailCalls.class, "any", "()Z"),
    TAIL_CALL_TAKE(TailCalls.class, "take", "()Ljava/lang/Object;"),
    TAIL_CALL_RUN(TailCalls.class, "run", "(Ljava/lang/Object;)Ljava/lang/Object;"),
    TABLE_FUNCTION(TableOps.class, "function", "(ILdev/wasm2jar/runtime/Table;Ldev/wasm2jar/runtime/FunctionType;)Ljava/lang/invoke/MethodHandle;"),
    TABLE_GET(TableOps.class, "get", "(ILdev/wasm2jar/runtime/Table;)Ljava/lang/Object;"),
    /** An i64 index or length of a 64-bit table as an unsigned int, saturated (memory64). */
    TABLE_U32(TableOps.class, "u32", "(J)I"),
    TABLE_SET(TableOps.class, "set", "(ILjava/lang/Object;Ldev/wasm2jar/runtime/Table;)V"),
    TABLE_SIZE(TableOps.class, "size", "(Ldev/wasm2jar/runtime/Table;)I"),
    TABLE_GROW(TableOps.class, "grow", "(Ljava/lang/Object;ILdev/wasm2jar/runtime/Table;)I"),
    TABLE_FILL(TableOps.class, "fill", "(ILjava/lang/Object;ILdev/wasm2jar/runtime/Table;)V"),
    TABLE_COPY(TableOps.class, "copy", "(IIILdev/wasm2jar/runtime/Table;Ldev/wasm2jar/runtime/Table;)V"),
    TABLE_INIT(TableOps.class, "init", "(IIILdev/wasm2jar/runtime/Table;[Ljava/lang/Object;)V"),

    // ---- globals that cross a module boundary: GlobalOps
    GLOBAL_GET_I32(GlobalOps.class, "getI32", "(Ldev/wasm2jar/runtime/Global;)I"),
    GLOBAL_GET_I64(GlobalOps.class, "getI64", "(Ldev/wasm2jar/runtime/Global;)J"),
    GLOBAL_GET_F32(GlobalOps.class, "getF32", "(Ldev/wasm2jar/runtime/Global;)F"),
    GLOBAL_GET_F64(GlobalOps.class, "getF64", "(Ldev/wasm2jar/runtime/Global;)D"),
    GLOBAL_GET_V128(GlobalOps.class, "getV128", "(Ldev/wasm2jar/runtime/Global;)Ldev/wasm2jar/runtime/V128;"),
    GLOBAL_GET_REF(GlobalOps.class, "getRef", "(Ldev/wasm2jar/runtime/Global;)Ljava/lang/Object;"),
    GLOBAL_SET_I32(GlobalOps.class, "setI32", "(ILdev/wasm2jar/runtime/Global;)V"),
    GLOBAL_SET_I64(GlobalOps.class, "setI64", "(JLdev/wasm2jar/runtime/Global;)V"),
    GLOBAL_SET_F32(GlobalOps.class, "setF32", "(FLdev/wasm2jar/runtime/Global;)V"),
    GLOBAL_SET_F64(GlobalOps.class, "setF64", "(DLdev/wasm2jar/runtime/Global;)V"),
    GLOBAL_SET_V128(GlobalOps.class, "setV128", "(Ldev/wasm2jar/runtime/V128;Ldev/wasm2jar/runtime/Global;)V"),
    GLOBAL_SET_REF(GlobalOps.class, "setRef", "(Ljava/lang/Object;Ldev/wasm2jar/runtime/Global;)V"),

    // ---- what an instance receives (Linkage) and implements (CompiledInstance)
    LINK_MEMORY(Kind.VIRTUAL, Linkage.class, "memory", "(I)Ldev/wasm2jar/runtime/Memory;"),
    LINK_TABLE(Kind.VIRTUAL, Linkage.class, "table", "(I)Ldev/wasm2jar/runtime/Table;"),
    LINK_GLOBAL(Kind.VIRTUAL, Linkage.class, "global", "(I)Ldev/wasm2jar/runtime/Global;"),
    LINK_IMPORTED_FUNCTION(Kind.VIRTUAL, Linkage.class, "importedFunction", "(I)Ljava/lang/invoke/MethodHandle;"),
    LINK_IMPORTED_CODE(Kind.VIRTUAL, Linkage.class, "importedCode", "(I)Ljava/lang/Object;"),
    // ---- host calls: an import whose type fits HostCall, called with every value as a long, by arity.
    HOST_CALL_0(Kind.INTERFACE, HostCall.class, "call", "()J"),
    HOST_CALL_1(Kind.INTERFACE, HostCall.class, "call", "(J)J"),
    HOST_CALL_2(Kind.INTERFACE, HostCall.class, "call", "(JJ)J"),
    HOST_CALL_3(Kind.INTERFACE, HostCall.class, "call", "(JJJ)J"),
    HOST_CALL_4(Kind.INTERFACE, HostCall.class, "call", "(JJJJ)J"),
    HOST_CALL_5(Kind.INTERFACE, HostCall.class, "call", "(JJJJJ)J"),
    HOST_CALL_6(Kind.INTERFACE, HostCall.class, "call", "(JJJJJJ)J"),
    HOST_CALL_7(Kind.INTERFACE, HostCall.class, "call", "(JJJJJJJ)J"),
    HOST_CALL_8(Kind.INTERFACE, HostCall.class, "call", "(JJJJJJJJ)J"),
    HOST_CALL_9(Kind.INTERFACE, HostCall.class, "call", "(JJJJJJJJJ)J"),
    HOST_CALL_10(Kind.INTERFACE, HostCall.class, "call", "(JJJJJJJJJJ)J"),
    LINK_FUNCTION(Kind.VIRTUAL, Linkage.class, "function", "(I)Ldev/wasm2jar/runtime/WasmFunction;"),
    LINK_DATA(Kind.VIRTUAL, Linkage.class, "data", "(I)[B"),
    LINK_DROP_DATA(Kind.VIRTUAL, Linkage.class, "dropData", "(I)V"),
    LINK_ELEMENTS(Kind.VIRTUAL, Linkage.class, "elements", "(I)[Ljava/lang/Object;"),
    LINK_DROP_ELEMENTS(Kind.VIRTUAL, Linkage.class, "dropElements", "(I)V"),
    INIT_GLOBALS(Kind.IMPLEMENTED, CompiledInstance.class, "initGlobals", "()V"),
    /** A function type from its constant form, for the stubs of {@code call_indirect}. */
    FUNCTION_TYPE(TypeCodec.class, "functionType", "(Ljava/lang/String;)Ldev/wasm2jar/runtime/FunctionType;"),

    // ---- the GC proposal: GcOps, the struct superclass and what modules with GC types implement (GcFactory)
    GC_TYPES(GcOps.class, "types", "(Ljava/lang/String;)[Ldev/wasm2jar/runtime/abi/GcType;"),
    GC_REF_EQ(GcOps.class, "refEq", "(Ljava/lang/Object;Ljava/lang/Object;)Z"),
    GC_I31(GcOps.class, "i31", "(I)Ldev/wasm2jar/runtime/abi/I31;"),
    GC_TEST(GcOps.class, "test", "(Ljava/lang/Object;Ldev/wasm2jar/runtime/abi/GcType;)Z"),
    GC_TEST_FUNCTION(GcOps.class, "testFunction", "(Ljava/lang/Object;Ldev/wasm2jar/runtime/FunctionType;)Z"),
    GC_TEST_FUNCTION_TYPE(GcOps.class, "testFunction",
            "(Ljava/lang/Object;Ldev/wasm2jar/runtime/abi/GcType;Ldev/wasm2jar/runtime/FunctionType;)Z"),
    /** call_indirect's callee in a module with GC types: (index, table, canonical type, signature). */
    GC_FUNCTION(GcOps.class, "function",
            "(ILdev/wasm2jar/runtime/Table;Ldev/wasm2jar/runtime/abi/GcType;Ldev/wasm2jar/runtime/FunctionType;)Ljava/lang/invoke/MethodHandle;"),
    GC_TAIL_FUNCTION(GcOps.class, "tailFunction",
            "(ILdev/wasm2jar/runtime/Table;Ldev/wasm2jar/runtime/abi/GcType;Ldev/wasm2jar/runtime/FunctionType;)Ljava/lang/invoke/MethodHandle;"),
    GC_CAST_FAILURE(GcOps.class, "castFailure", "()Ldev/wasm2jar/runtime/TrapException;"),
    GC_NEW_I8(GcOps.class, "newI8", "(IILdev/wasm2jar/runtime/abi/GcType;)Ldev/wasm2jar/runtime/abi/GcArray$I8;"),
    GC_NEW_I16(GcOps.class, "newI16", "(IILdev/wasm2jar/runtime/abi/GcType;)Ldev/wasm2jar/runtime/abi/GcArray$I16;"),
    GC_NEW_I32(GcOps.class, "newI32", "(IILdev/wasm2jar/runtime/abi/GcType;)Ldev/wasm2jar/runtime/abi/GcArray$I32;"),
    GC_NEW_I64(GcOps.class, "newI64", "(JILdev/wasm2jar/runtime/abi/GcType;)Ldev/wasm2jar/runtime/abi/GcArray$I64;"),
    GC_NEW_F32(GcOps.class, "newF32", "(FILdev/wasm2jar/runtime/abi/GcType;)Ldev/wasm2jar/runtime/abi/GcArray$F32;"),
    GC_NEW_F64(GcOps.class, "newF64", "(DILdev/wasm2jar/runtime/abi/GcType;)Ldev/wasm2jar/runtime/abi/GcArray$F64;"),
    GC_NEW_REF(GcOps.class, "newRef", "(Ljava/lang/Object;ILdev/wasm2jar/runtime/abi/GcType;)Ldev/wasm2jar/runtime/abi/GcArray$Ref;"),
    GC_NEW_DEFAULT(GcOps.class, "newDefault", "(ILdev/wasm2jar/runtime/abi/GcType;)Ldev/wasm2jar/runtime/abi/GcArray;"),
    GC_NEW_DATA(GcOps.class, "newData", "(IILdev/wasm2jar/runtime/abi/GcType;[B)Ldev/wasm2jar/runtime/abi/GcArray;"),
    GC_NEW_ELEM(GcOps.class, "newElem", "(IILdev/wasm2jar/runtime/abi/GcType;[Ljava/lang/Object;)Ldev/wasm2jar/runtime/abi/GcArray;"),
    GC_FILL_I32(GcOps.class, "fillI32", "(Ljava/lang/Object;III)V"),
    GC_FILL_I64(GcOps.class, "fillI64", "(Ljava/lang/Object;IJI)V"),
    GC_FILL_F32(GcOps.class, "fillF32", "(Ljava/lang/Object;IFI)V"),
    GC_FILL_F64(GcOps.class, "fillF64", "(Ljava/lang/Object;IDI)V"),
    GC_FILL_REF(GcOps.class, "fillRef", "(Ljava/lang/Object;ILjava/lang/Object;I)V"),
    GC_COPY(GcOps.class, "copy", "(Ljava/lang/Object;ILjava/lang/Object;II)V"),
    GC_INIT_DATA(GcOps.class, "initData", "(Ljava/lang/Object;III[B)V"),
    GC_INIT_ELEM(GcOps.class, "initElem", "(Ljava/lang/Object;III[Ljava/lang/Object;)V"),
    GC_STRUCT(Kind.SUPER_CONSTRUCTOR, GcStruct.class, "<init>", "(Ldev/wasm2jar/runtime/abi/GcType;)V"),
    GC_TYPE(Kind.IMPLEMENTED, GcFactory.class, "gcType", "(I)Ldev/wasm2jar/runtime/abi/GcType;"),
    GC_NEW_STRUCT(Kind.IMPLEMENTED, GcFactory.class, "newStruct", "(I[Ljava/lang/Object;)Ldev/wasm2jar/runtime/abi/GcStruct;"),

    // ---- traps and the frame of split functions: TrapOps, FrameOps
    TRAP_UNREACHABLE(TrapOps.class, "unreachable", "()Ldev/wasm2jar/runtime/TrapException;"),
    TRAP_NULL_REFERENCE(TrapOps.class, "nullReference", "()Ldev/wasm2jar/runtime/TrapException;"),
    /** Not called by compiled bytecode: the Java facades the Maven plugin generates turn what a call threw into a trap. */
    TRAP_FROM_JAVA(TrapOps.class, "fromJava", "(Ljava/lang/Throwable;)Ljava/lang/RuntimeException;"),
    // ---- exception handling: ExceptionOps, and what a handler reads of the exception it caught
    EXCEPTION_NEW(ExceptionOps.class, "exception",
            "([Ljava/lang/Object;Ldev/wasm2jar/runtime/Tag;)Ldev/wasm2jar/runtime/ThrownException;"),
    EXCEPTION_RETHROW(ExceptionOps.class, "rethrow", "(Ljava/lang/Object;)Ldev/wasm2jar/runtime/ThrownException;"),
    EXCEPTION_TAG(Kind.VIRTUAL, ThrownException.class, "tag", "()Ldev/wasm2jar/runtime/Tag;"),
    EXCEPTION_VALUE(Kind.VIRTUAL, ThrownException.class, "value", "(I)Ljava/lang/Object;"),
    LINK_TAG(Kind.VIRTUAL, Linkage.class, "tag", "(I)Ldev/wasm2jar/runtime/Tag;"),
    FRAME_PUT_I32(FrameOps.class, "putI32", "(I[JI)V"),
    FRAME_PUT_I64(FrameOps.class, "putI64", "(J[JI)V"),
    FRAME_PUT_F32(FrameOps.class, "putF32", "(F[JI)V"),
    FRAME_PUT_F64(FrameOps.class, "putF64", "(D[JI)V"),
    FRAME_PUT_REF(FrameOps.class, "putRef", "(Ljava/lang/Object;[Ljava/lang/Object;I)V"),
    FRAME_GET_I32(FrameOps.class, "getI32", "([JI)I"),
    FRAME_GET_I64(FrameOps.class, "getI64", "([JI)J"),
    FRAME_GET_F32(FrameOps.class, "getF32", "([JI)F"),
    FRAME_GET_F64(FrameOps.class, "getF64", "([JI)D"),
    FRAME_GET_REF(FrameOps.class, "getRef", "([Ljava/lang/Object;I)Ljava/lang/Object;"),

    // ---- metering (modules compiled with it): MeteredInstance, MeterOps
    /** The superclass of a metered module class, whose constructor calls this. */
    METERED_INSTANCE(Kind.SUPER_CONSTRUCTOR, MeteredInstance.class, "<init>", "()V"),
    METER_ENTER(MeterOps.class, "enter", "(Ldev/wasm2jar/runtime/abi/MeteredInstance;)V"),
    METER_LEAVE(MeterOps.class, "leave", "(Ldev/wasm2jar/runtime/abi/MeteredInstance;)V"),
    METER_POLL(MeterOps.class, "poll", "(Ldev/wasm2jar/runtime/abi/MeteredInstance;)V"),

    // ---- numbers: NumericOps (traps, NaN rules, unsigned conversions)
    I32_DIV_S(NumericOps.class, "i32DivS", "(II)I"),
    I32_DIV_U(NumericOps.class, "i32DivU", "(II)I"),
    I32_REM_S(NumericOps.class, "i32RemS", "(II)I"),
    I32_REM_U(NumericOps.class, "i32RemU", "(II)I"),
    I64_DIV_S(NumericOps.class, "i64DivS", "(JJ)J"),
    I64_DIV_U(NumericOps.class, "i64DivU", "(JJ)J"),
    I64_REM_S(NumericOps.class, "i64RemS", "(JJ)J"),
    I64_REM_U(NumericOps.class, "i64RemU", "(JJ)J"),
    F32_MIN(NumericOps.class, "f32Min", "(FF)F"),
    F32_MAX(NumericOps.class, "f32Max", "(FF)F"),
    F64_MIN(NumericOps.class, "f64Min", "(DD)D"),
    F64_MAX(NumericOps.class, "f64Max", "(DD)D"),
    F32_NEAREST(NumericOps.class, "f32Nearest", "(F)F"),
    F64_NEAREST(NumericOps.class, "f64Nearest", "(D)D"),
    F32_CEIL(NumericOps.class, "f32Ceil", "(F)F"),
    F64_CEIL(NumericOps.class, "f64Ceil", "(D)D"),
    F32_FLOOR(NumericOps.class, "f32Floor", "(F)F"),
    F64_FLOOR(NumericOps.class, "f64Floor", "(D)D"),
    F32_TRUNC(NumericOps.class, "f32Trunc", "(F)F"),
    F64_TRUNC(NumericOps.class, "f64Trunc", "(D)D"),
    F32_ABS(NumericOps.class, "f32Abs", "(F)F"),
    F32_NEG(NumericOps.class, "f32Neg", "(F)F"),
    F32_COPYSIGN(NumericOps.class, "f32Copysign", "(FF)F"),
    F64_ABS(NumericOps.class, "f64Abs", "(D)D"),
    F64_NEG(NumericOps.class, "f64Neg", "(D)D"),
    F64_COPYSIGN(NumericOps.class, "f64Copysign", "(DD)D"),
    I32_TRUNC_F32_S(NumericOps.class, "i32TruncF32S", "(F)I"),
    I32_TRUNC_F32_U(NumericOps.class, "i32TruncF32U", "(F)I"),
    I32_TRUNC_F64_S(NumericOps.class, "i32TruncF64S", "(D)I"),
    I32_TRUNC_F64_U(NumericOps.class, "i32TruncF64U", "(D)I"),
    I64_TRUNC_F32_S(NumericOps.class, "i64TruncF32S", "(F)J"),
    I64_TRUNC_F32_U(NumericOps.class, "i64TruncF32U", "(F)J"),
    I64_TRUNC_F64_S(NumericOps.class, "i64TruncF64S", "(D)J"),
    I64_TRUNC_F64_U(NumericOps.class, "i64TruncF64U", "(D)J"),
    I32_TRUNC_SAT_F32_S(NumericOps.class, "i32TruncSatF32S", "(F)I"),
    I32_TRUNC_SAT_F32_U(NumericOps.class, "i32TruncSatF32U", "(F)I"),
    I32_TRUNC_SAT_F64_S(NumericOps.class, "i32TruncSatF64S", "(D)I"),
    I32_TRUNC_SAT_F64_U(NumericOps.class, "i32TruncSatF64U", "(D)I"),
    I64_TRUNC_SAT_F32_S(NumericOps.class, "i64TruncSatF32S", "(F)J"),
    I64_TRUNC_SAT_F32_U(NumericOps.class, "i64TruncSatF32U", "(F)J"),
    I64_TRUNC_SAT_F64_S(NumericOps.class, "i64TruncSatF64S", "(D)J"),
    I64_TRUNC_SAT_F64_U(NumericOps.class, "i64TruncSatF64U", "(D)J"),
    F32_CONVERT_I32_U(NumericOps.class, "f32ConvertI32U", "(I)F"),
    F64_CONVERT_I32_U(NumericOps.class, "f64ConvertI32U", "(I)D"),
    F32_CONVERT_I64_U(NumericOps.class, "f32ConvertI64U", "(J)F"),
    F64_CONVERT_I64_U(NumericOps.class, "f64ConvertI64U", "(J)D"),

    // ---- vectors: V128Ops for whole vectors and the forms they take, one class per lane type
    V128_BOX(V128Ops.class, "box", "(JJ)Ldev/wasm2jar/runtime/V128;"),
    V128_LO(V128Ops.class, "lo", "(Ldev/wasm2jar/runtime/V128;)J"),
    V128_HI(V128Ops.class, "hi", "(Ldev/wasm2jar/runtime/V128;)J"),
    V128_PACK(V128Ops.class, "pack", "(II)J"),
    V128_PACK_FLOATS(V128Ops.class, "packFloats", "(FF)J"),
    V128_ANDNOT(V128Ops.class, "andnot", "(JJ)J"),
    V128_ANDNOT_INTS(V128Ops.class, "andnot", "(II)I"),
    V128_BITSELECT(V128Ops.class, "bitselect", "(JJJ)J"),
    V128_BITSELECT_INTS(V128Ops.class, "bitselect", "(III)I"),
    V128_ANY_TRUE(V128Ops.class, "anyTrue", "(JJ)I"),
    V128_ANY_TRUE_INTS(V128Ops.class, "anyTrue", "(IIII)I"),
    V128_SHUFFLE(V128Ops.class, "shuffle", "(JJJJJ)J"),
    V128_SWIZZLE(V128Ops.class, "swizzle", "(JJJ)J"),
    I8X16_SPLAT(I8x16Ops.class, "splat", "(I)J"),
    I8X16_WITH_LANE(I8x16Ops.class, "withLane", "(JII)J"),
    I8X16_ADD(I8x16Ops.class, "add", "(JJ)J"),
    I8X16_SUB(I8x16Ops.class, "sub", "(JJ)J"),
    I8X16_NEG(I8x16Ops.class, "neg", "(J)J"),
    I8X16_EQ(I8x16Ops.class, "eq", "(JJ)J"),
    I8X16_NE(I8x16Ops.class, "ne", "(JJ)J"),
    I8X16_LT_S(I8x16Ops.class, "ltS", "(JJ)J"),
    I8X16_LT_U(I8x16Ops.class, "ltU", "(JJ)J"),
    I8X16_GT_S(I8x16Ops.class, "gtS", "(JJ)J"),
    I8X16_GT_U(I8x16Ops.class, "gtU", "(JJ)J"),
    I8X16_LE_S(I8x16Ops.class, "leS", "(JJ)J"),
    I8X16_LE_U(I8x16Ops.class, "leU", "(JJ)J"),
    I8X16_GE_S(I8x16Ops.class, "geS", "(JJ)J"),
    I8X16_GE_U(I8x16Ops.class, "geU", "(JJ)J"),
    I8X16_MIN_S(I8x16Ops.class, "minS", "(JJ)J"),
    I8X16_MIN_U(I8x16Ops.class, "minU", "(JJ)J"),
    I8X16_MAX_S(I8x16Ops.class, "maxS", "(JJ)J"),
    I8X16_MAX_U(I8x16Ops.class, "maxU", "(JJ)J"),
    I8X16_AVGR_U(I8x16Ops.class, "avgrU", "(JJ)J"),
    I8X16_ABS(I8x16Ops.class, "abs", "(J)J"),
    I8X16_POPCNT(I8x16Ops.class, "popcnt", "(J)J"),
    I8X16_ADD_SAT_U(I8x16Ops.class, "addSatU", "(JJ)J"),
    I8X16_SUB_SAT_U(I8x16Ops.class, "subSatU", "(JJ)J"),
    I8X16_ADD_SAT_S(I8x16Ops.class, "addSatS", "(JJ)J"),
    I8X16_SUB_SAT_S(I8x16Ops.class, "subSatS", "(JJ)J"),
    I8X16_SHL(I8x16Ops.class, "shl", "(JI)J"),
    I8X16_SHR_U(I8x16Ops.class, "shrU", "(JI)J"),
    I8X16_SHR_S(I8x16Ops.class, "shrS", "(JI)J"),
    I8X16_NARROW_S(I8x16Ops.class, "narrowS", "(JJ)J"),
    I8X16_NARROW_U(I8x16Ops.class, "narrowU", "(JJ)J"),
    I8X16_ALL_TRUE(I8x16Ops.class, "allTrue", "(JJ)I"),
    I8X16_BITMASK(I8x16Ops.class, "bitmask", "(JJ)I"),
    I16X8_SPLAT(I16x8Ops.class, "splat", "(I)J"),
    I16X8_WITH_LANE(I16x8Ops.class, "withLane", "(JII)J"),
    I16X8_ADD(I16x8Ops.class, "add", "(JJ)J"),
    I16X8_SUB(I16x8Ops.class, "sub", "(JJ)J"),
    I16X8_NEG(I16x8Ops.class, "neg", "(J)J"),
    I16X8_MUL(I16x8Ops.class, "mul", "(JJ)J"),
    I16X8_EQ(I16x8Ops.class, "eq", "(JJ)J"),
    I16X8_NE(I16x8Ops.class, "ne", "(JJ)J"),
    I16X8_LT_S(I16x8Ops.class, "ltS", "(JJ)J"),
    I16X8_LT_U(I16x8Ops.class, "ltU", "(JJ)J"),
    I16X8_GT_S(I16x8Ops.class, "gtS", "(JJ)J"),
    I16X8_GT_U(I16x8Ops.class, "gtU", "(JJ)J"),
    I16X8_LE_S(I16x8Ops.class, "leS", "(JJ)J"),
    I16X8_LE_U(I16x8Ops.class, "leU", "(JJ)J"),
    I16X8_GE_S(I16x8Ops.class, "geS", "(JJ)J"),
    I16X8_GE_U(I16x8Ops.class, "geU", "(JJ)J"),
    I16X8_MIN_S(I16x8Ops.class, "minS", "(JJ)J"),
    I16X8_MIN_U(I16x8Ops.class, "minU", "(JJ)J"),
    I16X8_MAX_S(I16x8Ops.class, "maxS", "(JJ)J"),
    I16X8_MAX_U(I16x8Ops.class, "maxU", "(JJ)J"),
    I16X8_AVGR_U(I16x8Ops.class, "avgrU", "(JJ)J"),
    I16X8_ABS(I16x8Ops.class, "abs", "(J)J"),
    I16X8_ADD_SAT_U(I16x8Ops.class, "addSatU", "(JJ)J"),
    I16X8_SUB_SAT_U(I16x8Ops.class, "subSatU", "(JJ)J"),
    I16X8_ADD_SAT_S(I16x8Ops.class, "addSatS", "(JJ)J"),
    I16X8_SUB_SAT_S(I16x8Ops.class, "subSatS", "(JJ)J"),
    I16X8_Q15MULR_SAT_S(I16x8Ops.class, "q15mulrSatS", "(JJ)J"),
    I16X8_SHL(I16x8Ops.class, "shl", "(JI)J"),
    I16X8_SHR_U(I16x8Ops.class, "shrU", "(JI)J"),
    I16X8_SHR_S(I16x8Ops.class, "shrS", "(JI)J"),
    I16X8_NARROW_S(I16x8Ops.class, "narrowS", "(JJ)J"),
    I16X8_NARROW_U(I16x8Ops.class, "narrowU", "(JJ)J"),
    I16X8_EXTEND_LOW_S(I16x8Ops.class, "extendLowS", "(J)J"),
    I16X8_EXTEND_HIGH_S(I16x8Ops.class, "extendHighS", "(J)J"),
    I16X8_EXTEND_LOW_U(I16x8Ops.class, "extendLowU", "(J)J"),
    I16X8_EXTEND_HIGH_U(I16x8Ops.class, "extendHighU", "(J)J"),
    I16X8_EXTMUL_LOW_S(I16x8Ops.class, "extmulLowS", "(JJ)J"),
    I16X8_EXTMUL_HIGH_S(I16x8Ops.class, "extmulHighS", "(JJ)J"),
    I16X8_EXTMUL_LOW_U(I16x8Ops.class, "extmulLowU", "(JJ)J"),
    I16X8_EXTMUL_HIGH_U(I16x8Ops.class, "extmulHighU", "(JJ)J"),
    I16X8_EXTADD_PAIRWISE_S(I16x8Ops.class, "extaddPairwiseS", "(J)J"),
    I16X8_EXTADD_PAIRWISE_U(I16x8Ops.class, "extaddPairwiseU", "(J)J"),
    I16X8_ALL_TRUE(I16x8Ops.class, "allTrue", "(JJ)I"),
    I16X8_BITMASK(I16x8Ops.class, "bitmask", "(JJ)I"),
    I32X4_MIN_U(I32x4Ops.class, "minU", "(II)I"),
    I32X4_MAX_U(I32x4Ops.class, "maxU", "(II)I"),
    I32X4_EQ(I32x4Ops.class, "eq", "(II)I"),
    I32X4_NE(I32x4Ops.class, "ne", "(II)I"),
    I32X4_LT_S(I32x4Ops.class, "ltS", "(II)I"),
    I32X4_LT_U(I32x4Ops.class, "ltU", "(II)I"),
    I32X4_GT_S(I32x4Ops.class, "gtS", "(II)I"),
    I32X4_GT_U(I32x4Ops.class, "gtU", "(II)I"),
    I32X4_LE_S(I32x4Ops.class, "leS", "(II)I"),
    I32X4_LE_U(I32x4Ops.class, "leU", "(II)I"),
    I32X4_GE_S(I32x4Ops.class, "geS", "(II)I"),
    I32X4_GE_U(I32x4Ops.class, "geU", "(II)I"),
    I32X4_ALL_TRUE(I32x4Ops.class, "allTrue", "(IIII)I"),
    I32X4_BITMASK(I32x4Ops.class, "bitmask", "(IIII)I"),
    I32X4_DOT(I32x4Ops.class, "dot", "(JJ)J"),
    I32X4_EXTEND_LOW_S(I32x4Ops.class, "extendLowS", "(J)J"),
    I32X4_EXTEND_HIGH_S(I32x4Ops.class, "extendHighS", "(J)J"),
    I32X4_EXTEND_LOW_U(I32x4Ops.class, "extendLowU", "(J)J"),
    I32X4_EXTEND_HIGH_U(I32x4Ops.class, "extendHighU", "(J)J"),
    I32X4_EXTMUL_LOW_S(I32x4Ops.class, "extmulLowS", "(JJ)J"),
    I32X4_EXTMUL_HIGH_S(I32x4Ops.class, "extmulHighS", "(JJ)J"),
    I32X4_EXTMUL_LOW_U(I32x4Ops.class, "extmulLowU", "(JJ)J"),
    I32X4_EXTMUL_HIGH_U(I32x4Ops.class, "extmulHighU", "(JJ)J"),
    I32X4_EXTADD_PAIRWISE_S(I32x4Ops.class, "extaddPairwiseS", "(J)J"),
    I32X4_EXTADD_PAIRWISE_U(I32x4Ops.class, "extaddPairwiseU", "(J)J"),
    I64X2_EQ(I64x2Ops.class, "eq", "(JJ)J"),
    I64X2_NE(I64x2Ops.class, "ne", "(JJ)J"),
    I64X2_LT_S(I64x2Ops.class, "ltS", "(JJ)J"),
    I64X2_GT_S(I64x2Ops.class, "gtS", "(JJ)J"),
    I64X2_LE_S(I64x2Ops.class, "leS", "(JJ)J"),
    I64X2_GE_S(I64x2Ops.class, "geS", "(JJ)J"),
    I64X2_ALL_TRUE(I64x2Ops.class, "allTrue", "(JJ)I"),
    I64X2_BITMASK(I64x2Ops.class, "bitmask", "(JJ)I"),
    I64X2_EXTEND_LOW_S(I64x2Ops.class, "extendLowS", "(J)J"),
    I64X2_EXTEND_HIGH_S(I64x2Ops.class, "extendHighS", "(J)J"),
    I64X2_EXTEND_LOW_U(I64x2Ops.class, "extendLowU", "(J)J"),
    I64X2_EXTEND_HIGH_U(I64x2Ops.class, "extendHighU", "(J)J"),
    I64X2_EXTMUL_LOW_S(I64x2Ops.class, "extmulLowS", "(JJ)J"),
    I64X2_EXTMUL_HIGH_S(I64x2Ops.class, "extmulHighS", "(JJ)J"),
    I64X2_EXTMUL_LOW_U(I64x2Ops.class, "extmulLowU", "(JJ)J"),
    I64X2_EXTMUL_HIGH_U(I64x2Ops.class, "extmulHighU", "(JJ)J"),
    F32X4_EQ(F32x4Ops.class, "eq", "(FF)I"),
    F32X4_NE(F32x4Ops.class, "ne", "(FF)I"),
    F32X4_LT(F32x4Ops.class, "lt", "(FF)I"),
    F32X4_GT(F32x4Ops.class, "gt", "(FF)I"),
    F32X4_LE(F32x4Ops.class, "le", "(FF)I"),
    F32X4_GE(F32x4Ops.class, "ge", "(FF)I"),
    F32X4_PMIN(F32x4Ops.class, "pmin", "(FF)F"),
    F32X4_PMAX(F32x4Ops.class, "pmax", "(FF)F"),
    F32X4_SQRT(F32x4Ops.class, "sqrt", "(F)F"),
    F64X2_EQ(F64x2Ops.class, "eq", "(DD)J"),
    F64X2_NE(F64x2Ops.class, "ne", "(DD)J"),
    F64X2_LT(F64x2Ops.class, "lt", "(DD)J"),
    F64X2_GT(F64x2Ops.class, "gt", "(DD)J"),
    F64X2_LE(F64x2Ops.class, "le", "(DD)J"),
    F64X2_GE(F64x2Ops.class, "ge", "(DD)J"),
    F64X2_PMIN(F64x2Ops.class, "pmin", "(DD)D"),
    F64X2_PMAX(F64x2Ops.class, "pmax", "(DD)D"),

    // ---- relaxed SIMD's own helpers (the rest reuse the deterministic instructions' above)
    F32X4_RELAXED_MADD(F32x4Ops.class, "relaxedMadd", "(FFF)F"),
    F32X4_RELAXED_NMADD(F32x4Ops.class, "relaxedNmadd", "(FFF)F"),
    F64X2_RELAXED_MADD(F64x2Ops.class, "relaxedMadd", "(DDD)D"),
    F64X2_RELAXED_NMADD(F64x2Ops.class, "relaxedNmadd", "(DDD)D"),
    I16X8_RELAXED_DOT(I16x8Ops.class, "relaxedDot", "(JJ)J"),
    I32X4_RELAXED_DOT_ADD(I32x4Ops.class, "relaxedDotAdd", "(JJJ)J"),

    // ---- the JDK's intrinsics, where they have wasm's exact semantics
    INTEGER_ROTATE_LEFT(Integer.class, "rotateLeft", "(II)I"),
    INTEGER_ROTATE_RIGHT(Integer.class, "rotateRight", "(II)I"),
    INTEGER_LEADING_ZEROS(Integer.class, "numberOfLeadingZeros", "(I)I"),
    INTEGER_TRAILING_ZEROS(Integer.class, "numberOfTrailingZeros", "(I)I"),
    INTEGER_BIT_COUNT(Integer.class, "bitCount", "(I)I"),
    INTEGER_COMPARE_UNSIGNED(Integer.class, "compareUnsigned", "(II)I"),
    INTEGER_TO_UNSIGNED_LONG(Integer.class, "toUnsignedLong", "(I)J"),
    LONG_ROTATE_LEFT(Long.class, "rotateLeft", "(JI)J"),
    LONG_ROTATE_RIGHT(Long.class, "rotateRight", "(JI)J"),
    LONG_LEADING_ZEROS(Long.class, "numberOfLeadingZeros", "(J)I"),
    LONG_TRAILING_ZEROS(Long.class, "numberOfTrailingZeros", "(J)I"),
    LONG_BIT_COUNT(Long.class, "bitCount", "(J)I"),
    LONG_COMPARE_UNSIGNED(Long.class, "compareUnsigned", "(JJ)I"),
    MATH_SQRT(Math.class, "sqrt", "(D)D"),
    MATH_ABS_INT(Math.class, "abs", "(I)I"),
    MATH_ABS_LONG(Math.class, "abs", "(J)J"),
    MATH_MIN_INT(Math.class, "min", "(II)I"),
    MATH_MAX_INT(Math.class, "max", "(II)I"),
    FLOAT_TO_RAW_BITS(Float.class, "floatToRawIntBits", "(F)I"),
    FLOAT_FROM_BITS(Float.class, "intBitsToFloat", "(I)F"),
    DOUBLE_TO_RAW_BITS(Double.class, "doubleToRawLongBits", "(D)J"),
    DOUBLE_FROM_BITS(Double.class, "longBitsToDouble", "(J)D"),
    INTEGER_BOX(Integer.class, "valueOf", "(I)Ljava/lang/Integer;"),
    LONG_BOX(Long.class, "valueOf", "(J)Ljava/lang/Long;"),
    FLOAT_BOX(Float.class, "valueOf", "(F)Ljava/lang/Float;"),
    DOUBLE_BOX(Double.class, "valueOf", "(D)Ljava/lang/Double;"),
    INTEGER_UNBOX(Kind.VIRTUAL, Integer.class, "intValue", "()I"),
    LONG_UNBOX(Kind.VIRTUAL, Long.class, "longValue", "()J"),
    FLOAT_UNBOX(Kind.VIRTUAL, Float.class, "floatValue", "()F"),
    DOUBLE_UNBOX(Kind.VIRTUAL, Double.class, "doubleValue", "()D");

    /** How generated code uses a method. */
    public enum Kind {
        /** Calls it with {@code invokestatic}. */
        STATIC,
        /** Calls it with {@code invokevirtual} on an object of the owner class. */
        VIRTUAL,
        /** Calls it with {@code invokeinterface} on an object that implements the owner interface. */
        INTERFACE,
        /** Implements it: an abstract method of an interface that generated classes implement. */
        IMPLEMENTED,
        /** Extends its owner: the constructor that generated classes call with {@code invokespecial}. */
        SUPER_CONSTRUCTOR,
        /** Reads it with {@code getstatic}: a {@code public static final} field, whose name and type these are. */
        CONSTANT,
        /**
         * Calls it with {@code invokevirtual} at this descriptor: a signature-polymorphic method of {@code VarHandle},
         * whose descriptor is the call site's.
         */
        POLYMORPHIC
    }

    private final Kind kind;
    private final Class<?> owner;
    private final String ownerName;
    private final String method;
    private final String descriptor;

    Builtin(Class<?> owner, String method, String descriptor) {
        this(Kind.STATIC, owner, method, descriptor);
    }

    Builtin(Kind kind, Class<?> owner, String method, String descriptor) {
        this.kind = kind;
        this.owner = owner;
        this.ownerName = Type.getInternalName(owner);
        this.method = method;
        this.descriptor = descriptor;
    }

    public Kind kind() {
        return kind;
    }

    public Class<?> ownerClass() {
        return owner;
    }

    /** The owner's internal name, {@code dev/wasm2jar/runtime/abi/MemoryOps}. */
    public String owner() {
        return ownerName;
    }

    public String method() {
        return method;
    }

    public String descriptor() {
        return descriptor;
    }

    /** {@link HostCall}'s {@code call} of {@code arity} parameters. */
    public static Builtin hostCall(int arity) {
        return valueOf("HOST_CALL_" + arity);
    }

    /**
     * Emits the call: its operands (and for a virtual method the receiver, below them) are on the stack. For a
     * constant, emits the read of the field.
     */
    public void invoke(MethodVisitor mv) {
        if (kind == Kind.IMPLEMENTED) {
            throw new IllegalStateException(this + " is implemented by generated code, not called");
        }
        if (kind == Kind.CONSTANT) {
            mv.visitFieldInsn(GETSTATIC, ownerName, method, descriptor);
            return;
        }
        int opcode = switch (kind) {
            case STATIC -> INVOKESTATIC;
            case SUPER_CONSTRUCTOR -> INVOKESPECIAL;
            case INTERFACE -> INVOKEINTERFACE;
            default -> INVOKEVIRTUAL;
        };
        mv.visitMethodInsn(opcode, ownerName, method, descriptor, kind == Kind.INTERFACE);
    }
}
