package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.TrapException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

class CompilerTest {
    private static final Path SPEC = Path.of(System.getProperty("spectest.dir", "../../shared/spectest"), "wasm-2.0");

    private static byte[] spec(String name) throws Exception {
        return Files.readAllBytes(SPEC.resolve(name.substring(0, name.indexOf('.'))).resolve(name));
    }

    @Test
    void compilesAndRunsFactorial() throws Exception {
        CompiledModule compiled = Compiler.compile(spec("fac.0.wasm"), new CompilerOptions("test.Fac"));
        Instance fac = compiled.load().instantiate(Imports.empty());
        assertArrayEquals(new Object[] {2432902008176640000L}, fac.function("fac-rec").call(20L));
        assertArrayEquals(new Object[] {2432902008176640000L}, fac.function("fac-iter").call(20L));
        assertEquals(2, compiled.files().size(), "the module class and its shape resource");
    }

    @Test
    void classFilesTargetJava21AndPassTheVerifier() throws Exception {
        CompiledModule compiled = Compiler.compile(spec("br_table.0.wasm"), new CompilerOptions("test.BrTable"));
        byte[] classFile = compiled.files().get("test/BrTable.class");
        assertEquals(65, ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF), "class-file major version");
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classFile), CompilerTest.class.getClassLoader(), false,
                new PrintWriter(problems));
        assertEquals("", problems.toString());
    }

    @Test
    void methodsCarryNamesAndTakeTheInstanceLast() throws Exception {
        Class<?> cls = Compiler.compile(spec("fac.0.wasm"), new CompilerOptions("test.Named")).load().instanceClass();
        Method m = Arrays.stream(cls.getMethods()).filter(x -> x.getName().startsWith("f0")).findFirst().orElseThrow();
        assertEquals(Arrays.asList(long.class, cls), Arrays.asList(m.getParameterTypes()));
        assertEquals(long.class, m.getReturnType());
    }

    @Test
    void trapsCarryTheSpecMessage() throws Exception {
        Instance traps = Compiler.compile(spec("traps.0.wasm"), new CompilerOptions("test.Traps")).load()
                .instantiate(Imports.empty());
        TrapException e = assertThrows(TrapException.class, () -> traps.function("no_dce.i32.div_s").call(1, 0));
        assertEquals("integer divide by zero", e.getMessage());
    }

    @Test
    void badModulesAreReportedByKind() {
        assertThrows(MalformedException.class, () -> Compiler.compile(new byte[] {0, 'a', 's', 'x'},
                CompilerOptions.defaults()));
        assertThrows(MalformedException.class, () -> Compiler.compile(spec("binary.47.wasm"), CompilerOptions.defaults()));
        InvalidException invalid = assertThrows(InvalidException.class,
                () -> Compiler.compile(spec("exports.18.wasm"), CompilerOptions.defaults()));
        assertTrue(invalid.getMessage().contains("duplicate export name"), invalid.getMessage());
    }

    /** A compiled jar needs runtime-support and nothing else: no ASM, no decoder, no compiler. */
    @Test
    void jarRunsWithOnlyRuntimeSupport(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("fac.jar");
        Compiler.compile(spec("fac.0.wasm"), new CompilerOptions("test.JarFac")).writeJar(jar);
        URL runtime = dev.wasm2jar.runtime.Module.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {runtime}, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> isolated.loadClass("org.objectweb.asm.ClassWriter"));
            assertThrows(ClassNotFoundException.class, () -> isolated.loadClass("run.endive.wasm.Parser"));
            Class<?> moduleClass = isolated.loadClass("dev.wasm2jar.runtime.Module");
            Class<?> importsClass = isolated.loadClass("dev.wasm2jar.runtime.Imports");
            Object module = moduleClass.getMethod("fromJar", Path.class).invoke(null, jar);
            Object imports = importsClass.getMethod("empty").invoke(null);
            Object instance = moduleClass.getMethod("instantiate", importsClass).invoke(module, imports);
            Object function = instance.getClass().getMethod("function", String.class).invoke(instance, "fac-iter");
            Object[] result = (Object[]) function.getClass().getMethod("call", Object[].class)
                    .invoke(function, (Object) new Object[] {10L});
            assertArrayEquals(new Object[] {3628800L}, result);
        }
    }
}
