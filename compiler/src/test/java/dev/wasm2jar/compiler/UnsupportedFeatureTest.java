package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Modules that need a feature wasm2jar does not compile, or one the options leave out, fail with one clear
 * {@link UnsupportedFeatureException} that names the feature and where; none of them is reported as invalid.
 */
class UnsupportedFeatureTest {
    private static final String HEADER = "0061736d01000000";
    /** Type section: one struct type with a mutable i32 field, {@code (type (struct (field (mut i32))))}. */
    static final byte[] GC_STRUCT = module("0105015f017f01");
    /** {@code (func return_call 0)}: type [] -> [], one function, its body. */
    static final byte[] TAIL_CALL = module("010401600000" + "03020100" + "0a0601040012000b");
    /** {@code (func (drop (ref.i31 (i32.const 0))))}. */
    static final byte[] REF_I31 = module("010401600000" + "03020100" + "0a09010700410" + "0fb1c1a0b");
    /** Two memories of no pages. */
    static final byte[] TWO_MEMORIES = module("050502" + "0000" + "0000");
    /** One 64-bit memory of no pages. */
    static final byte[] MEMORY64 = module("0503010400");
    /** {@code (func (local v128))}. */
    static final byte[] V128_LOCAL = module("010401600000" + "03020100" + "0a060104" + "01017b0b");
    /** The header of a component: the magic number, version 0x0d and layer 1. */
    static final byte[] COMPONENT = HexFormat.of().parseHex("0061736d0d000100");

    private static byte[] module(String sections) {
        return HexFormat.of().parseHex(HEADER + sections);
    }

    private static UnsupportedFeatureException unsupported(byte[] wasm, Set<Feature> features) {
        return assertThrows(UnsupportedFeatureException.class,
                () -> Compiler.compile(wasm, new CompilerOptions("test.Unsupported", features)));
    }

    @Test
    void gcTypesNeedTheFeatureEnabled() {
        UnsupportedFeatureException e = unsupported(GC_STRUCT, Feature.WASM_2_0);
        assertEquals(Feature.GC, e.feature());
        assertEquals("the module needs the GC proposal (gc), which is not enabled: type 0 is a struct type",
                e.getMessage());
        Compiler.compile(GC_STRUCT, new CompilerOptions("test.Struct", Feature.WASM_3_0));
        Compiler.compile(GC_STRUCT, new CompilerOptions("test.Struct", Feature.DEFAULT));
    }

    @Test
    void anInstructionIsNamedWithItsFunctionAndOffset() {
        UnsupportedFeatureException e = unsupported(REF_I31, Feature.WASM_2_0);
        assertEquals(Feature.GC, e.feature());
        assertEquals("the module needs the GC proposal (gc), which is not enabled: function 0 at byte 0x19: ref.i31",
                e.getMessage());
        UnsupportedFeatureException off = unsupported(TAIL_CALL, Feature.WASM_2_0);
        assertEquals("the module needs tail calls (tail-call), which is not enabled: function 0 at byte 0x17:"
                + " return_call", off.getMessage());
        Compiler.compile(TAIL_CALL, new CompilerOptions("test.TailCall", Feature.WASM_3_0));
        Compiler.compile(REF_I31, new CompilerOptions("test.I31", Feature.WASM_3_0));
    }

    @Test
    void twoMemoriesAreInvalidIn20AndCompileIn30() {
        InvalidException invalid = assertThrows(InvalidException.class,
                () -> Compiler.compile(TWO_MEMORIES, new CompilerOptions("test.Two", Feature.WASM_2_0)));
        assertTrue(invalid.getMessage().startsWith("multiple memories"), invalid.getMessage());
        Compiler.compile(TWO_MEMORIES, new CompilerOptions("test.Two", Feature.WASM_3_0));
    }

    /** 2.0's constant expressions read imported globals only; 3.0's also the defined globals before. */
    @Test
    void constantExpressionsReadEarlierGlobalsIn30() {
        byte[] earlier = module("060b02" + "7f0041010b" + "7f0023000b");
        byte[] later = module("060b02" + "7f0023010b" + "7f0041010b");
        Compiler.compile(earlier, new CompilerOptions("test.Earlier", Feature.WASM_3_0));
        InvalidException in20 = assertThrows(InvalidException.class,
                () -> Compiler.compile(earlier, new CompilerOptions("test.Earlier20", Feature.WASM_2_0)));
        assertEquals("unknown global 0", in20.getMessage());
        InvalidException in30 = assertThrows(InvalidException.class,
                () -> Compiler.compile(later, new CompilerOptions("test.Later", Feature.WASM_3_0)));
        assertTrue(in30.getMessage().startsWith("unknown global 1"), in30.getMessage());
    }

    /** Endive cannot decode 64-bit limits and calls them malformed; the module needs memory64 all the same. */
    @Test
    void sixtyFourBitMemoriesNeedMemory64() {
        Set<Feature> without = EnumSet.copyOf(Feature.DEFAULT);
        without.remove(Feature.MEMORY64);
        UnsupportedFeatureException e = unsupported(MEMORY64, without);
        assertEquals(Feature.MEMORY64, e.feature());
        assertTrue(e.getMessage().endsWith(": memory 0 is 64-bit"), e.getMessage());
        Compiler.compile(MEMORY64, new CompilerOptions("test.Memory64", Feature.WASM_3_0));
    }

    @Test
    void aSupportedFeatureLeftOutIsNotEnabled() {
        Set<Feature> noSimd = EnumSet.copyOf(Feature.WASM_2_0);
        noSimd.remove(Feature.SIMD);
        UnsupportedFeatureException e = unsupported(V128_LOCAL, noSimd);
        assertEquals("the module needs fixed-width SIMD (simd), which is not enabled: function 0: local 0 has type"
                + " v128", e.getMessage());
        Compiler.compile(V128_LOCAL, new CompilerOptions("test.Simd", Feature.WASM_2_0));
    }

    @Test
    void aComponentIsNotACoreModule() {
        MalformedException e = assertThrows(MalformedException.class,
                () -> Compiler.compile(COMPONENT, CompilerOptions.defaults()));
        assertEquals("this is a WebAssembly component (version 0xd, layer 1), not a core module: wasm2jar compiles"
                + " core modules", e.getMessage());
    }

    /** WasmEdge's default (all of 3.0, threads off), less what wasm2jar does not compile. */
    @Test
    void optionsDefaultToWasmEdgesFeaturesThatCompile() {
        assertEquals(Feature.DEFAULT, CompilerOptions.defaults().features());
        assertTrue(Feature.DEFAULT.containsAll(Feature.WASM_2_0));
        for (Feature f : Feature.WASM_3_0) {
            assertEquals(f.supported(), Feature.DEFAULT.contains(f), f.flag());
        }
        assertTrue(Feature.DEFAULT.containsAll(EnumSet.of(Feature.EXTENDED_CONST, Feature.TAIL_CALL,
                Feature.EXCEPTIONS, Feature.FUNCTION_REFERENCES, Feature.RELAXED_SIMD)));
        assertTrue(!Feature.DEFAULT.contains(Feature.THREADS));
        assertTrue(Feature.WASM_3_0.contains(Feature.GC));
        assertEquals(Feature.GC, Feature.ofFlag("gc"));
        assertThrows(IllegalArgumentException.class, () -> new CompilerOptions("a.B", Set.of(Feature.SIMD)));
    }
}
