package dev.wasm2jar.wasi.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a function group as the WASI function {@link #value()}. Its wasm type comes from its Java
 * signature ({@code int} is i32, {@code long} is i64); a method returning {@code int} returns an errno and may throw
 * what {@link ErrnoMapping} maps.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HostFunction {
    /** The function's name in {@code wasi_snapshot_preview1}, such as {@code fd_write}. */
    String value();

    /** Present only in preview 1, not in {@code wasi_unstable}. */
    boolean preview1Only() default false;
}
