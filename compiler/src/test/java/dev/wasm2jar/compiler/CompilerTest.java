package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.wasm2jar.runtime.Feature;
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
        // What 2.0 calls malformed: the options say which language judges (the default is 3.0's features).
        CompilerOptions wasm20 = new CompilerOptions("test.Bad20", Feature.WASM_2_0);
        assertThrows(MalformedException.class, () -> Compiler.compile(spec("binary.47.wasm"), wasm20));
        InvalidException invalid = assertThrows(InvalidException.class,
                () -> Compiler.compile(spec("exports.18.wasm"), CompilerOptions.defaults()));
        assertTrue(invalid.getMessage().contains("duplicate export name"), invalid.getMessage());
        // v128.load with memarg flags of 32 or more: WebAssembly 2.0 has no memory index there, so it is malformed.
        for (String flags : new String[] {"20", "44"}) {
            byte[] wasm = java.util.HexFormat.of().parseHex("0061736d010000000104016000000302010005030100010a0b0109004100fd00"
                    + flags + "001a0b");
            MalformedException e = assertThrows(MalformedException.class, () -> Compiler.compile(wasm, wasm20), flags);
            // Located at the body's start where Endive cannot decode it (flags 20), at the load where it can (44).
            assertEquals("function 0 at offset 0x" + (flags.equals("20") ? "1b" : "1e") + ": malformed memop flags",
                    e.getMessage(), flags);
        }
    }

    /** Every module of the SIMD scripts that compiles passes ASM's verifier (the JVM's runs when spec tests load them). */
    @Test
    void simdClassFilesPassTheVerifier() throws Exception {
        int verified = 0;
        try (var dirs = Files.list(SPEC)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("simd_")).sorted().toList()) {
                try (var files = Files.list(dir)) {
                    for (Path wasm : files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList()) {
                        CompiledModule compiled;
                        try {
                            compiled = Compiler.compile(Files.readAllBytes(wasm), new CompilerOptions("test.Simd"));
                        } catch (dev.wasm2jar.runtime.WasmException e) {
                            continue; // the scripts' invalid and malformed modules
                        }
                        StringWriter problems = new StringWriter();
                        CheckClassAdapter.verify(new ClassReader(compiled.files().get("test/Simd.class")),
                                CompilerTest.class.getClassLoader(), false, new PrintWriter(problems));
                        assertEquals("", problems.toString(), wasm.getFileName().toString());
                        verified++;
                    }
                }
            }
        }
        assertTrue(verified > 100, "verified " + verified + " SIMD modules");
    }

    /**
     * An f32x4 multiply-accumulate loop keeps its accumulator and the loaded vectors as four floats each: four
     * {@code fmul}, four {@code fadd}, and no conversion between shapes anywhere in the method.
     *
     * <pre>
     * (func (export "dot4") (param $n i32) (result f32) (local $acc v128) (local $i i32)
     *   (loop $l
     *     (local.set $acc (f32x4.add (local.get $acc)
     *         (f32x4.mul (v128.load (local.get $i)) (v128.load offset=16 (local.get $i)))))
     *     (local.set $i (i32.add (local.get $i) (i32.const 32)))
     *     (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
     *   (f32x4.extract_lane 0 (local.get $acc)))
     * </pre>
     */
    @Test
    void f32x4LoopStaysInFloats() throws Exception {
        byte[] wasm = java.util.HexFormat.of().parseHex("0061736d0100000001060160017f017d030201000503010001"
                + "07080104646f743400000a34013202017b017f034020012002fd0004002002fd000410fde601fde4012101200241"
                + "206a210220022000490d000b2001fd1f000b");
        CompiledModule compiled = Compiler.compile(wasm, new CompilerOptions("test.Dot4"));
        String code = textify(compiled.files().get("test/Dot4.class"), "f0");
        assertEquals(4, count(code, "FMUL"), code);
        assertEquals(4, count(code, "FADD"), code);
        for (String conversion : new String[] {"intBitsToFloat", "floatToRawIntBits", "V128Ops", "LLOAD"}) {
            assertEquals(0, count(code, conversion), conversion + " in\n" + code);
        }
        Instance instance = compiled.load().instantiate(Imports.empty());
        assertArrayEquals(new Object[] {0.0f}, instance.function("dot4").call(64));
    }

    /**
     * {@code i16x8.extend_*_i8x16} followed by {@code i32x4.extend_*_i16x8} compiles as one step (bytes to ints); each
     * of the eight pairs, and a mixed-sign pair that is not fused, against the lanes computed here.
     */
    @Test
    void byteToIntWideningPairs() throws Exception {
        int[][] pairs = new int[9][];
        int n = 0;
        for (int sign = 0; sign < 2; sign++) {
            for (int first = 0; first < 2; first++) {
                for (int second = 0; second < 2; second++) {
                    // i16x8.extend_{low,high}_i8x16_{s,u} is 0x87 + 2 * sign + first; i32x4's are 0xa7 + ...
                    pairs[n++] = new int[] {0x87 + 2 * sign + first, 0xa7 + 2 * sign + second};
                }
            }
        }
        pairs[8] = new int[] {0x87, 0xa9}; // extend_low_i8x16_s, then extend_low_i16x8_u
        java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream exports = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < pairs.length; i++) {
            code.write(new byte[] {10, 0, 0x20, 0, (byte) 0xfd, (byte) pairs[i][0], 1, (byte) 0xfd, (byte) pairs[i][1], 1,
                0x0b});
            exports.write(new byte[] {2, 'f', (byte) ('0' + i), 0, (byte) i});
        }
        java.io.ByteArrayOutputStream wasm = new java.io.ByteArrayOutputStream();
        wasm.write(java.util.HexFormat.of().parseHex("0061736d01000000" + "0106016001" + "7b017b"));
        wasm.write(new byte[] {3, (byte) (1 + pairs.length), (byte) pairs.length});
        wasm.write(new byte[pairs.length]);
        wasm.write(new byte[] {7, (byte) (1 + exports.size()), (byte) pairs.length});
        exports.writeTo(wasm);
        wasm.write(new byte[] {10, (byte) (1 + code.size()), (byte) pairs.length});
        code.writeTo(wasm);
        Instance instance = Compiler.compile(wasm.toByteArray(), new CompilerOptions("test.Widen")).load()
                .instantiate(Imports.empty());
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (byte) (0x7d + 3 * i); // 0x7d, 0x80, 0x83 ...: both signs
        }
        dev.wasm2jar.runtime.V128 input = dev.wasm2jar.runtime.V128.ofBytes(bytes);
        for (int i = 0; i < pairs.length; i++) {
            boolean signedBytes = pairs[i][0] < 0x89;
            boolean signedShorts = pairs[i][1] < 0xa9;
            int from = (pairs[i][0] % 2 == 0 ? 8 : 0) + (pairs[i][1] % 2 == 0 ? 4 : 0);
            int[] expected = new int[4];
            for (int k = 0; k < 4; k++) {
                short wide = (short) (signedBytes ? bytes[from + k] : bytes[from + k] & 0xFF);
                expected[k] = signedShorts ? wide : wide & 0xFFFF;
            }
            Object[] result = instance.function("f" + i).call(input);
            assertArrayEquals(expected, ((dev.wasm2jar.runtime.V128) result[0]).ints(), "pair " + i);
        }
    }

    /**
     * {@code i8x16.shuffle} compiles three ways (element moves, shifted runs of bytes, the byte-by-byte helper); each
     * way, on lane patterns that select it and on random ones, against the bytes picked here.
     */
    @Test
    void shufflesPickTheRightBytes() throws Exception {
        java.util.List<int[]> patterns = new java.util.ArrayList<>();
        patterns.add(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});        // identity
        patterns.add(new int[] {12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27}); // 32-bit lanes
        patterns.add(new int[] {24, 25, 26, 27, 28, 29, 30, 31, 0, 1, 2, 3, 4, 5, 6, 7});       // 64-bit lanes
        patterns.add(new int[] {4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});               // runs, broadcast
        patterns.add(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 31, 31, 9, 10, 11, 12, 13, 14});         // broadcast, runs
        patterns.add(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 17, 18, 19, 20, 21, 22, 23, 24});        // runs across halves
        patterns.add(new int[] {15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0});          // helper
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 12; i++) {
            int[] lanes = new int[16];
            for (int k = 0; k < 16; k++) {
                lanes[k] = random.nextInt(32);
            }
            patterns.add(lanes);
        }
        java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream exports = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < patterns.size(); i++) {
            code.write(new byte[] {24, 0, 0x20, 0, 0x20, 1, (byte) 0xfd, 0x0d});
            for (int lane : patterns.get(i)) {
                code.write(lane);
            }
            code.write(0x0b);
            exports.write(new byte[] {2, 's', (byte) ('A' + i), 0, (byte) i});
        }
        java.io.ByteArrayOutputStream wasm = new java.io.ByteArrayOutputStream();
        wasm.write(java.util.HexFormat.of().parseHex("0061736d01000000" + "0107016002" + "7b7b017b"));
        wasm.write(new byte[] {3, (byte) (1 + patterns.size()), (byte) patterns.size()});
        wasm.write(new byte[patterns.size()]);
        wasm.write(new byte[] {7, (byte) (1 + exports.size()), (byte) patterns.size()});
        exports.writeTo(wasm);
        wasm.write(new byte[] {10, (byte) (0x80 | (1 + code.size()) & 0x7f), (byte) ((1 + code.size()) >> 7),
            (byte) patterns.size()});
        code.writeTo(wasm);
        Instance instance = Compiler.compile(wasm.toByteArray(), new CompilerOptions("test.Shuffles")).load()
                .instantiate(Imports.empty());
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        for (int k = 0; k < 16; k++) {
            a[k] = (byte) (0x10 + k);
            b[k] = (byte) (0xe0 + k);
        }
        for (int i = 0; i < patterns.size(); i++) {
            byte[] expected = new byte[16];
            for (int k = 0; k < 16; k++) {
                int lane = patterns.get(i)[k];
                expected[k] = lane < 16 ? a[lane] : b[lane - 16];
            }
            Object[] result = instance.function("s" + (char) ('A' + i)).call(dev.wasm2jar.runtime.V128.ofBytes(a),
                    dev.wasm2jar.runtime.V128.ofBytes(b));
            assertArrayEquals(expected, ((dev.wasm2jar.runtime.V128) result[0]).bytes(),
                    "lanes " + Arrays.toString(patterns.get(i)));
        }
    }

    /** The instructions of the methods whose names start with {@code prefix}, as ASM's Textifier prints them. */
    private static String textify(byte[] classFile, String prefix) {
        org.objectweb.asm.tree.ClassNode node = new org.objectweb.asm.tree.ClassNode();
        new ClassReader(classFile).accept(node, 0);
        StringWriter out = new StringWriter();
        for (org.objectweb.asm.tree.MethodNode m : node.methods) {
            if (m.name.startsWith(prefix)) {
                org.objectweb.asm.util.Textifier text = new org.objectweb.asm.util.Textifier();
                m.accept(new org.objectweb.asm.util.TraceMethodVisitor(text));
                text.print(new PrintWriter(out));
            }
        }
        return out.toString();
    }

    private static int count(String text, String word) {
        return text.split(java.util.regex.Pattern.quote(word), -1).length - 1;
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

    @Test
    void anUncompressedJarStoresItsFilesAndLoads(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("fac.jar");
        CompiledModule compiled = Compiler.compile(spec("fac.0.wasm"), new CompilerOptions("test.StoredFac"));
        compiled.writeJar(jar, false);
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            for (String name : compiled.files().keySet()) {
                assertEquals(java.util.zip.ZipEntry.STORED, file.getJarEntry(name).getMethod(), name);
            }
        }
        Object[] result = dev.wasm2jar.runtime.Module.fromJar(jar).instantiate(Imports.empty())
                .function("fac-iter").call(10L);
        assertArrayEquals(new Object[] {3628800L}, result);
    }
}
