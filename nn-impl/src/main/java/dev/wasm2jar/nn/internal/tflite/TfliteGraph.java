package dev.wasm2jar.nn.internal.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterAllocateTensors;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterCreate;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterDelete;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsCreate;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsDelete;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsSetErrorReporter;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsSetNumThreads;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteModelCreateWithErrorReporter;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteModelDelete;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

import dev.wasm2jar.nn.Backend;
import dev.wasm2jar.nn.NnError;
import dev.wasm2jar.nn.NnException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;

/**
 * A model: its bytes copied to native memory (TensorFlow Lite reads them in place for as long as any interpreter of
 * the model lives) and the {@code TfLiteModel} over them. The graph handle and each context hold a reference; the
 * last release frees both, so a context keeps working after its graph is unloaded, as in WasmEdge.
 */
final class TfliteGraph implements Backend.Graph {
    private final BytePointer bytes;
    private final TfLiteModel model;
    private int references = 1;
    private boolean closed;

    private TfliteGraph(BytePointer bytes, TfLiteModel model) {
        this.bytes = bytes;
        this.model = model;
    }

    /** Copies {@code modelBytes} and verifies them as a model (TensorFlow Lite checks the whole FlatBuffer). */
    static TfliteGraph load(byte[] modelBytes) throws NnException {
        TfliteNatives.require();
        if (modelBytes.length == 0) {
            throw new NnException(NnError.INVALID_ARGUMENT, "the model is empty");
        }
        BytePointer bytes = new BytePointer(modelBytes.length);
        bytes.put(modelBytes, 0, modelBytes.length);
        TfLiteModel model;
        try (ErrorLog log = ErrorLog.capture()) {
            model = TfLiteModelCreateWithErrorReporter(bytes, modelBytes.length, ErrorLog.REPORTER, null);
            if (model == null || model.isNull()) {
                bytes.close();
                throw new NnException(NnError.INVALID_ARGUMENT, "not a TensorFlow Lite model" + log.reason());
            }
        }
        return new TfliteGraph(bytes, model);
    }

    @Override
    public synchronized Backend.ExecutionContext newContext() throws NnException {
        if (closed) {
            throw new NnException(NnError.INVALID_ARGUMENT, "the graph is unloaded");
        }
        TfLiteInterpreterOptions options = TfLiteInterpreterOptionsCreate();
        TfLiteInterpreter interpreter;
        try (ErrorLog log = ErrorLog.capture()) {
            TfLiteInterpreterOptionsSetNumThreads(options, TfliteBackend.THREADS);
            TfLiteInterpreterOptionsSetErrorReporter(options, ErrorLog.REPORTER, null);
            interpreter = TfLiteInterpreterCreate(model, options);
            if (interpreter == null || interpreter.isNull()) {
                throw new NnException(NnError.BUSY, "TensorFlow Lite cannot make an interpreter" + log.reason());
            }
            if (TfLiteInterpreterAllocateTensors(interpreter) != kTfLiteOk) {
                TfLiteInterpreterDelete(interpreter);
                throw new NnException(NnError.BUSY, "TensorFlow Lite cannot allocate the tensors" + log.reason());
            }
        } finally {
            TfLiteInterpreterOptionsDelete(options);
        }
        references++;
        return new TfliteContext(this, interpreter);
    }

    /** Drops the graph handle's reference. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Drops one reference; the last frees the model and its bytes. */
    synchronized void release() {
        if (--references == 0) {
            TfLiteModelDelete(model);
            bytes.close();
        }
    }
}
