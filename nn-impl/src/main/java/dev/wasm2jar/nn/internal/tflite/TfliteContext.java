package dev.wasm2jar.nn.internal.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorByteSize;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorData;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorDim;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorName;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorNumDims;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorType;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat16;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteUInt8;

import dev.wasm2jar.nn.backend.Backend;
import dev.wasm2jar.nn.backend.NnError;
import dev.wasm2jar.nn.backend.NnException;
import dev.wasm2jar.nn.backend.TensorType;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * An interpreter with its tensors allocated. Every copy into or out of a tensor is checked against the tensor's
 * byte size first, and the Java side of it against the array, so no guest value reaches native code unchecked.
 */
final class TfliteContext implements Backend.ExecutionContext {
    private final TfliteGraph graph;
    private Interpreter interpreter; // null once closed
    private final TfLiteTensor[] inputs;
    private final TfLiteTensor[] outputs;

    TfliteContext(TfliteGraph graph, Interpreter interpreter) {
        this.graph = graph;
        this.interpreter = interpreter;
        inputs = new TfLiteTensor[(int) interpreter.inputs().limit()]; // JavaCPP sizes a std::vector's pointer
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = interpreter.input_tensor(i);
        }
        outputs = new TfLiteTensor[(int) interpreter.outputs().limit()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = interpreter.output_tensor(i);
        }
    }

    @Override
    public int inputCount() {
        return inputs.length;
    }

    @Override
    public int outputCount() {
        return outputs.length;
    }

    @Override
    public synchronized TensorType inputType(int index) throws NnException {
        return typeOf(tensor(inputs, index, "input"));
    }

    @Override
    public synchronized String inputName(int index) throws NnException {
        return TfLiteTensorName(tensor(inputs, index, "input")).getString();
    }

    @Override
    public synchronized String outputName(int index) throws NnException {
        return TfLiteTensorName(tensor(outputs, index, "output")).getString();
    }

    @Override
    public synchronized void setInput(int index, TensorType type, int[] dimensions, byte[] data, int offset,
            int length) throws NnException {
        TfLiteTensor tensor = tensor(inputs, index, "input");
        long size = TfLiteTensorByteSize(tensor);
        if (size != length) {
            throw invalid("input " + index + " has " + size + " bytes, not " + length);
        }
        if (dimensions != null) {
            int[] shape = shape(tensor);
            if (!Arrays.equals(shape, dimensions)) {
                throw invalid("input " + index + " has the shape " + Arrays.toString(shape) + ", not "
                        + Arrays.toString(dimensions));
            }
        }
        if (type != null && type != typeOf(tensor)) {
            throw invalid("input " + index + " is of type " + typeName(tensor) + ", not " + type);
        }
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        data(tensor).put(data, offset, length);
    }

    @Override
    public synchronized void compute() throws NnException {
        if (live().Invoke() != kTfLiteOk) {
            throw new NnException(NnError.BUSY, "the inference failed");
        }
    }

    @Override
    public synchronized int outputSize(int index) throws NnException {
        return (int) TfLiteTensorByteSize(tensor(outputs, index, "output"));
    }

    @Override
    public synchronized void copyOutput(int index, byte[] out, int offset) throws NnException {
        TfLiteTensor tensor = tensor(outputs, index, "output");
        int size = (int) TfLiteTensorByteSize(tensor);
        if (offset < 0 || size > out.length - offset) {
            throw new NnException(NnError.TOO_LARGE, "output " + index + " has " + size + " bytes; "
                    + Math.max(0, out.length - Math.max(0, offset)) + " fit");
        }
        data(tensor).get(out, offset, size);
    }

    @Override
    public synchronized void close() {
        if (interpreter != null) {
            interpreter.close();
            interpreter = null;
            graph.release();
        }
    }

    private Interpreter live() throws NnException {
        if (interpreter == null) {
            throw invalid("the execution context is finalized");
        }
        return interpreter;
    }

    private TfLiteTensor tensor(TfLiteTensor[] tensors, int index, String what) throws NnException {
        live();
        if (index < 0 || index >= tensors.length) {
            throw invalid("no " + what + " " + Integer.toUnsignedString(index) + "; the graph has "
                    + tensors.length);
        }
        return tensors[index];
    }

    /** The tensor's bytes, sized so that JavaCPP's copies check their length too. */
    private static BytePointer data(TfLiteTensor tensor) throws NnException {
        Pointer p = TfLiteTensorData(tensor);
        if (p == null || p.isNull()) {
            throw new NnException(NnError.RUNTIME_ERROR, "the tensor has no memory");
        }
        return new BytePointer(p).capacity(TfLiteTensorByteSize(tensor));
    }

    private static int[] shape(TfLiteTensor tensor) {
        int[] shape = new int[TfLiteTensorNumDims(tensor)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = TfLiteTensorDim(tensor, i);
        }
        return shape;
    }

    /** The wasi-nn type of a TensorFlow Lite type, as WasmEdge maps them (u8, f16, f32, i32), or null. */
    private static TensorType typeOf(TfLiteTensor tensor) {
        return switch (TfLiteTensorType(tensor)) {
            case kTfLiteUInt8 -> TensorType.U8;
            case kTfLiteFloat16 -> TensorType.F16;
            case kTfLiteFloat32 -> TensorType.F32;
            case kTfLiteInt32 -> TensorType.I32;
            default -> null;
        };
    }

    private static String typeName(TfLiteTensor tensor) {
        TensorType t = typeOf(tensor);
        return t != null ? t.toString() : "TensorFlow Lite type " + TfLiteTensorType(tensor) + " (unsupported)";
    }

    private static NnException invalid(String message) {
        return new NnException(NnError.INVALID_ARGUMENT, message);
    }
}
