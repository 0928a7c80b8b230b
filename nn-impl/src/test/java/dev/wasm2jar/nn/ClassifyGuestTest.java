package dev.wasm2jar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** guests/rust/classify.rs: image decoding through wasmedge_image, inference through wasi_ephemeral_nn. */
class ClassifyGuestTest {
    private static final Map<String, Path> DIRS = Map.of("models", TestData.model("."), "images",
            TestData.image("."));

    @Test
    void theSmallMobilenetSeesAnEgyptianCat() throws Exception {
        Guests.Run run = Guests.run("classify", NnConfig.defaults(), DIRS, "models/" + TestData.SMALL,
                "models/imagenet_labels.txt", "images/cat.bmp");
        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(5, lines.length, run.out());
        assertTrue(lines[0].startsWith("1. Egyptian cat (286): 0."), run.out());
    }

    @Test
    void mobilenetV2SeesAMilitaryUniformOnGraceHopper() throws Exception {
        Guests.Run run = Guests.run("classify", NnConfig.defaults(), DIRS, "models/" + TestData.MOBILENET_V2,
                "models/imagenet_labels.txt", "images/grace_hopper.jpg");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("1. military uniform (653): 0.9"), run.out());
    }

    @Test
    void aFileThatIsNoModelIsOneErrorLine() throws Exception {
        Guests.Run run = Guests.run("classify", NnConfig.defaults(), DIRS, "models/imagenet_labels.txt",
                "models/imagenet_labels.txt", "images/cat.bmp");
        assertEquals(1, run.exit());
        assertEquals("classify: error: models/imagenet_labels.txt: not a TensorFlow Lite model\n", run.err());
    }
}
