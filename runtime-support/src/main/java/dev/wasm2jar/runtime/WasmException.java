package dev.wasm2jar.runtime;

import dev.wasm2jar.runtime.internal.Traps;

/** Every error wasm2jar reports about a module: one subclass per assertion kind of the WebAssembly spec tests. The message is the spec's wording, with where it happened when that is known. */
public abstract class WasmException extends RuntimeException {
    /**
     * An error with the spec's message.
     *
     * @param message what went wrong
     */
    public WasmException(String message) {
        super(message);
    }

    /**
     * An error with the spec's message and what caused it.
     *
     * @param message what went wrong
     * @param cause the JVM's error behind it
     */
    public WasmException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What a call through {@link WasmFunction#handle()} threw, as the spec's error, as {@link WasmFunction#call}
     * reports it: a trap stays a {@link TrapException}, an array index out of bounds becomes
     * {@code out of bounds memory access}, a {@link StackOverflowError} an {@link ExhaustionException}; other runtime
     * exceptions pass as they are. Callers of {@code invokeExact}, such as the Maven plugin's facades, rethrow it.
     *
     * @param thrown what the call threw
     * @return the exception to throw; an {@link Error} other than stack overflow is thrown from here
     */
    public static RuntimeException translate(Throwable thrown) {
        return Traps.translate(thrown);
    }
}
