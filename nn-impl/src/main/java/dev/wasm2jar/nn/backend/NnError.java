package dev.wasm2jar.nn.backend;

/**
 * The error codes of {@code wasi_ephemeral_nn}, with WasmEdge's numbers (plugins/wasi_nn/wasinntypes.h,
 * {@code ErrNo}). Every wasi-nn function returns one; 0 is success.
 */
public enum NnError {
    SUCCESS(0),
    /** The guest passed a bad argument: a handle that does not resolve, a range outside its memory, a wrong size. */
    INVALID_ARGUMENT(1),
    /** A graph encoding no backend here loads. */
    INVALID_ENCODING(2),
    MISSING_MEMORY(3),
    BUSY(4),
    /** The backend failed: its natives did not load, or inference failed. */
    RUNTIME_ERROR(5),
    /** The backend has no such operation (the {@code *_single} streaming calls, for TensorFlow Lite). */
    UNSUPPORTED_OPERATION(6),
    /** An output does not fit the guest's buffer. */
    TOO_LARGE(7),
    /** {@code load_by_name} of a name nothing was preloaded as. */
    NOT_FOUND(8),
    END_OF_SEQUENCE(100),
    CONTEXT_FULL(101),
    PROMPT_TOO_LONG(102),
    MODEL_NOT_FOUND(103);

    /** The number the guest gets. */
    public final int code;

    NnError(int code) {
        this.code = code;
    }
}
