package dev.wasm2jar.nn.internal.tflite;

import dev.wasm2jar.nn.backend.Backend;
import dev.wasm2jar.nn.backend.ExecutionTarget;
import dev.wasm2jar.nn.backend.GraphEncoding;
import dev.wasm2jar.nn.backend.NnError;
import dev.wasm2jar.nn.backend.NnException;
import java.util.List;

/**
 * TensorFlow Lite (bytedeco's build of 2.20) with the checks and codes of WasmEdge's wasi-nn backend
 * (plugins/wasi_nn/wasinn_tfl.cpp): one builder, the model's bytes; CPU only; interpreters of {@value #THREADS}
 * threads, as WasmEdge makes them.
 */
public final class TfliteBackend implements Backend {
    /** The interpreter threads, as WasmEdge sets them. */
    static final int THREADS = 2;

    @Override
    public GraphEncoding encoding() {
        return GraphEncoding.TENSORFLOWLITE;
    }

    @Override
    public Graph load(List<byte[]> builders, ExecutionTarget target) throws NnException {
        if (target != ExecutionTarget.CPU) {
            throw new NnException(NnError.INVALID_ARGUMENT, "TensorFlow Lite runs on the CPU only, not on "
                    + target);
        }
        if (builders.size() != 1) {
            throw new NnException(NnError.INVALID_ARGUMENT, "TensorFlow Lite takes one graph builder (the model),"
                    + " not " + builders.size());
        }
        TfliteNatives.require(); // before TfliteGraph, whose class needs bytedeco's on the class path
        return TfliteGraph.load(builders.get(0));
    }
}
