package dev.wasm2jar.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A quick run of {@code bin/fuzz}: wasm2jar and binaryen's interpreter agree on 300 random modules. Failing modules
 * stay in {@code cli/target/fuzz/failures}; {@code bin/fuzz --seed 15 --index K} repeats one.
 */
class DifferentialFuzzTest {
    private static final long SEED = 15;
    private static final int MODULES = 300;

    @Test
    void wasm2jarAgreesWithBinaryensInterpreter() throws Exception {
        assertTrue(Tools.available(), "needs wasm-opt (binaryen) and wasm-validate (wabt); bin/setup installs both");
        Summary summary = new FuzzRun(SEED, 2, 120, Path.of("target/fuzz"), System.out).run(0, MODULES);
        System.out.println(summary.details());
        System.out.println(summary.line());
        assertEquals(List.of(), summary.failed(), summary::details);
    }
}
