package dev.wasm2jar.compiler;

/**
 * How to compile a module.
 *
 * @param className the binary name of the generated module class, such as {@code com.example.Add}
 */
public record CompilerOptions(String className) {
    public static final String DEFAULT_CLASS_NAME = "wasm.Module";

    public CompilerOptions {
        if (className == null || className.isBlank() || className.startsWith(".") || className.endsWith(".")) {
            throw new IllegalArgumentException("not a class name: " + className);
        }
    }

    public static CompilerOptions defaults() {
        return new CompilerOptions(DEFAULT_CLASS_NAME);
    }

    public CompilerOptions withClassName(String name) {
        return new CompilerOptions(name);
    }
}
