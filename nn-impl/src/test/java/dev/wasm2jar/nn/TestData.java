package dev.wasm2jar.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The models and images of ../shared (their README.md has the reference results the tests assert). */
public final class TestData {
    private TestData() {}

    public static Path model(String name) {
        return Path.of(System.getProperty("nn.models.dir", "../../shared/models")).resolve(name);
    }

    public static Path image(String name) {
        return Path.of(System.getProperty("nn.images.dir", "../../shared/images")).resolve(name);
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The small MobileNet (v1, width 0.25, 128 x 128, u8): what most tests load. */
    public static final String SMALL = "mobilenet_v1_0.25_128_quant.tflite";
    /** MobileNet v2 1.0, 224 x 224, u8: the model of the reference results. */
    public static final String MOBILENET_V2 = "mobilenet_v2_1.0_224_quant.tflite";
}
