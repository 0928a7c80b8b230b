package dev.wasm2jar.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A quick run of {@code bin/mutate}: mutants of the spec suite's modules are compiled fine or refused cleanly. */
class MutationTest {
    private static final int MUTANTS = 300;
    private static final long SEED = 15;

    @Test
    void mutantsCompileOrFailCleanly() throws IOException {
        List<Path> modules = MutationRun.modules(Path.of(System.getProperty("spectest.dir", "../../shared/spectest")));
        List<String> failures = MutationRun.run(modules, MUTANTS, SEED, new PrintStream(System.out));
        assertEquals(List.of(), failures);
    }
}
