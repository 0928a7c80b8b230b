package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code src/test/c/selfcheck.c}, built by clang with {@code -msimd128} at -O0 and -O2, checks SIMD intrinsics against plain
 * C inside the module: many instructions in a few functions, as real compiler output mixes them, so shapes,
 * conversions and both ways of accessing vectors in memory meet.
 */
class SimdSelfCheckTest {
    @Test
    void clangBuildsAgreeWithTheirScalarChecks() throws Exception {
        for (String level : new String[] {"O0", "O2"}) {
            byte[] wasm;
            try (InputStream in = getClass().getResourceAsStream("/simd/selfcheck-" + level + ".wasm")) {
                wasm = in.readAllBytes();
            }
            Instance instance = Compiler.compile(wasm, new CompilerOptions("test.SelfCheck" + level)).load()
                    .instantiate(Imports.empty());
            int failed = (Integer) instance.function("selfcheck").call(300)[0];
            List<String> lines = new ArrayList<>();
            for (int line = 0; line < 512 && failed > 0; line++) {
                int n = (Integer) instance.function("failures").call(line)[0];
                if (n > 0) {
                    lines.add("selfcheck.c:" + line + " failed " + n + " times");
                }
            }
            assertEquals(0, failed, level + ": " + lines);
        }
    }
}
