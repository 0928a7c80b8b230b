package dev.wasm2jar.runtime;

import dev.wasm2jar.runtime.internal.Boxing;
import dev.wasm2jar.runtime.internal.Traps;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

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

    private static final MethodHandle HOST_CALL;

    static {
        try {
            HOST_CALL = MethodHandles.lookup().findVirtual(HostCode.class, "call",
                    MethodType.methodType(Object[].class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FunctionType type;
    private final MethodHandle handle;
    private final MethodHandle tailHandle;
    private final String name;

    private WasmFunction(FunctionType type, MethodHandle handle, MethodHandle tailHandle, String name) {
        this.type = type;
        this.handle = handle;
        this.tailHandle = tailHandle;
        this.name = name;
    }

    /** A function from a method handle; the handle is adapted to the exact JVM type of {@code type}. */
    public static WasmFunction of(FunctionType type, MethodHandle handle, String name) {
        MethodHandle exact = handle.asType(type.methodType());
        return new WasmFunction(type, exact, exact, name);
    }

    /**
     * A compiled function that makes tail calls: {@code handle} runs it as a whole, {@code tailHandle} its body
     * without the entry that finishes the tail calls it unwinds (what a tail call to it invokes: see RATIONALE.md,
     * "Tail calls").
     */
    public static WasmFunction of(FunctionType type, MethodHandle handle, MethodHandle tailHandle, String name) {
        return new WasmFunction(type, handle.asType(type.methodType()), tailHandle.asType(type.methodType()), name);
    }

    /** A host function from boxed Java code, for embedders and tests; prefer {@link #of} on hot paths. */
    public static WasmFunction host(FunctionType type, String name, HostCode code) {
        MethodHandle boxed = HOST_CALL.bindTo(code).asCollector(Object[].class, type.params().size());
        MethodHandle unboxed = MethodHandles.filterReturnValue(boxed, Boxing.resultsFromArray(type));
        MethodHandle exact = unboxed.asType(type.methodType());
        return new WasmFunction(type, exact, exact, name);
    }

    public FunctionType type() {
        return type;
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
        return handle;
    }

    /**
     * The handle a tail call to this function invokes, of the same type as {@link #handle()}: for a compiled function
     * that itself makes tail calls, its body without the entry that catches them; for any other, the handle itself.
     * Only compiled code should call it: what it throws may include the internal {@code TailCall}.
     */
    public MethodHandle tailHandle() {
        return tailHandle;
    }

    /** Calls with boxed arguments (Integer, Long, Float, Double, V128, references) and returns the results boxed. */
    public Object[] call(Object... args) {
        if (args.length != type.params().size()) {
            throw new IllegalArgumentException(name + " takes " + type.params().size() + " arguments, not " + args.length);
        }
        Object result;
        try {
            result = handle.invokeWithArguments(args);
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
