package dev.wasm2jar.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.InvalidException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleBuildTest {
    /** The example's C library, and a module whose third function does not validate (the invalid-module IT's). */
    static final Path MATHLIB = Path.of("../examples/c-library/src/main/wasm/mathlib.wasm");
    static final Path BROKEN = Path.of("src/it/invalid-module/src/main/wasm/broken.wasm");

    @TempDir
    Path dir;

    private ModuleBuild build(Path wasm) throws Exception {
        Path copy = dir.resolve("src/" + wasm.getFileName());
        if (!Files.exists(copy)) {
            Files.createDirectories(copy.getParent());
            Files.copy(wasm, copy);
        }
        return new ModuleBuild(copy, "com.example.Mathlib", true, dir.resolve("classes"), dir.resolve("sources"),
                dir.resolve("state/com.example.Mathlib.properties"), Set.of("wasi_snapshot_preview1"));
    }

    @Test
    void anUnchangedModuleIsNotCompiledAgain() throws Exception {
        ModuleBuild build = build(MATHLIB);
        assertEquals(ModuleBuild.Outcome.COMPILED, build.run("1.0", "c1").outcome());
        Path moduleClass = dir.resolve("classes/com/example/MathlibModule.class");
        Path facade = dir.resolve("sources/com/example/Mathlib.java");
        assertTrue(Files.isRegularFile(moduleClass) && Files.isRegularFile(facade));
        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(moduleClass, old);
        Files.setLastModifiedTime(facade, old);

        assertEquals(ModuleBuild.Outcome.UP_TO_DATE, build.run("1.0", "c1").outcome());
        assertEquals(old, Files.getLastModifiedTime(moduleClass), "the class was not written again");
        assertEquals(old, Files.getLastModifiedTime(facade), "the facade was not written again");
    }

    @Test
    void aNewPluginVersionCompilerOrMissingOutputCompilesAgain() throws Exception {
        ModuleBuild build = build(MATHLIB);
        build.run("1.0", "c1");
        assertEquals(ModuleBuild.Outcome.COMPILED, build.run("1.1", "c1").outcome());
        assertEquals(ModuleBuild.Outcome.COMPILED, build.run("1.1", "c2").outcome());
        Files.delete(dir.resolve("classes/com/example/MathlibModule.class"));
        assertEquals(ModuleBuild.Outcome.COMPILED, build.run("1.1", "c2").outcome());
        assertEquals(ModuleBuild.Outcome.UP_TO_DATE, build.run("1.1", "c2").outcome());
    }

    @Test
    void changedBytesCompileAgainAndAGoneModuleLeavesNothing() throws Exception {
        ModuleBuild build = build(MATHLIB);
        build.run("1.0", "c1");
        byte[] bytes = Files.readAllBytes(build.wasm());
        bytes[bytes.length - 1] ^= 1; // the last byte of the name section: the same code, other bytes
        Files.write(build.wasm(), bytes);
        assertEquals(ModuleBuild.Outcome.COMPILED, build.run("1.0", "c1").outcome());
        ModuleBuild.deleteOutputs(build.stamp());
        assertFalse(Files.exists(dir.resolve("classes/com/example/MathlibModule.class")));
        assertFalse(Files.exists(dir.resolve("sources/com/example/Mathlib.java")));
        assertFalse(Files.exists(build.stamp()));
    }

    @Test
    void anInvalidModuleNamesTheFunctionAndOffset() throws Exception {
        ModuleBuild build = build(BROKEN);
        InvalidException e = assertThrows(InvalidException.class, () -> build.run("1.0", "c1"));
        assertEquals("function 2 (bad) at offset 0x2d: type mismatch: instruction requires [i32] but stack has [i64]",
                e.getMessage());
        assertFalse(Files.exists(build.stamp()));
    }
}
