package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import dev.wasm2jar.runtime.V128;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Relaxed SIMD compiles when enabled, each instruction to the one result RATIONALE.md chose among those the spec
 * allows, and a module that uses it while relaxed-simd is off says so (Endive alone would read it as atomics).
 */
class RelaxedSimdTest {
    /**
     * wabt 1.0.32's {@code wat2wasm --enable-relaxed-simd} of six exported functions, each one instruction over its
     * parameters: {@code madd} (f32x4.relaxed_madd), {@code nmadd} (f64x2.relaxed_nmadd), {@code dot}
     * (i16x8.relaxed_dot_i8x16_i7x16_s), {@code dot_add} (i32x4.relaxed_dot_i8x16_i7x16_add_s), {@code laneselect}
     * (i32x4.relaxed_laneselect), {@code trunc} (i32x4.relaxed_trunc_f32x4_u).
     */
    static final byte[] RELAXED = HexFormat.of().parseHex("0061736d0100000001130360037b7b7b017b60027b7b017b60017b017b"
            + "030706000001000002073506046d6164640000056e6d616464000103646f74000207646f745f61646400030a6c616e657365"
            + "6c6563740004057472756e6300050a43060b00200020012002fd85020b0b00200020012002fd88020b090020002001fd9202"
            + "0b0b00200020012002fd93020b0b00200020012002fd8b020b07002000fd82020b");

    private static Instance instance() {
        return Compiler.compile(RELAXED, new CompilerOptions("test.Relaxed", Feature.WASM_3_0)).load()
                .instantiate(Imports.empty());
    }

    private static V128 floats(float a, float b, float c, float d) {
        return V128.ofInts(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b), Float.floatToRawIntBits(c),
                Float.floatToRawIntBits(d));
    }

    private static V128 doubles(double a, double b) {
        return new V128(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b));
    }

    private static V128 bytes(int... lanes) {
        byte[] b = new byte[16];
        for (int i = 0; i < lanes.length; i++) {
            b[i] = (byte) lanes[i];
        }
        return V128.ofBytes(b);
    }

    @Test
    void multiplyAddRoundsTwice() {
        Instance relaxed = instance();
        float max = Float.MAX_VALUE;
        // Fused, FLT_MAX * 2 - FLT_MAX is FLT_MAX; rounded twice, the product overflows first.
        assertArrayEquals(new Object[] {floats(Float.POSITIVE_INFINITY, 7, 0, -3)}, relaxed.function("madd")
                .call(floats(max, 2, 0, 1), floats(2, 3, 5, -1), floats(-max, 1, 0, -2)));
        // -(x * y) + z with x = y = 1 + 2^-52 and z = 1 + 2^-51: x * y is 1 + 2^-51 + 2^-104, which rounds to z, so
        // rounded twice the result is 0; fused, it would be -2^-104.
        double x = 1 + 0x1p-52;
        assertArrayEquals(new Object[] {doubles(0, 4)},
                relaxed.function("nmadd").call(doubles(x, 2), doubles(x, 3), doubles(1 + 0x1p-51, 10)));
    }

    @Test
    void dotProductsAreSignedAndSaturateTheirPairs() {
        Instance relaxed = instance();
        // Pairs: -128·-128 twice saturates to 32767; 1·2 + 3·4 = 14; -128·127 + 0 = -16256.
        V128 a = bytes(-128, -128, 1, 3, -128, 0);
        V128 b = bytes(-128, -128, 2, 4, 127, 0);
        V128 dot = (V128) relaxed.function("dot").call(a, b)[0];
        assertEquals(new V128((32767 & 0xFFFFL) | 14L << 16 | (-16256 & 0xFFFFL) << 32, 0), dot);
        V128 dotAdd = (V128) relaxed.function("dot_add").call(a, b, V128.ofInts(1, 2, 3, 4))[0];
        assertEquals(V128.ofInts(32767 + 14 + 1, -16256 + 2, 3, 4), dotAdd);
    }

    @Test
    void laneselectIsBitselectAndTruncSaturates() {
        Instance relaxed = instance();
        V128 mask = V128.ofInts(0xFFFF0000, -1, 0, 0x80000000);
        assertArrayEquals(new Object[] {V128.ofInts(0xAAAA5555, 0xAAAAAAAA, 0x55555555, 0xD5555555)},
                relaxed.function("laneselect").call(V128.ofInts(0xAAAAAAAA, 0xAAAAAAAA, 0xAAAAAAAA, 0xAAAAAAAA),
                        V128.ofInts(0x55555555, 0x55555555, 0x55555555, 0x55555555), mask));
        assertArrayEquals(new Object[] {V128.ofInts(0, -1, 0, 3)},
                relaxed.function("trunc").call(floats(Float.NaN, 1e10f, -5, 3.9f)));
    }

    @Test
    void offItNamesRelaxedSimd() {
        var off = java.util.EnumSet.copyOf(Feature.WASM_3_0);
        off.remove(Feature.RELAXED_SIMD);
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> Compiler.compile(RELAXED, new CompilerOptions("test.Off", off)));
        assertEquals(Feature.RELAXED_SIMD, e.feature());
        assertTrue(e.getMessage().startsWith("the module needs relaxed SIMD (relaxed-simd), which is not enabled: "),
                e.getMessage());
        assertTrue(Feature.WASM_3_0.contains(Feature.RELAXED_SIMD));
    }
}
