package dev.wasm2jar.runtime;

import dev.wasm2jar.runtime.internal.Boxing;
import dev.wasm2jar.runtime.internal.Traps;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;

/**
 * A function reference: a wasm function of some instance, or a host function written in Java. This is the value of
 * {@code funcref}, the element of function tables, and what an instance exports for a function.
 *
 * <p>{@link #handle()} is the fast path: an exact method handle of {@link FunctionType#methodType()}, with no
 * boxing. {@link #call} is the convenient path: boxed arguments and results, every failure a {@link WasmException}.
 */
public final class WasmFunction {
    /** A host function's code in boxed form; see {@link WasmFunction#host}. */
    @FunctionalInterface
    public interface HostCode {
        /** Arguments boxed as Integer, Long, Float, Double, V128 or references; returns the results the same way. */
        Object[] call(Object... args);
    }

    /** The handle of {@link HostCode#call}, in a class of its own: most runs never make it. */
    private static final class Handles {
        static final MethodHandle HOST_CALL;

        static {
            try {
                HOST_CALL = MethodHandles.lookup().findVirtual(HostCode.class, "call",
                        MethodType.methodType(Object[].class, Object[].class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private final FunctionType type;
    private final String name;
    // Made on first use when the function was created by lazy(): a benign race, since every handle maker makes
    // equivalent handles and a MethodHandle is safely published through its final fields.
    private MethodHandle handle;
    private Supplier<MethodHandle> maker;
    // The same for the tail handle of a compiled function that makes tail calls; null makers otherwise.
    private MethodHandle tailHandle;
    private Supplier<MethodHandle> tailMaker;
    // The host call of a function made by lazyCall, made on first use as the handle is; null makers otherwise.
    private HostCall hostCall;
    private Supplier<HostCall> callMaker;
    /** The canonical type of a function of a module with GC types, for casts and call_indirect; null otherwise. */
    private volatile dev.wasm2jar.runtime.abi.GcType gcType;

    private WasmFunction(FunctionType type, MethodHandle handle, String name, Supplier<MethodHandle> maker) {
        this.type = type;
        this.handle = handle;
        this.name = name;
        this.maker = maker;
    }

    /** A function from a method handle; the handle is adapted to the exact JVM type of {@code type}. */
    public static WasmFunction of(FunctionType type, MethodHandle handle, String name) {
        return new WasmFunction(type, handle.asType(type.methodType()), name, null);
    }

    /**
     * A function whose method handle {@code maker} makes when it is first needed (a call, {@link #handle()}), and
     * adapted as {@link #of} adapts it. An instance makes its function references so: a table of a thousand
     * functions, most never called, would otherwise cost a thousand method handles at start-up (each new JVM
     * signature spins classes of the JDK's).
     */
    public static WasmFunction lazy(FunctionType type, String name, Supplier<MethodHandle> maker) {
        return new WasmFunction(type, null, name, java.util.Objects.requireNonNull(maker));
    }

    /**
     * {@link #lazy(FunctionType, String, Supplier)} for a compiled function that makes tail calls: {@code maker} makes
     * the handle that runs it as a whole, {@code tailMaker} the one of its body without the entry that finishes the
     * tail calls deferred to it, which a tail call to it invokes (RATIONALE.md, "Tail calls").
     */
    public static WasmFunction lazy(FunctionType type, String name, Supplier<MethodHandle> maker,
            Supplier<MethodHandle> tailMaker) {
        WasmFunction f = lazy(type, name, maker);
        f.tailMaker = java.util.Objects.requireNonNull(tailMaker);
        return f;
    }

    /**
     * A host function whose code is a {@link HostCall} that {@code maker} makes when it is first needed (a call,
     * {@link #hostCall()} or {@link #handle()}). Compiled code calls it directly, without a method handle.
     *
     * @throws IllegalArgumentException when functions of {@code type} cannot be host calls ({@link HostCall#fits})
     */
    public static WasmFunction lazyCall(FunctionType type, String name, Supplier<HostCall> maker) {
        if (!HostCall.fits(type)) {
            throw new IllegalArgumentException("a function of type " + type + " cannot be a host call");
        }
        WasmFunction f = new WasmFunction(type, null, name, null);
        f.callMaker = java.util.Objects.requireNonNull(maker);
        return f;
    }

    /**
     * The host call of a function made by {@link #lazyCall}, made now if it was not yet; null for any other function,
     * whose {@link #handle()} is its code.
     */
    public HostCall hostCall() {
        if (callMaker == null) {
            return null;
        }
        HostCall c = hostCall;
        if (c == null) {
            c = callMaker.get();
            if (c == null) {
                throw new NullPointerException("the host call of " + name + " is null");
            }
            hostCall = c;
        }
        return c;
    }

    /** A host function from boxed Java code, for embedders and tests; prefer {@link #of} on hot paths. */
    public static WasmFunction host(FunctionType type, String name, HostCode code) {
        MethodHandle boxed = Handles.HOST_CALL.bindTo(code).asCollector(Object[].class, type.params().size());
        MethodHandle unboxed = MethodHandles.filterReturnValue(boxed, Boxing.resultsFromArray(type));
        return new WasmFunction(type, unboxed.asType(type.methodType()), name, null);
    }

    public FunctionType type() {
        return type;
    }

    /**
     * The function's type as the GC proposal knows it (canonical across modules, with its declared supertypes), for
     * a function of a module that defines GC types; null for any other, whose {@link #type()} says all.
     */
    public dev.wasm2jar.runtime.abi.GcType gcType() {
        return gcType;
    }

    /** Sets {@link #gcType()}: the runtime does, for the functions of a module with GC types. */
    public WasmFunction withGcType(dev.wasm2jar.runtime.abi.GcType type) {
        this.gcType = type;
        return this;
    }

    /**
     * Whether this function may stand where a function of canonical type {@code expected}, of signature
     * {@code signature}, is expected: by canonical types when both are known, else by signature.
     */
    public boolean matches(dev.wasm2jar.runtime.abi.GcType expected, FunctionType signature) {
        dev.wasm2jar.runtime.abi.GcType own = gcType;
        if (own == null && expected == null) {
            return type.equals(signature);
        }
        // One side is of a module without GC types: its type is the plain (final) one of its signature.
        dev.wasm2jar.runtime.abi.GcType mine = own != null ? own : dev.wasm2jar.runtime.abi.GcTypes.plain(type);
        dev.wasm2jar.runtime.abi.GcType wanted = expected != null ? expected
                : dev.wasm2jar.runtime.abi.GcTypes.plain(signature);
        return mine != null && wanted != null ? mine.isSubtypeOf(wanted) : type.equals(signature);
    }

    /** A name for messages and stack traces: the export or host name, or {@code func[N]}. */
    public String name() {
        return name;
    }

    /**
     * The exact method handle: invoke it with {@code invokeExact} and the JVM types of {@link #type()}. Traps come out
     * as they happen in compiled code; {@link #call} turns every one into a {@link WasmException}.
     */
    public MethodHandle handle() {
        MethodHandle h = handle;
        return h != null ? h : make();
    }

    private MethodHandle make() {
        MethodHandle h = callMaker != null ? dev.wasm2jar.runtime.internal.HostCalls.handle(type, hostCall())
                : maker.get().asType(type.methodType());
        handle = h;
        return h;
    }

    /**
     * The handle a tail call to this function invokes, of the same type as {@link #handle()}: for a compiled function
     * that itself makes tail calls, its body without its entry; for any other, {@link #handle()}. Only compiled code
     * should call it: the body may return a dummy result with a tail call deferred to the entry below it.
     */
    public MethodHandle tailHandle() {
        if (tailMaker == null) {
            return handle();
        }
        MethodHandle h = tailHandle;
        if (h == null) {
            h = tailMaker.get().asType(type.methodType());
            tailHandle = h;
        }
        return h;
    }

    /** Calls with boxed arguments (Integer, Long, Float, Double, V128, references) and returns the results boxed. */
    public Object[] call(Object... args) {
        if (args.length != type.params().size()) {
            throw new IllegalArgumentException(name + " takes " + type.params().size() + " arguments, not " + args.length);
        }
        Object result;
        try {
            if (args.length == 0 && type.results().isEmpty()) {
                // A command's _start, a reactor's _initialize: invokeExact, since invokeWithArguments spins classes
                // of the JDK's for its spreading (start-up; RATIONALE.md).
                handle().invokeExact();
                return new Object[0];
            }
            result = handle().invokeWithArguments(args);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("arguments " + java.util.Arrays.toString(args) + " do not match " + type);
        } catch (Throwable t) {
            throw Traps.translate(t);
        }
        return Boxing.resultsToArray(type, result);
    }

    @Override
    public String toString() {
        return name + ": " + type;
    }
}
