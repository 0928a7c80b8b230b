package dev.wasm2jar.compiler.internal.model;

/**
 * A valid module that no JVM class can hold as compiled (too many parameter slots, a {@code br_table} no method can
 * fit): thrown by the compiler's stages, which must not depend on its public package, and reported by
 * {@code Compiler} as a {@code CompilationException} with this message.
 */
public final class JvmLimitException extends RuntimeException {
    public JvmLimitException(String message) {
        super(message);
    }
}
