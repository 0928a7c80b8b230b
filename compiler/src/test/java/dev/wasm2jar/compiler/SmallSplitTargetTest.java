package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A real program (the Rust guest that works with files, 145 KB of wasm) split at a target of 300 bytes instead of
 * 6,000, so that parts start at almost every kind of instruction: every class must be written and pass the JVM's
 * verifier. Before parts took from the frame the operands that {@code select} and {@code local.tee} read below their
 * start, two functions of Rust's std failed here.
 */
class SmallSplitTargetTest {
    @Test
    void aRealProgramSplitAlmostEverywhereVerifies() throws Exception {
        Path file = Path.of(System.getProperty("guests.dir", "../guests/wasm"), "files.wasm");
        CompiledModule compiled = Compiler.compile(Files.readAllBytes(file), new CompilerOptions("small.Files"),
                Progress.NONE, 300);
        assertTrue(compiled.stats().parts() > 500, compiled.stats().parts() + " parts");
        Module module = compiled.load();
        ClassLoader loader = module.instanceClass().getClassLoader();
        int classes = 0;
        for (String name : compiled.files().keySet()) {
            if (name.endsWith(".class")) {
                Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), true, loader);
                classes++;
            }
        }
        assertTrue(classes >= 1);
    }
}
