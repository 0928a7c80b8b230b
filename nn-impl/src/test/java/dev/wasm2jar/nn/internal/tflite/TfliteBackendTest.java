package dev.wasm2jar.nn.internal.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.nn.TestData;
import dev.wasm2jar.nn.backend.Backend;
import dev.wasm2jar.nn.backend.ExecutionTarget;
import dev.wasm2jar.nn.backend.NnError;
import dev.wasm2jar.nn.backend.NnException;
import dev.wasm2jar.nn.backend.TensorType;
import dev.wasm2jar.nn.internal.image.ImageDecoder;
import dev.wasm2jar.nn.internal.spec.ImageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The TensorFlow Lite backend on the real models of ../shared/models (reference results in its README.md). */
class TfliteBackendTest {
    private static final int[] SMALL_SHAPE = {1, 128, 128, 3};

    private final Backend backend = new TfliteBackend();

    static byte[] rgb(String image, int size) throws Exception {
        byte[] out = new byte[size * size * 3];
        ImageDecoder.decode(TestData.bytes(TestData.image(image)), size, size, ImageFormat.RGB8, out, 0, out.length);
        return out;
    }

    private static int best(Backend.ExecutionContext context) throws NnException {
        byte[] scores = new byte[context.outputSize(0)];
        context.copyOutput(0, scores, 0);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if ((scores[i] & 0xff) > (scores[best] & 0xff)) {
                best = i;
            }
        }
        return best;
    }

    private Backend.Graph load(String model) throws NnException {
        return backend.load(List.of(TestData.bytes(TestData.model(model))), ExecutionTarget.CPU);
    }

    @Test
    void mobilenetV2SeesAMilitaryUniformOnGraceHopper() throws Exception {
        try (Backend.Graph graph = load(TestData.MOBILENET_V2);
                Backend.ExecutionContext context = graph.newContext()) {
            byte[] input = rgb("grace_hopper.jpg", 224);
            context.setInput(0, TensorType.U8, new int[] {1, 224, 224, 3}, input, 0, input.length);
            context.compute();
            assertEquals(1001, context.outputSize(0));
            assertEquals(653, best(context), "military uniform");
        }
    }

    @Test
    void theSmallMobilenetDescribesItselfAndSeesAnEgyptianCat() throws Exception {
        try (Backend.Graph graph = load(TestData.SMALL); Backend.ExecutionContext context = graph.newContext()) {
            assertEquals(1, context.inputCount());
            assertEquals(1, context.outputCount());
            assertEquals(TensorType.U8, context.inputType(0));
            assertEquals("input", context.inputName(0));
            assertEquals("MobilenetV1/Predictions/Reshape_1", context.outputName(0));
            byte[] input = rgb("cat.bmp", 128);
            context.setInput(0, TensorType.U8, SMALL_SHAPE, input, 0, input.length);
            context.compute();
            assertEquals(286, best(context), "Egyptian cat");
        }
    }

    @Test
    void badModelBytesAreAnInvalidArgument() {
        byte[] model = TestData.bytes(TestData.model(TestData.SMALL));
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        byte[] flipped = model.clone();
        for (int i = 0; i < 64; i++) {
            flipped[i * 7] ^= (byte) 0xff; // the header and the first tables
        }
        for (byte[] bad : List.of(new byte[0], noise, Arrays.copyOf(model, 64), Arrays.copyOf(model,
                model.length / 2), flipped)) {
            NnException e = assertThrows(NnException.class, () -> backend.load(List.of(bad), ExecutionTarget.CPU));
            assertEquals(NnError.INVALID_ARGUMENT, e.error(), e.getMessage());
            assertTrue(e.getMessage().startsWith("not a TensorFlow Lite model") || bad.length == 0, e.getMessage());
        }
    }

    @Test
    void onlyTheCpuAndOneBuilder() {
        byte[] model = TestData.bytes(TestData.model(TestData.SMALL));
        for (ExecutionTarget target : List.of(ExecutionTarget.GPU, ExecutionTarget.TPU, ExecutionTarget.AUTO)) {
            assertEquals(NnError.INVALID_ARGUMENT, assertThrows(NnException.class,
                    () -> backend.load(List.of(model), target)).error());
        }
        assertEquals(NnError.INVALID_ARGUMENT, assertThrows(NnException.class,
                () -> backend.load(List.of(model, model), ExecutionTarget.CPU)).error());
    }

    @Test
    void aContextKeepsItsModelAfterTheGraphIsClosedAndNothingAfterItsOwnClose() throws Exception {
        Backend.Graph graph = load(TestData.SMALL);
        Backend.ExecutionContext context = graph.newContext();
        graph.close();
        assertEquals(NnError.INVALID_ARGUMENT, assertThrows(NnException.class, graph::newContext).error());
        byte[] input = rgb("cat.bmp", 128);
        context.setInput(0, TensorType.U8, SMALL_SHAPE, input, 0, input.length);
        context.compute();
        assertEquals(286, best(context));
        context.close();
        context.close();
        assertEquals(NnError.INVALID_ARGUMENT, assertThrows(NnException.class, context::compute).error());
        assertEquals(NnError.INVALID_ARGUMENT, assertThrows(NnException.class,
                () -> context.setInput(0, TensorType.U8, SMALL_SHAPE, input, 0, input.length)).error());
    }

    @Test
    void outputsThatDoNotFitAreTooLarge() throws Exception {
        try (Backend.Graph graph = load(TestData.SMALL); Backend.ExecutionContext context = graph.newContext()) {
            assertEquals(NnError.TOO_LARGE, assertThrows(NnException.class,
                    () -> context.copyOutput(0, new byte[1001], 1)).error());
            assertEquals(NnError.INVALID_ARGUMENT, assertThrows(NnException.class,
                    () -> context.setInput(0, null, null, new byte[10], 5, 5)).error(), "a wrong size");
            assertThrows(IndexOutOfBoundsException.class,
                    () -> context.setInput(0, null, null, new byte[10], 5, 49152), "past the array: nothing copied");
        }
    }
}
