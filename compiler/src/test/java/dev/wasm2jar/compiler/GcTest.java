package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.TrapException;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * The GC proposal's object model on a module of our own: a struct type and its subtype become a class and its
 * subclass with typed fields, {@code struct.get} a {@code getfield}, arrays of i8 a {@code byte[]}; casts follow the
 * declared subtyping; null and bounds trap. The spec suite ({@code wasm-3.0-gc}) covers the rest.
 */
class GcTest {
    /**
     * Types: 0 {@code (sub (struct (field (mut i32))))}, 1 {@code (sub 0 (struct (field (mut i32)) (field i64)))},
     * 2 {@code (array (mut i8))}, 3 {@code [] -> [i32]}, 4 {@code [i32] -> [i32]}. Functions: "get" reads field 0
     * of a struct of type 1 as a type 0; "test" is {@code ref.test (ref 1)} of a new struct of type 0; "array" reads
     * element {@code i} unsigned of an i8 array of three 0xff; "i31" round-trips through {@code ref.i31}; "global"
     * reads field 0 of the global {@code (ref 0)} that a constant expression made, {@code struct.new 0 (i32.const 5)}.
     */
    static final byte[] MODULE = module(
            section(1, "05" + "5000" + "5f017f01" + "500100" + "5f027f017e00" + "5e7801" + "6000017f" + "60017f017f"),
            section(3, "050304040403"),
            section(6, "01" + "640000" + "4105" + "fb0000" + "0b"),
            section(7, "05" + "03676574" + "0000" + "0474657374" + "0001" + "056172726179" + "0002" + "03693331" + "0003"
                    + "06676c6f62616c" + "0004"),
            section(10, "05"
                    + body("00" + "4107" + "4209" + "fb0001" + "fb020000" + "0b")
                    + body("00" + "2000" + "fb0000" + "fb1401" + "0b")
                    + body("00" + "417f" + "4103" + "fb0602" + "2000" + "fb0d02" + "0b")
                    + body("00" + "2000" + "fb1c" + "fb1d" + "0b")
                    + body("00" + "2300" + "fb020000" + "0b")));

    @Test
    void structsArraysI31AndCasts() {
        Instance m = Compiler.compile(MODULE, new CompilerOptions("test.Gc", Feature.WASM_3_0)).load()
                .instantiate(Imports.empty());
        assertArrayEquals(new Object[] {7}, m.function("get").call());
        assertArrayEquals(new Object[] {0}, m.function("test").call(5));
        assertArrayEquals(new Object[] {255}, m.function("array").call(2));
        TrapException bounds = assertThrows(TrapException.class, () -> m.function("array").call(3));
        assertTrue(bounds.getMessage().contains("out of bounds"), bounds.getMessage());
        assertArrayEquals(new Object[] {-1}, m.function("i31").call(-1));
        assertArrayEquals(new Object[] {-0x4000_0000}, m.function("i31").call(0x4000_0000));
        assertArrayEquals(new Object[] {5}, m.function("global").call());
    }

    @Test
    void fieldsAreTypedJvmFieldsAndSubtypesSubclasses() {
        CompiledModule compiled = Compiler.compile(MODULE, new CompilerOptions("test.Gc", Feature.WASM_3_0));
        String sub = text(compiled.files().get("test/Gc$Struct1.class"));
        assertTrue(sub.contains("class test/Gc$Struct1 extends test/Gc$Struct0"), sub);
        assertTrue(sub.contains("public J f1"), sub);
        assertFalse(sub.contains("public I f0"), "field 0 is inherited: " + sub);
        assertTrue(text(compiled.files().get("test/Gc$Struct0.class")).contains("public I f0"));
        String module = text(compiled.files().get("test/Gc.class"));
        assertTrue(module.contains("GETFIELD test/Gc$Struct0.f0 : I"), module);
        assertTrue(module.contains("GETFIELD dev/wasm2jar/runtime/abi/GcArray$I8.values : [B"), module);
    }

    /** A struct with a v128 field is declared, as toolchains declare such types; reading the field is refused. */
    @Test
    void v128FieldsAreDeclaredButNotRead() {
        Compiler.compile(module(section(1, "01" + "5f017b00")), new CompilerOptions("test.V128", Feature.WASM_3_0));
        // (struct (field v128)), [] -> [], a function that reads field 0 of a null struct.
        byte[] reads = module(section(1, "02" + "5f017b00" + "600000"), section(3, "0101"),
                section(10, "01" + body("00" + "d000" + "fb020000" + "1a" + "0b")));
        CompilationException e = assertThrows(CompilationException.class,
                () -> Compiler.compile(reads, new CompilerOptions("test.V128Read", Feature.WASM_3_0)));
        assertTrue(e.getMessage().endsWith("struct.get of a v128 field or element is not compiled yet (GC)"),
                e.getMessage());
    }

    /** A chain of 64 subtypes is refused as wasmparser refuses it, before it costs a class per type. */
    @Test
    void deepSubtypingIsRefused() {
        StringBuilder types = new StringBuilder("41" + "50005f00");
        for (int i = 1; i < 65; i++) {
            types.append("5001").append(String.format("%02x", i - 1)).append("5f00");
        }
        byte[] deep = module(section(1, types.toString()));
        InvalidException e = assertThrows(InvalidException.class,
                () -> Compiler.compile(deep, new CompilerOptions("test.Deep", Feature.WASM_3_0)));
        assertTrue(e.getMessage().startsWith("sub type hierarchy too deep: type 64"), e.getMessage());
    }

    private static String text(byte[] classFile) {
        StringWriter out = new StringWriter();
        new ClassReader(classFile).accept(new TraceClassVisitor(new PrintWriter(out)), 0);
        return out.toString();
    }

    private static byte[] module(byte[]... sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("0061736d01000000"));
        for (byte[] s : sections) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    private static byte[] section(int id, String hex) {
        byte[] content = HexFormat.of().parseHex(hex);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id);
        for (int n = content.length; ; n >>>= 7) {
            out.write(n >= 0x80 ? n & 0x7f | 0x80 : n);
            if (n < 0x80) {
                break;
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static String body(String hex) {
        return String.format("%02x", hex.length() / 2) + hex;
    }
}
