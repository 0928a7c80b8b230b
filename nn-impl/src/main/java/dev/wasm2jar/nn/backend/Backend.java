package dev.wasm2jar.nn.backend;

import java.util.List;

/**
 * An inference engine behind wasi-nn: it loads {@link Graph}s of one {@link GraphEncoding}, a graph makes
 * {@link ExecutionContext}s, and a context takes inputs, computes and gives outputs. The host functions check every
 * guest pointer and length before calling in; a backend checks what only it knows (tensor counts, sizes and types)
 * before touching native memory, and reports every failure as an {@link NnException}, never by crashing.
 *
 * <p>Handles, locking against concurrent calls, and the lifetime rule that a context keeps its graph's model alive
 * after {@code unload} belong to the backend's objects; the host functions call {@link Graph#close} and
 * {@link ExecutionContext#close} when the guest unloads or finalizes.
 */
public interface Backend {
    /** The encoding this backend loads. */
    GraphEncoding encoding();

    /**
     * A graph from the guest's builders: for TensorFlow Lite one, the bytes of a {@code .tflite} model. The builders
     * are copies the backend may keep.
     *
     * @throws NnException {@link NnError#INVALID_ARGUMENT} for bad model bytes, a wrong number of builders or an
     *     unsupported target; {@link NnError#RUNTIME_ERROR} when the engine cannot start
     */
    Graph load(List<byte[]> builders, ExecutionTarget target) throws NnException;

    /** A loaded model. */
    interface Graph extends AutoCloseable {
        /** A new execution context (an interpreter with its own tensors). */
        ExecutionContext newContext() throws NnException;

        /** Releases the graph; contexts made from it stay usable until they are closed. */
        @Override
        void close();
    }

    /** One inference session: inputs, compute, outputs. Not for concurrent use by several threads at once. */
    interface ExecutionContext extends AutoCloseable {
        /** How many input tensors the graph has. */
        int inputCount();

        /** How many output tensors the graph has. */
        int outputCount();

        /** The element type of input {@code index}, or null when wasi-nn has no name for it. */
        TensorType inputType(int index) throws NnException;

        /** The name of input {@code index} (WasmEdge's {@code wasmedge_tensorflowlite} finds inputs by name). */
        String inputName(int index) throws NnException;

        /** The name of output {@code index}. */
        String outputName(int index) throws NnException;

        /**
         * Sets input {@code index} to the {@code length} bytes of {@code data} from {@code offset}, of element type
         * {@code type} and shape {@code dimensions}; a null {@code type} and {@code dimensions} check the size alone.
         *
         * @throws NnException {@link NnError#INVALID_ARGUMENT} when the index, size, shape or type differ from the
         *     graph's
         */
        void setInput(int index, TensorType type, int[] dimensions, byte[] data, int offset, int length)
                throws NnException;

        /** Runs the graph on the inputs set. */
        void compute() throws NnException;

        /** The size in bytes of output {@code index}. */
        int outputSize(int index) throws NnException;

        /**
         * Copies output {@code index}, all {@link #outputSize} bytes of it, to {@code out} at {@code offset}.
         *
         * @throws NnException {@link NnError#TOO_LARGE} when it does not fit
         */
        void copyOutput(int index, byte[] out, int offset) throws NnException;

        /** {@code compute_single}, the streaming step some engines have: unsupported unless a backend has it. */
        default void computeSingle() throws NnException {
            throw unsupported("compute_single");
        }

        /** {@code get_output_single}: the output of one streaming step; returns the bytes written. */
        default int getOutputSingle(int index, byte[] out, int offset, int max) throws NnException {
            throw unsupported("get_output_single");
        }

        /** {@code fini_single}: ends a stream. */
        default void finiSingle() throws NnException {
            throw unsupported("fini_single");
        }

        /** Releases the context. */
        @Override
        void close();

        private static NnException unsupported(String what) {
            return new NnException(NnError.UNSUPPORTED_OPERATION, what + " is not supported by this backend");
        }
    }
}
