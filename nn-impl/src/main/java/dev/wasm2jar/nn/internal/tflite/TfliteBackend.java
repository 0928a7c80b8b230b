package dev.wasm2jar.nn.internal.tflite;

import dev.wasm2jar.nn.Backend;
import dev.wasm2jar.nn.ExecutionTarget;
import dev.wasm2jar.nn.GraphEncoding;
import dev.wasm2jar.nn.NnError;
import dev.wasm2jar.nn.NnException;
import java.util.List;

/**
 * TensorFlow Lite through its C API (bytedeco's build), as WasmEdge's wasi-nn backend uses it
 * (plugins/wasi_nn/wasinn_tfl.cpp): one builder, the model's bytes; CPU only; interpreters of {@value #THREADS}
 * threads.
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
        return TfliteGraph.load(builders.get(0));
    }
}
