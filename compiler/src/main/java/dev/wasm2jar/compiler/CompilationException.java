package dev.wasm2jar.compiler;

/** A valid module that the compiler cannot turn into JVM classes, with the reason. */
public class CompilationException extends RuntimeException {
    public CompilationException(String message) {
        super(message);
    }
}
