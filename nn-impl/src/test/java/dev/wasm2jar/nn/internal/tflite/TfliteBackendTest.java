package dev.wasm2jar.nn.internal.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.nn.Backend;
import dev.wasm2jar.nn.ExecutionTarget;
import dev.wasm2jar.nn.NnError;
import dev.wasm2jar.nn.NnException;
import dev.wasm2jar.nn.TensorType;
import dev.wasm2jar.nn.TestData;
import dev.wasm2jar.nn.internal.image.ImageDecoder;
import dev.wasm2jar.nn.internal.spec.ImageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TfliteBackendTest {
    private final Backend backend = new TfliteBackend();

    static byte[] rgb(String image, int size) throws Exception {
        byte[] out = new byte[size * size * 3];
        ImageDecoder.decode(TestData.bytes(TestData.image(image)), size, size, ImageFormat.RGB8, out, 0, out.length);
        return out;
    }

    static int top(byte[] scores) {
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
            byte[] scores = new byte[context.outputSize(0)];
            context.copyOutput(0, scores, 0);
            assertEquals(1001, scores.length);
            assertEquals(653, top(scores), "military uniform");
            System.out.println("v2 score " + (scores[653] & 0xff));
        }
    }

    @Test
    void smallMobilenetToo() throws Exception {
        try (Backend.Graph graph = load(TestData.SMALL); Backend.ExecutionContext context = graph.newContext()) {
            byte[] input = rgb("grace_hopper.jpg", 128);
            context.setInput(0, TensorType.U8, new int[] {1, 128, 128, 3}, input, 0, input.length);
            context.compute();
            byte[] scores = new byte[1001];
            context.copyOutput(0, scores, 0);
            for (int k = 0; k < 5; k++) { int t = top(scores); System.out.println("small top " + t + " " + (scores[t] & 0xff)); scores[t] = 0; }
            input = rgb("cat.bmp", 128);
            context.setInput(0, TensorType.U8, new int[] {1, 128, 128, 3}, input, 0, input.length);
            context.compute();
            context.copyOutput(0, scores, 0);
            for (int k = 0; k < 5; k++) { int t = top(scores); System.out.println("cat top " + t + " " + (scores[t] & 0xff)); scores[t] = 0; }
            System.out.println(context.inputName(0) + " -> " + context.outputName(0));
        }
    }

    @Test
    void badModelBytesAreAnInvalidArgument() {
        byte[] model = TestData.bytes(TestData.model(TestData.SMALL));
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        byte[] header = Arrays.copyOf(model, 64);
        for (byte[] bad : List.of(new byte[0], noise, header, Arrays.copyOf(model, model.length / 2))) {
            NnException e = assertThrows(NnException.class,
                    () -> backend.load(List.of(bad), ExecutionTarget.CPU));
            assertEquals(NnError.INVALID_ARGUMENT, e.error(), e.getMessage());
            System.out.println(e.getMessage());
        }
    }
}
