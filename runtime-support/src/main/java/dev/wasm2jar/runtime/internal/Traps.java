package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.WasmException;

/**
 * Turns what compiled code throws into the spec's errors. Compiled code lets the JVM's own checks do part of the
 * work: a memory access out of bounds is the array's IndexOutOfBoundsException, a struct field of a null
 * reference the NullPointerException of a getfield, call-stack exhaustion is StackOverflowError. They become
 * {@link WasmException}s here, at the boundary.
 */
public final class Traps {
    private Traps() {}

    public static RuntimeException translate(Throwable t) {
        if (t instanceof WasmException w) {
            return w;
        }
        if (t instanceof IndexOutOfBoundsException) {
            return new TrapException("out of bounds memory access", t);
        }
        if (t instanceof NullPointerException) {
            // Compiled code reads and writes struct fields with getfield and putfield and lets the JVM check null.
            return new TrapException("null reference", t);
        }
        if (t instanceof StackOverflowError) {
            return new ExhaustionException("call stack exhausted", t);
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
