package dev.wasm2jar.compiler;

/**
 * A module that the compiler cannot turn into JVM classes, with the reason: it needs a feature wasm2jar does not
 * compile ({@link UnsupportedFeatureException}), or it exceeds a limit of the JVM.
 */
public class CompilationException extends RuntimeException {
    public CompilationException(String message) {
        super(message);
    }
}
