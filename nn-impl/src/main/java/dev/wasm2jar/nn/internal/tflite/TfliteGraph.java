package dev.wasm2jar.nn.internal.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteModelCreateWithErrorReporter;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteModelDelete;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

import dev.wasm2jar.nn.backend.Backend;
import dev.wasm2jar.nn.backend.NnError;
import dev.wasm2jar.nn.backend.NnException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteModel;

/**
 * A model: its bytes copied to native memory (TensorFlow Lite reads them in place for as long as any interpreter of
 * the model lives) and the {@code FlatBufferModel} over them. The graph handle and each context hold a reference;
 * the last release frees both, so a context keeps working after its graph is unloaded, as in WasmEdge.
 *
 * <p>Interpreters come from the C++ API with the default op resolver, which hands the graph to the XNNPACK delegate:
 * on the quantized MobileNets about eight times faster than the C API's interpreter, which does not (RATIONALE.md).
 */
final class TfliteGraph implements Backend.Graph {
    /** The op resolver of every interpreter: builtin ops, and XNNPACK as the default delegate. */
    private static final class Resolver {
        static final BuiltinOpResolver INSTANCE = new BuiltinOpResolver();
    }

    private final BytePointer bytes;
    private final FlatBufferModel model;
    private int references = 1;
    private boolean closed;

    private TfliteGraph(BytePointer bytes, FlatBufferModel model) {
        this.bytes = bytes;
        this.model = model;
    }

    /** Copies {@code modelBytes} and verifies them as a model (TensorFlow Lite checks the whole FlatBuffer). */
    static TfliteGraph load(byte[] modelBytes) throws NnException {
        if (modelBytes.length == 0) {
            throw new NnException(NnError.INVALID_ARGUMENT, "the model is empty");
        }
        BytePointer bytes = new BytePointer(modelBytes.length);
        bytes.put(modelBytes, 0, modelBytes.length);
        // The C API verifies the FlatBuffer and reports to us, not to stderr; the C++ model is then built unverified.
        try (ErrorLog log = ErrorLog.capture()) {
            TfLiteModel verified = TfLiteModelCreateWithErrorReporter(bytes, modelBytes.length, ErrorLog.REPORTER,
                    null);
            if (verified == null || verified.isNull()) {
                bytes.close();
                throw new NnException(NnError.INVALID_ARGUMENT, "not a TensorFlow Lite model" + log.reason());
            }
            TfLiteModelDelete(verified);
        }
        FlatBufferModel model = FlatBufferModel.BuildFromBuffer(bytes, modelBytes.length);
        if (model == null || model.isNull()) {
            bytes.close();
            throw new NnException(NnError.INVALID_ARGUMENT, "not a TensorFlow Lite model");
        }
        return new TfliteGraph(bytes, model);
    }

    @Override
    public synchronized Backend.ExecutionContext newContext() throws NnException {
        if (closed) {
            throw new NnException(NnError.INVALID_ARGUMENT, "the graph is unloaded");
        }
        Interpreter interpreter = new Interpreter((Pointer) null); // the builder fills it in
        try (InterpreterBuilder builder = new InterpreterBuilder(model, Resolver.INSTANCE)) {
            builder.SetNumThreads(TfliteBackend.THREADS);
            if (builder.apply(interpreter) != kTfLiteOk || interpreter.isNull()) {
                throw new NnException(NnError.BUSY, "TensorFlow Lite cannot make an interpreter for this model");
            }
        }
        if (interpreter.AllocateTensors() != kTfLiteOk) {
            interpreter.close();
            throw new NnException(NnError.BUSY, "TensorFlow Lite cannot allocate the model's tensors");
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
            model.close();
            bytes.close();
        }
    }
}
