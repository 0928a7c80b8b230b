package dev.wasm2jar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wasm2jar.nn.internal.image.ImageDecoder;
import dev.wasm2jar.nn.internal.spec.ImageFormat;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.host.Linker;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error codes of every function, through guests/wat/nn-calls.wat, which exports the imports as they are: the
 * tests call them with the pointers and lengths they choose. Uses the small MobileNet (input [1, 128, 128, 3] u8,
 * output [1, 1001] u8).
 */
class NnCallsTest {
    // wasi-nn's codes
    private static final int SUCCESS = 0;
    private static final int INVALID_ARGUMENT = 1;
    private static final int INVALID_ENCODING = 2;
    private static final int MISSING_MEMORY = 3;
    private static final int UNSUPPORTED = 6;
    private static final int TOO_LARGE = 7;
    private static final int NOT_FOUND = 8;
    private static final int TFLITE = 4;
    private static final int CPU = 0;
    private static final int U8 = 3;

    // Where things are in the guest's 4 MiB
    private static final int GRAPH = 0x10;
    private static final int CONTEXT = 0x14;
    private static final int WRITTEN = 0x18;
    private static final int NAME = 0x40;
    private static final int BUILDERS = 0x100;
    private static final int TENSOR = 0x200;
    private static final int DIMS = 0x300;
    private static final int OUTPUT = 0x1000;
    private static final int INPUT = 0x10000;
    private static final int MODEL = 0x100000;
    private static final int END = 64 * Memory.PAGE_SIZE;
    private static final int INPUT_SIZE = 128 * 128 * 3;

    private static final byte[] MODEL_BYTES = TestData.bytes(TestData.model(TestData.SMALL));

    private WasiNn nn;
    private Instance guest;
    private Memory memory;

    @BeforeEach
    void link() {
        link(NnConfig.defaults().withPreload(NnConfig.Preload.parse("small:TensorflowLite:CPU:"
                + TestData.model(TestData.SMALL))));
    }

    private void link(NnConfig config) {
        nn = WasiNn.create(config);
        guest = Linker.create().with(nn).instantiate(Guests.module("nn-calls"));
        memory = guest.memory("memory");
    }

    @AfterEach
    void close() {
        nn.close();
    }

    private int call(String name, int... args) {
        Object[] boxed = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            boxed[i] = args[i];
        }
        return (Integer) guest.function(name).call(boxed)[0];
    }

    /** load of {@code bytes} as one builder; returns the code. */
    private int load(byte[] bytes, int encoding, int target) {
        memory.write(MODEL, bytes);
        memory.writeI32(BUILDERS, MODEL);
        memory.writeI32(BUILDERS + 4, bytes.length);
        return call("load", BUILDERS, 1, encoding, target, GRAPH);
    }

    /** A loaded graph and a context of it; returns the context. */
    private int context() {
        assertEquals(SUCCESS, load(MODEL_BYTES, TFLITE, CPU));
        assertEquals(SUCCESS, call("init_execution_context", memory.readI32(GRAPH), CONTEXT));
        return memory.readI32(CONTEXT);
    }

    /** set_input of a tensor of shape {@code dims}, type {@code type}, {@code length} bytes at {@code data}. */
    private int setInput(int context, int index, int type, int data, int length, int... dims) {
        for (int i = 0; i < dims.length; i++) {
            memory.writeI32(DIMS + 4 * i, dims[i]);
        }
        memory.writeI32(TENSOR, DIMS);
        memory.writeI32(TENSOR + 4, dims.length);
        memory.writeI32(TENSOR + 8, type);
        memory.writeI32(TENSOR + 12, data);
        memory.writeI32(TENSOR + 16, length);
        return call("set_input", context, index, TENSOR);
    }

    private void cat() throws Exception {
        byte[] pixels = new byte[INPUT_SIZE];
        ImageDecoder.decode(TestData.bytes(TestData.image("cat.bmp")), 128, 128, ImageFormat.RGB8, pixels, 0,
                pixels.length);
        memory.write(INPUT, pixels);
    }

    private int top() {
        byte[] scores = memory.read(OUTPUT, 1001);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if ((scores[i] & 0xff) > (scores[best] & 0xff)) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void classifiesThroughEveryCall() throws Exception {
        int context = context();
        cat();
        assertEquals(SUCCESS, setInput(context, 0, U8, INPUT, INPUT_SIZE, 1, 128, 128, 3));
        assertEquals(SUCCESS, call("compute", context));
        assertEquals(SUCCESS, call("get_output", context, 0, OUTPUT, 2000, WRITTEN));
        assertEquals(1001, memory.readI32(WRITTEN));
        assertEquals(286, top(), "Egyptian cat");
        assertEquals(SUCCESS, call("finalize_execution_context", context));
        assertEquals(SUCCESS, call("unload", memory.readI32(GRAPH)));
    }

    @Test
    void badModelsAreInvalidArguments() {
        byte[] noise = new byte[10_000];
        new Random(7).nextBytes(noise);
        memory.writeI32(GRAPH, -1);
        assertEquals(INVALID_ARGUMENT, load(noise, TFLITE, CPU));
        assertEquals(INVALID_ARGUMENT, load(java.util.Arrays.copyOf(MODEL_BYTES, 1000), TFLITE, CPU));
        assertEquals(INVALID_ARGUMENT, load(new byte[0], TFLITE, CPU));
        assertEquals(-1, memory.readI32(GRAPH), "no handle written");
        assertEquals(INVALID_ARGUMENT, call("load", BUILDERS, 2, TFLITE, CPU, GRAPH), "two builders");
    }

    @Test
    void encodingsAndTargetsWithoutABackend() {
        assertEquals(INVALID_ENCODING, load(MODEL_BYTES, 1, CPU), "onnx");
        assertEquals(INVALID_ENCODING, load(MODEL_BYTES, 99, CPU));
        assertEquals(INVALID_ARGUMENT, load(MODEL_BYTES, TFLITE, 1), "gpu");
        assertEquals(INVALID_ARGUMENT, load(MODEL_BYTES, TFLITE, 3), "auto is not a target of load");
        assertEquals(INVALID_ARGUMENT, load(MODEL_BYTES, TFLITE, 99));
    }

    @Test
    void outOfBoundsBuffersAreInvalidArguments() {
        memory.writeI32(BUILDERS, END - 10);
        memory.writeI32(BUILDERS + 4, 11);
        assertEquals(INVALID_ARGUMENT, call("load", BUILDERS, 1, TFLITE, CPU, GRAPH), "builder past the end");
        assertEquals(INVALID_ARGUMENT, call("load", END - 4, 1, TFLITE, CPU, GRAPH), "builder list past the end");
        assertEquals(INVALID_ARGUMENT, call("load", BUILDERS, 0x2000_0000, TFLITE, CPU, GRAPH), "huge count");
        for (int i = 0; i < 2; i++) {
            memory.writeI32(BUILDERS + 8 * i, 0);
            memory.writeI32(BUILDERS + 8 * i + 4, END / 2 + 1);
        }
        assertEquals(INVALID_ARGUMENT, call("load", BUILDERS, 2, TFLITE, CPU, GRAPH), "overlapping builders");
        memory.writeI32(BUILDERS, MODEL);
        assertEquals(INVALID_ARGUMENT, call("load", BUILDERS, 1, TFLITE, CPU, END - 3), "graph out");
        assertEquals(INVALID_ARGUMENT, call("load", BUILDERS, 1, TFLITE, CPU, -1), "graph out at 4 GiB - 1");

        int context = context();
        assertEquals(INVALID_ARGUMENT, setInput(context, 0, U8, END - 100, INPUT_SIZE, 1, 128, 128, 3), "data");
        assertEquals(INVALID_ARGUMENT, call("set_input", context, 0, END - 19), "tensor struct");
        memory.writeI32(TENSOR + 4, -1);
        assertEquals(INVALID_ARGUMENT, call("set_input", context, 0, TENSOR), "2^32 - 1 dimensions");
        memory.writeI32(TENSOR + 4, 65);
        assertEquals(INVALID_ARGUMENT, call("set_input", context, 0, TENSOR), "65 dimensions");
        assertEquals(INVALID_ARGUMENT, call("get_output", context, 0, END - 500, 1001, WRITTEN), "output");
        assertEquals(INVALID_ARGUMENT, call("get_output", context, 0, OUTPUT, 1001, END), "written");
        assertEquals(INVALID_ARGUMENT, call("init_execution_context", memory.readI32(GRAPH), END), "context out");
    }

    @Test
    void wrongShapesSizesTypesAndIndices() throws Exception {
        int context = context();
        cat();
        assertEquals(INVALID_ARGUMENT, setInput(context, 0, U8, INPUT, INPUT_SIZE - 1, 1, 128, 128, 3), "size");
        assertEquals(INVALID_ARGUMENT, setInput(context, 0, U8, INPUT, INPUT_SIZE, 1, 128, 3, 128), "shape");
        assertEquals(INVALID_ARGUMENT, setInput(context, 0, U8, INPUT, INPUT_SIZE, 128, 128, 3), "rank");
        assertEquals(INVALID_ARGUMENT, setInput(context, 0, 4, INPUT, INPUT_SIZE, 1, 128, 128, 3), "i32");
        assertEquals(INVALID_ARGUMENT, setInput(context, 0, 5, INPUT, INPUT_SIZE, 1, 128, 128, 3), "i64");
        assertEquals(INVALID_ARGUMENT, setInput(context, 0, 77, INPUT, INPUT_SIZE, 1, 128, 128, 3), "no type");
        assertEquals(INVALID_ARGUMENT, setInput(context, 1, U8, INPUT, INPUT_SIZE, 1, 128, 128, 3), "index 1");
        assertEquals(INVALID_ARGUMENT, setInput(context, -1, U8, INPUT, INPUT_SIZE, 1, 128, 128, 3), "index");
        assertEquals(SUCCESS, setInput(context, 0, U8, INPUT, INPUT_SIZE, 1, 128, 128, 3));
        assertEquals(SUCCESS, call("compute", context));
        memory.writeI32(WRITTEN, 0);
        assertEquals(TOO_LARGE, call("get_output", context, 0, OUTPUT, 1000, WRITTEN));
        assertEquals(1001, memory.readI32(WRITTEN), "the real size, as WasmEdge writes it");
        assertEquals(INVALID_ARGUMENT, call("get_output", context, 1, OUTPUT, 1001, WRITTEN), "output 1");
    }

    /**
     * Guests built with the wasi-nn crate up to 0.4 (the reference birds example among them) number tensor types as
     * WasmEdge did before 0.15: u8 is 2 (f64 now), i32 3 (u8 now). A number that fits the tensor in the old
     * numbering only is read in it.
     */
    @Test
    void theOldTensorTypeNumbersOfWasiNnCrate04() throws Exception {
        int context = context();
        cat();
        assertEquals(SUCCESS, setInput(context, 0, 2, INPUT, INPUT_SIZE, 1, 128, 128, 3), "old u8");
        assertEquals(SUCCESS, call("compute", context));
        assertEquals(SUCCESS, call("get_output", context, 0, OUTPUT, 1001, WRITTEN));
        assertEquals(286, top());
        assertEquals(INVALID_ARGUMENT, setInput(context, 0, 0, INPUT, INPUT_SIZE, 1, 128, 128, 3), "f16 either way");
    }

    @Test
    void unknownHandlesAndNamesAndTheStreamingCalls() {
        assertEquals(INVALID_ARGUMENT, call("init_execution_context", 42, CONTEXT));
        assertEquals(INVALID_ARGUMENT, call("compute", 42));
        assertEquals(INVALID_ARGUMENT, call("get_output", 42, 0, OUTPUT, 1001, WRITTEN));
        assertEquals(INVALID_ARGUMENT, call("unload", 42));
        assertEquals(INVALID_ARGUMENT, call("finalize_execution_context", 42));
        assertEquals(INVALID_ARGUMENT, call("compute_single", 42));
        memory.write(NAME, "nothing".getBytes(StandardCharsets.UTF_8));
        assertEquals(NOT_FOUND, call("load_by_name", NAME, 7, GRAPH));
        assertEquals(INVALID_ARGUMENT, call("load_by_name", END - 3, 7, GRAPH), "name past the end");

        int context = context();
        assertEquals(UNSUPPORTED, call("compute_single", context));
        assertEquals(UNSUPPORTED, call("get_output_single", context, 0, OUTPUT, 1001, WRITTEN));
        assertEquals(UNSUPPORTED, call("fini_single", context));
    }

    @Test
    void handlesAreNeverReused() {
        assertEquals(SUCCESS, load(MODEL_BYTES, TFLITE, CPU));
        assertEquals(0, memory.readI32(GRAPH));
        assertEquals(SUCCESS, call("unload", 0));
        assertEquals(INVALID_ARGUMENT, call("unload", 0), "twice");
        assertEquals(SUCCESS, load(MODEL_BYTES, TFLITE, CPU));
        assertEquals(1, memory.readI32(GRAPH));
        assertEquals(SUCCESS, call("init_execution_context", 1, CONTEXT));
        assertEquals(SUCCESS, call("finalize_execution_context", memory.readI32(CONTEXT)));
        assertEquals(SUCCESS, call("init_execution_context", 1, CONTEXT));
        assertEquals(1, memory.readI32(CONTEXT));
    }

    @Test
    void aContextOutlivesTheUnloadOfItsGraphForItsOutputsOnly() throws Exception {
        int context = context();
        cat();
        assertEquals(SUCCESS, setInput(context, 0, U8, INPUT, INPUT_SIZE, 1, 128, 128, 3));
        assertEquals(SUCCESS, call("compute", context));
        assertEquals(SUCCESS, call("unload", memory.readI32(GRAPH)));
        assertEquals(INVALID_ARGUMENT, call("compute", context));
        assertEquals(INVALID_ARGUMENT, setInput(context, 0, U8, INPUT, INPUT_SIZE, 1, 128, 128, 3));
        assertEquals(SUCCESS, call("get_output", context, 0, OUTPUT, 1001, WRITTEN));
        assertEquals(286, top());
        assertEquals(SUCCESS, call("finalize_execution_context", context));
    }

    @Test
    void preloadedModelsLoadByNameOnceUntilUnloaded() {
        memory.write(NAME, "small".getBytes(StandardCharsets.UTF_8));
        assertEquals(SUCCESS, call("load_by_name", NAME, 5, GRAPH));
        int first = memory.readI32(GRAPH);
        assertEquals(SUCCESS, call("load_by_name_with_config", NAME, 5, 0, 0, GRAPH));
        assertEquals(first, memory.readI32(GRAPH), "the same graph");
        assertEquals(SUCCESS, call("unload", first));
        assertEquals(SUCCESS, call("load_by_name", NAME, 5, GRAPH));
        assertNotEquals(first, memory.readI32(GRAPH));
        assertEquals(SUCCESS, call("unload", memory.readI32(GRAPH)));
        memory.write(NAME + 8, new byte[] {1, 2, 3});
        assertEquals(INVALID_ARGUMENT, call("load_by_name_with_config", NAME, 5, NAME + 8, 3, GRAPH),
                "a config is a second builder, and TensorFlow Lite takes one");
    }

    @Test
    void wasmedgeTensorflowliteSessions() throws Exception {
        memory.write(MODEL, MODEL_BYTES);
        assertEquals(SUCCESS, call("create_session", MODEL, MODEL_BYTES.length, GRAPH));
        int session = memory.readI32(GRAPH);
        cat();
        byte[] input = "input".getBytes(StandardCharsets.UTF_8);
        memory.write(NAME, input);
        assertEquals(SUCCESS, call("append_input", session, NAME, input.length, INPUT, INPUT_SIZE));
        assertEquals(INVALID_ARGUMENT, call("append_input", session, NAME, input.length, INPUT, INPUT_SIZE - 1));
        assertEquals(INVALID_ARGUMENT, call("append_input", session, NAME, 3, INPUT, INPUT_SIZE), "'inp'");
        assertEquals(SUCCESS, call("run_session", session));
        byte[] output = "MobilenetV1/Predictions/Reshape_1".getBytes(StandardCharsets.UTF_8);
        memory.write(NAME, output);
        assertEquals(SUCCESS, call("get_output_tensor", session, NAME, output.length, CONTEXT));
        int tensor = memory.readI32(CONTEXT);
        assertEquals(0, tensor);
        assertEquals(SUCCESS, call("get_tensor_len", session, tensor, WRITTEN));
        assertEquals(1001, memory.readI32(WRITTEN));
        assertEquals(INVALID_ARGUMENT, call("get_tensor_data", session, tensor, OUTPUT, 1002, WRITTEN));
        assertEquals(SUCCESS, call("get_tensor_data", session, tensor, OUTPUT, 1001, WRITTEN));
        assertEquals(286, top());
        assertEquals(INVALID_ARGUMENT, call("get_tensor_len", session, 1, WRITTEN), "tensor 1");
        assertEquals(MISSING_MEMORY, call("get_tensor_data", session, tensor, END - 10, 1001, WRITTEN));
        assertEquals(SUCCESS, call("delete_session", session));
        assertEquals(INVALID_ARGUMENT, call("run_session", session), "deleted");
        assertEquals(SUCCESS, call("delete_session", session), "deleting twice is no error, as in WasmEdge");
        assertEquals(MISSING_MEMORY, call("create_session", END - 10, 100, GRAPH));
        assertEquals(INVALID_ARGUMENT, call("create_session", NAME, 100, GRAPH), "not a model");
    }

    @Test
    void wasmedgeImage() throws Exception {
        byte[] cat = TestData.bytes(TestData.image("cat.bmp"));
        memory.write(MODEL, cat);
        byte[] expected = new byte[INPUT_SIZE];
        ImageDecoder.decode(cat, 128, 128, ImageFormat.RGB8, expected, 0, expected.length);
        for (String f : new String[] {"load_jpg", "load_png", "load_image"}) {
            memory.write(INPUT, new byte[INPUT_SIZE]);
            assertEquals(SUCCESS, call(f, MODEL, cat.length, 128, 128, 0, INPUT, INPUT_SIZE));
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, memory.read(INPUT, INPUT_SIZE), f);
        }
        assertEquals(1, call("load_image", MODEL, cat.length, 128, 128, 0, INPUT, INPUT_SIZE - 1), "too small");
        assertEquals(1, call("load_image", MODEL, cat.length, 128, 128, 2, INPUT, INPUT_SIZE), "f32 is 4x");
        assertEquals(1, call("load_image", MODEL, cat.length, 128, 128, 4, INPUT, INPUT_SIZE), "no format 4");
        assertEquals(1, call("load_image", MODEL, cat.length, 0, 128, 0, INPUT, INPUT_SIZE), "width 0");
        assertEquals(1, call("load_image", MODEL, 100, 128, 128, 0, INPUT, INPUT_SIZE), "a truncated image");
        assertEquals(1, call("load_image", END - 10, cat.length, 128, 128, 0, INPUT, INPUT_SIZE), "past the end");
        assertEquals(1, call("load_image", MODEL, cat.length, 128, 128, 0, END - 10, INPUT_SIZE), "past the end");
    }
}
