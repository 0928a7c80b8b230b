package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
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

    @Test
    void onlyFunctionsWithTailCallsHaveAnEntry() {
        var shape = Compiler.compile(MODULE, new CompilerOptions("test.TailCalls", Feature.WASM_3_0)).load().shape();
        assertEquals("f0$entry", shape.functionMethods()[0]);
        assertEquals("f2$entry", shape.functionMethods()[2]);
        assertEquals("f3", shape.functionMethods()[3]);
    }
}
