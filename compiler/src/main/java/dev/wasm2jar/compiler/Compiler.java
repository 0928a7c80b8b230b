package dev.wasm2jar.compiler;

import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;

/** Compiles a WebAssembly module into JVM classes. */
public final class Compiler {
    private Compiler() {}

    /**
     * Decodes, validates and compiles {@code wasm}.
     *
     * @throws MalformedException when the bytes do not decode
     * @throws InvalidException when the module does not validate
     */
    public static CompiledModule compile(byte[] wasm, CompilerOptions options) {
        throw new UnsupportedOperationException("not yet");
    }
}
