package dev.wasm2jar.compiler;

/**
 * A module that the compiler cannot turn into JVM classes, with the reason, such as a limit of the JVM. (One that
 * needs a feature wasm2jar does not compile is a {@link dev.wasm2jar.runtime.UnsupportedFeatureException}.)
 */
public class CompilationException extends RuntimeException {
    public CompilationException(String message) {
        super(message);
    }
}
