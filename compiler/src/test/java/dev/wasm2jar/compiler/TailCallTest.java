package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.WasmFunction;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Tail calls run in constant stack: chains of a million calls, direct, through a table and through references, on a
 * thread of the JVM's default stack size (about 10,000 frames of these functions), and the function that makes them
 * can be called ordinarily, with values of its caller below the call.
 */
class TailCallTest {
    /**
     * Six functions and a table of two:
     * <pre>
     * even(n i64)  = n == 0 ? 1 : return_call odd(n - 1)
     * odd(n i64)   = n == 0 ? 0 : return_call even(n - 1)
     * sum(n, acc)  = n == 0 ? acc : return_call sum(n - 1, acc + n)
     * sumTwice(n)  = sum(n, 0) + sum(n, 0)                       (ordinary calls)
     * evenT(n i64) = n == 0 ? 1 : return_call_indirect (table[1] = oddT) (n - 1)
     * oddT(n i64)  = n == 0 ? 0 : return_call_ref (ref.func evenT) (n - 1)
     * </pre>
     */
    static final byte[] MODULE = HexFormat.of().parseHex("0061736d0100000001110360017e017f60027f7f017f60017f017f03"
            + "0706000001020000040401700002072104046576656e00000373756d00020873756d54776963650003056576656e54000409"
            + "08010041000b0204050a7a061200200050047f410105200042017d12010b0b1200200050047f410005200042017d12000b0b"
            + "1700200045047f200105200041016b200120006a12020b0b0f002000410010022000410010026a0b1500200050047f410105"
            + "200042017d41011300000b0b1400200050047f410005200042017dd20415000b0b");

    private static Instance instance() {
        return Compiler.compile(MODULE, new CompilerOptions("test.TailCalls", Feature.WASM_3_0)).load()
                .instantiate(Imports.empty());
    }

    @Test
    void aMillionMutualTailCallsFitTheStack() {
        Instance module = instance();
        assertArrayEquals(new Object[] {1}, module.function("even").call(1_000_000L));
        assertArrayEquals(new Object[] {0}, module.function("even").call(1_000_001L));
        assertArrayEquals(new Object[] {1}, module.function("even").call(0L));
    }

    @Test
    void throughTablesAndReferences() {
        Instance module = instance();
        assertArrayEquals(new Object[] {1}, module.function("evenT").call(1_000_000L));
        assertArrayEquals(new Object[] {0}, module.function("evenT").call(999_999L));
    }

    @Test
    void ordinaryCallsOfATailCallingFunctionKeepTheirOperands() throws Throwable {
        Instance module = instance();
        int sum = (int) (100_000L * 100_001L / 2);
        assertArrayEquals(new Object[] {sum}, module.function("sum").call(100_000, 0));
        assertArrayEquals(new Object[] {2 * sum}, module.function("sumTwice").call(100_000));
        WasmFunction even = module.function("even");
        assertEquals(1, (int) even.handle().invokeExact(2_000_000L));
    }

    /**
     * Self tail calls down to 0 of functions with other results, so that the bound's dummy results are of every
     * kind: {@code pair(n) -> [i32 i64]} ends in (7, 8), {@code vector(n) -> [v128]} and {@code mixed(n) -> [i32
     * v128]} in bytes 1 to 16 (and 7).
     */
    static final byte[] RESULTS = HexFormat.of().parseHex("0061736d0100000001120360017f027f7e60017f017b60017f027f7b"
            + "0304030001020719030470616972000006766563746f720001056d6978656400020a5e0314002000450440410742080f0b"
            + "200041016b12000b22002000450440fd0c0102030405060708090a0b0c0d0e0f100f0b200041016b12010b24002000450440"
            + "4107fd0c0102030405060708090a0b0c0d0e0f100f0b200041016b12020b");

    @Test
    void deferredCallsReturnResultsOfEveryKind() {
        Instance module = Compiler.compile(RESULTS, new CompilerOptions("test.TailResults", Feature.WASM_3_0)).load()
                .instantiate(Imports.empty());
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (byte) (i + 1);
        }
        V128 vector = V128.ofBytes(bytes);
        assertArrayEquals(new Object[] {7, 8L}, module.function("pair").call(100_000));
        assertArrayEquals(new Object[] {vector}, module.function("vector").call(100_000));
        assertArrayEquals(new Object[] {7, vector}, module.function("mixed").call(100_000));
    }

    /**
     * Functions split into parts (at a target of 300 bytes) make the same tail calls from their parts: {@code even}
     * and {@code odd} of {@link #MODULE}, each branch padded with sixty {@code n = n + 0}.
     */
    @Test
    void splitFunctionsMakeTailCallsFromTheirParts() {
        WasmBuilder b = new WasmBuilder();
        int type = b.type(new int[] {WasmBuilder.I64}, new int[] {WasmBuilder.I32});
        for (int f = 0; f < 2; f++) {
            WasmBuilder.Code body = new WasmBuilder.Code();
            padding(body);
            body.get(0).op(0x50).begin(0x04, WasmBuilder.I32).i32(1 - f).op(0x05); // if n == 0: 1 (even), 0 (odd)
            padding(body);
            body.get(0).i64(1).op(0x7D).op(0x12).u32(1 - f).end(); // else return_call the other with n - 1
            b.function(f == 0 ? "even" : null, type, new int[0], body);
        }
        CompiledModule compiled = Compiler.compile(b.build(),
                new CompilerOptions("test.SplitTailCalls", Feature.WASM_3_0), Progress.NONE, 300);
        assertTrue(compiled.stats().parts() >= 2, compiled.stats().parts() + " parts");
        Instance module = compiled.load().instantiate(Imports.empty());
        assertArrayEquals(new Object[] {1}, module.function("even").call(1_000_000L));
        assertArrayEquals(new Object[] {0}, module.function("even").call(999_999L));
    }

    private static void padding(WasmBuilder.Code body) {
        for (int i = 0; i < 60; i++) {
            body.get(0).i64(0).op(0x7C).set(0);
        }
    }

    @Test
    void onlyFunctionsWithTailCallsHaveAnEntry() {
        var shape = Compiler.compile(MODULE, new CompilerOptions("test.TailCalls", Feature.WASM_3_0)).load().shape();
        assertEquals("f0$entry", shape.functionMethods()[0]);
        assertEquals("f2$entry", shape.functionMethods()[2]);
        assertEquals("f3", shape.functionMethods()[3]);
    }
}
