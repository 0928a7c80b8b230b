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

    /**
     * The spec's message for a null dereference, told from the field the JVM names ("Cannot read field \"f0\""): a
     * struct's fields are {@code f0}, {@code f1} ..., an array's {@code values} and {@code length}, an i31's
     * {@code value}; "null reference" when the message says nothing of these.
     */
    static String nullReference(NullPointerException e) {
        String m = e.getMessage();
        if (m == null) {
            return "null reference";
        }
        if (m.contains("field \"values\"") || m.contains("field \"length\"")) {
            return "null array reference";
        }
        if (m.contains("field \"value\"")) {
            return "null i31 reference";
        }
        return m.matches("(?s).*field \"f[0-9]+\".*") ? "null structure reference" : "null reference";
    }

    public static RuntimeException translate(Throwable t) {
        if (t instanceof WasmException w) {
            return w;
        }
        if (t instanceof IndexOutOfBoundsException) {
            return new TrapException("out of bounds memory access", t);
        }
        if (t instanceof NullPointerException npe) {
            // Compiled code reads and writes struct fields with getfield and putfield and lets the JVM check null.
            return new TrapException(nullReference(npe), t);
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
