package dev.wasm2jar.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.TextFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exclusion of NaN bits ({@link ModuleCheck}, {@link NanFree}): only where NaNs make the difference. */
class NanFreeTest {
    @TempDir
    Path dir;

    @Test
    void vectorArithmeticIsWrappedAndBitwiseVectorInstructionsAreNot() {
        String wat = """
                (module
                 (func $f (result v128)
                  (f32x4.add
                   (v128.const i32x4 0x7fa00001 0x00000000 0x00000000 0x00000000)
                   (f64x2.sqrt
                    (v128.and (local.get $0) (local.get $0))
                   )
                  )
                 )
                )""";
        String wrapped = NanFree.wrapVectorArithmetic(wat);
        assertTrue(wrapped.contains("""
                (call $fuzz_nan_free_f32x4 (f32x4.add
                   (v128.const i32x4 0x7fa00001 0x00000000 0x00000000 0x00000000)
                   (call $fuzz_nan_free_f64x2 (f64x2.sqrt
                    (v128.and (local.get $0) (local.get $0))
                   ))
                  ))"""), wrapped);
        assertEquals(1, wrapped.split("v128.and \\(local.get \\$0\\) \\(local.get \\$0\\)", -1).length - 1);
        assertTrue(wrapped.contains("(func $fuzz_nan_free_f64x2 (param $0 v128) (result v128)"), wrapped);
    }

    @Test
    void nanBitsThatReachIntegersDifferAsMadeAndAgreeWithoutNans() throws Exception {
        assertTrue(Tools.available(), "needs wasm-opt (binaryen) and wasm-validate (wabt); bin/setup installs both");
        Path wasm = dir.resolve("nan-bits.wasm");
        Files.write(wasm, TextFormat.assemble(Path.of(NanFreeTest.class.getResource("/fuzz/nan-bits.wat").toURI())));
        String difference = ModuleCheck.checkFile(wasm, 0, dir, Callable::call);
        assertTrue(difference.startsWith("line 2 differs"), difference);
        assertTrue(difference.endsWith("(agrees without NaNs)"), difference);
    }
}
