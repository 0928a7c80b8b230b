package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.Tag;
import dev.wasm2jar.runtime.ThrownException;
import dev.wasm2jar.runtime.TrapException;

/**
 * Exception handling for compiled code. {@code throw} makes a {@link ThrownException} here and throws it with
 * {@code athrow}; a {@code try_table} is a range of the JVM's exception table whose handler catches
 * {@code ThrownException} only (never a trap) and compares its tag by identity; an {@code exnref} is the
 * {@code ThrownException} itself, so {@code throw_ref} throws the same object again.
 */
public final class ExceptionOps {
    private ExceptionOps() {}

    /** {@code throw}: the exception of {@code tag} with {@code values}, boxed, one per parameter of its type. */
    public static ThrownException exception(Object[] values, Tag tag) {
        return new ThrownException(tag, values);
    }

    /** {@code throw_ref}: the exception to throw again; a null reference traps. */
    public static ThrownException rethrow(Object exnref) {
        if (exnref == null) {
            throw new TrapException("null exception reference");
        }
        return (ThrownException) exnref;
    }
}
