package dev.wasm2jar.bench.nn;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorByteSize;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorData;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.nn.NnConfig;
import dev.wasm2jar.nn.WasiNn;
import dev.wasm2jar.nn.internal.image.ImageDecoder;
import dev.wasm2jar.nn.internal.spec.ImageFormat;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.host.Linker;
import dev.wasm2jar.wasi.Wasi;
import dev.wasm2jar.wasi.WasiConfig;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One image classification (MobileNet v2 1.0 224 quantized, on grace_hopper.jpg resized once in the setup):
 * <ul>
 *   <li>{@code guest}: guests/rust/nn_bench.rs compiled by wasm2jar, whose {@code classify} calls wasi-nn's
 *       set_input, compute and get_output and picks the best score in wasm;</li>
 *   <li>{@code java}: the same through bytedeco's TensorFlow Lite called from Java, as nn-impl's backend makes its
 *       interpreter (default op resolver, XNNPACK, 2 threads): copy the input in, invoke, copy the scores out, pick
 *       the best.</li>
 * </ul>
 * Both must answer 653 (military uniform) in the setup, or the trial fails. bin/nn-bench runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClassifyBenchmark {
    private static final int SIZE = 224;
    private static final int CLASSES = 1001;
    private static final int MILITARY_UNIFORM = 653;

    private Wasi wasi;
    private WasiNn nn;
    private MethodHandle classify;
    private int inputAt;

    private BytePointer modelBytes;
    private FlatBufferModel model;
    private Interpreter interpreter;
    private TfLiteTensor input;
    private TfLiteTensor output;
    private byte[] pixels;
    private final byte[] scores = new byte[CLASSES];

    @Setup
    public void setup() throws Throwable {
        byte[] modelFile = Files.readAllBytes(path("bench.nn.models", "../shared/models")
                .resolve("mobilenet_v2_1.0_224_quant.tflite"));
        pixels = new byte[SIZE * SIZE * 3];
        ImageDecoder.decode(Files.readAllBytes(path("bench.nn.images", "../shared/images").resolve("grace_hopper.jpg")),
                SIZE, SIZE, ImageFormat.RGB8, pixels, 0, pixels.length);

        byte[] guest = Files.readAllBytes(path("bench.nn.guest", "guests/wasm/nn_bench.wasm"));
        wasi = Wasi.create(WasiConfig.defaults());
        nn = WasiNn.create(NnConfig.defaults());
        Instance instance = Linker.create().with(wasi).with(nn)
                .instantiate(Compiler.compile(guest, new CompilerOptions("bench.NnBench")).load());
        Memory memory = instance.memory("memory");
        MethodHandle alloc = instance.function("alloc").handle();
        int modelAt = (int) alloc.invokeExact(modelFile.length);
        memory.write(modelAt, modelFile);
        int code = (int) instance.function("prepare").handle().invokeExact(modelAt, modelFile.length, CLASSES);
        check(code == 0, "prepare failed with wasi-nn error " + code);
        inputAt = (int) alloc.invokeExact(pixels.length);
        memory.write(inputAt, pixels);
        classify = instance.function("classify").handle();
        check(guest() == MILITARY_UNIFORM, "the guest does not see a military uniform: " + guest());

        modelBytes = new BytePointer(modelFile.length).put(modelFile, 0, modelFile.length);
        model = FlatBufferModel.BuildFromBuffer(modelBytes, modelFile.length);
        interpreter = new Interpreter((Pointer) null);
        try (InterpreterBuilder builder = new InterpreterBuilder(model, new BuiltinOpResolver())) {
            builder.SetNumThreads(2);
            check(builder.apply(interpreter) == 0 && interpreter.AllocateTensors() == 0, "no interpreter");
        }
        input = interpreter.input_tensor(0);
        output = interpreter.output_tensor(0);
        check(TfLiteTensorByteSize(input) == pixels.length && TfLiteTensorByteSize(output) == CLASSES, "shapes");
        check(java() == MILITARY_UNIFORM, "Java does not see a military uniform: " + java());
    }

    @TearDown
    public void tearDown() throws IOException {
        nn.close();
        wasi.close();
        interpreter.close();
        model.close();
        modelBytes.close();
    }

    @Benchmark
    public int guest() throws Throwable {
        return (int) classify.invokeExact(inputAt, SIZE, SIZE);
    }

    @Benchmark
    public int java() {
        new BytePointer(TfLiteTensorData(input)).capacity(pixels.length).put(pixels, 0, pixels.length);
        check(interpreter.Invoke() == 0, "inference failed");
        new BytePointer(TfLiteTensorData(output)).capacity(CLASSES).get(scores, 0, CLASSES);
        int best = 0;
        for (int i = 1; i < CLASSES; i++) {
            if ((scores[i] & 0xff) > (scores[best] & 0xff)) {
                best = i;
            }
        }
        return best;
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
