package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import dev.wasm2jar.runtime.ValueType;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Typed function references compile: call_ref, ref.as_non_null, br_on_null, br_on_non_null, non-null locals. */
class FunctionReferencesTest {
    /**
     * Types {@code $ii = [i32] -> [i32]} and {@code [] -> [i32]}; function 0 doubles its argument and is declared for
     * {@code ref.func}; the exports, each over {@code (ref null $ii)} values:
     * <pre>
     * apply(x)     = call_ref $ii (x, ref.func 0)
     * applyNull(x) = call_ref $ii (x, ref.null $ii)
     * nonNull()    = ref.as_non_null (ref.null $ii); 1
     * onNull(x)    = block: 21, br_on_null 0 (x ? ref.func 0 : null), call_ref, return; end; -1
     * onNonNull(x) = block (result (ref $ii)): br_on_non_null 0 (x ? ref.func 0 : null); return -1; end;
     *                local.set 1 (a (ref null $ii) local); call_ref $ii (5, local.get 1)
     * </pre>
     */
    static final byte[] MODULE = HexFormat.of().parseHex("0061736d01000000010a0260017f017f6000017f030706000000010000"
            + "073405056170706c790001096170706c794e756c6c0002076e6f6e4e756c6c0003066f6e4e756c6c0004096f6e4e6f6e4e"
            + "756c6c0005090501030001000a5e060700200020006a0b08002000d20014000b08002000d00014000b0800d000d41a4101"
            + "0b180002404115d200d00020001c016300d50014000f0b417f0b2001016300026400d200d00020001c016300d600417f0f"
            + "0b21014105200114000b");

    private static Instance instance() {
        return Compiler.compile(MODULE, new CompilerOptions("test.FunctionReferences", Feature.WASM_3_0)).load()
                .instantiate(Imports.empty());
    }

    @Test
    void callRefCallsTheReferenceAndTrapsOnNull() {
        Instance module = instance();
        assertArrayEquals(new Object[] {14}, module.function("apply").call(7));
        TrapException e = assertThrows(TrapException.class, () -> module.function("applyNull").call(7));
        assertEquals("null function reference", e.getMessage());
        assertEquals("null reference",
                assertThrows(TrapException.class, () -> module.function("nonNull").call()).getMessage());
    }

    @Test
    void branchesOnNullAndOnNonNull() {
        Instance module = instance();
        assertArrayEquals(new Object[] {42}, module.function("onNull").call(1));
        assertArrayEquals(new Object[] {-1}, module.function("onNull").call(0));
        assertArrayEquals(new Object[] {10}, module.function("onNonNull").call(1));
        assertArrayEquals(new Object[] {-1}, module.function("onNonNull").call(0));
    }

    @Test
    void typesResolveToWhatTheyDefine() {
        var model = dev.wasm2jar.compiler.internal.decode.EndiveDecoder.decode(MODULE, Feature.WASM_3_0);
        assertSame(FunctionType.parse("i:i"), model.types().get(0));
        ValueType local = model.bodies().apply(5).locals().get(0);
        assertEquals("(ref null 0)", local.toString());
    }

    @Test
    void offItNamesFunctionReferences() {
        var off = java.util.EnumSet.copyOf(Feature.WASM_3_0);
        off.remove(Feature.FUNCTION_REFERENCES);
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> Compiler.compile(MODULE, new CompilerOptions("test.Off", off)));
        assertEquals(Feature.FUNCTION_REFERENCES, e.feature());
    }
}
