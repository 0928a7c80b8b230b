package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WASI-NN from the command line: {@code --nn-preload} for {@code run} and for runnable jars, through the guest
 * {@code nn-preload} (guests/wat), which exits with the code of {@code load_by_name("small")}.
 */
class NnRunTest {
    private static final String MODEL = Path.of(System.getProperty("nn.models.dir", "../../shared/models"))
            .resolve("mobilenet_v1_0.25_128_quant.tflite").toString();
    private static final String PRELOAD = "small:TensorFlowLite:CPU:" + MODEL;

    @TempDir
    Path dir;

    private record Run(int exit, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runPreloadsModelsForLoadByName() {
        assertEquals(new Run(0, ""), run("run", "--nn-preload", PRELOAD, RunCommandTest.guest("nn-preload")));
        assertEquals(new Run(0, ""), run("run", "--nn-preload=" + PRELOAD, RunCommandTest.guest("nn-preload")));
        assertEquals(new Run(8, ""), run("run", RunCommandTest.guest("nn-preload")), "not_found");
        assertEquals(new Run(8, ""), run("run", "--nn-preload", "other:tensorflowlite:cpu:" + MODEL,
                RunCommandTest.guest("nn-preload")));
    }

    @Test
    void aBadPreloadIsOneErrorLine() {
        for (String bad : List.of("small:tensorflowlite:cpu", "small:wat:cpu:" + MODEL, "small:onnx:cpu:" + MODEL,
                "small:tensorflowlite:fpga:" + MODEL, "small:tensorflowlite:cpu:/no/such/model.tflite")) {
            Run r = run("run", "--nn-preload", bad, RunCommandTest.guest("nn-preload"));
            assertTrue(r.exit() != 0, bad);
            assertTrue(r.err().startsWith("wasm2jar: error: ") && r.err().contains("--nn-preload")
                    && r.err().indexOf('\n') == r.err().length() - 1, r.err());
        }
    }

    /**
     * A runnable jar carries nn-impl's classes but not TensorFlow Lite: alone, {@code load_by_name} answers
     * runtime_error (5); with bytedeco's jars on the class path (README, WASI-NN), it loads the model.
     */
    @Test
    void aRunnableJarGetsTensorflowLiteFromItsClassPath() throws Exception {
        Path jar = dir.resolve("nn-preload.jar");
        assertEquals(new Run(0, ""), run("compile", "--main", RunCommandTest.guest("nn-preload"), "-o",
                jar.toString()));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertTrue(file.getEntry("dev/wasm2jar/nn/WasiNnFactory.class") != null);
            assertNull(file.getEntry("org/bytedeco/javacpp/Loader.class"), "no TensorFlow Lite in the jar");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals(5, exit(List.of(java, "-jar", jar.toString(), "--nn-preload", PRELOAD)));

        List<String> classPath = new ArrayList<>(List.of(jar.toString()));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("bytedeco")).forEach(classPath::add);
        assertEquals(5, classPath.size(), classPath.toString()); // javacpp and tensorflow-lite, each with natives
        assertEquals(0, exit(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                String.join(File.pathSeparator, classPath), "dev.wasm2jar.wasi.Launcher", "--nn-preload", PRELOAD)));
    }

    private static int exit(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
