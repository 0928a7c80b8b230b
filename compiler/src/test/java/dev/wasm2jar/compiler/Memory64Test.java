package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.UninstantiableException;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * memory64 and multi-memory together: a 64-bit memory's i64 addresses, static offsets and sizes, traps exactly where
 * the spec puts them, a second (32-bit) memory reached through its field, and the one clear line for a memory larger
 * than a JVM array.
 */
class Memory64Test {
    /**
     * wabt 1.0.32's {@code wat2wasm --enable-memory64 --enable-multi-memory} of {@code (memory (export "mem") i64 1 3)},
     * {@code (memory $small 1)} and: {@code load (param i64) (result i32)}, {@code load_far} (the same at offset
     * 0xffffffff), {@code store (param i64 i32)}, {@code grow (param i64) (result i64)}, {@code size (result i64)},
     * {@code copy_to_small (param i32 i64 i32)} ({@code memory.copy $small 0}) and {@code small_load (param i32)
     * (result i32)}.
     */
    static final byte[] MEMORY64 = HexFormat.of().parseHex("0061736d01000000011f0660017e017f60027e7f0060017e017e600001"
            + "7e60037f7e7f0060017f017f030807000001020304050506020501030001074c08036d656d0200046c6f61640000086c6f6164"
            + "5f66617200010573746f726500020467726f7700030473697a6500040d636f70795f746f5f736d616c6c00050a736d616c6c"
            + "5f6c6f616400060a4107070020002802000b0b0020002802ffffffff0f0b0900200020013602000b0600200040000b04003f"
            + "000b0c00200020012002fc0a01000b08002000284201000b");
    /**
     * {@code wat2wasm --enable-memory64 --enable-multi-memory} of {@code (memory i64 1)}, {@code (memory $two 1 2)}
     * and vector accesses to both: {@code copy (param i64 i64)} (v128.load, v128.store), {@code add4} (f32x4.add of
     * a loaded vector to itself), {@code lane} (v128.load32_lane 1, v128.store32_lane 1), {@code splat_zero}
     * (i32x4.add of v128.load16_splat and v128.load64_zero), {@code to_two (param i64 i32)} (i16x8.add of a vector
     * of each memory, stored in {@code $two}), and {@code store_i64}, {@code load_i64}, {@code two_i64}.
     */
    static final byte[] VECTORS = HexFormat.of().parseHex("0061736d0100000001150460027e7e0060027e7f0060017e017e"
            + "60017f017e03090800000000010002030506020401010102"
            + "074d0804636f7079000004616464340001046c616e6500020a73706c61745f7a65726f000306746f5f74776f00040973746f"
            + "72655f6936340005086c6f61645f69363400060774776f5f69363400070a9801080e0020012000fd000400fd0b04000b1700"
            + "20012000fd0004002000fd000400fde401fd0b04000b220020012000fd0c00000000000000000000000000000000fd560200"
            + "01fd5a0200010b170020012000fd0801002000fd5d0300fdae01fd0b04000b190020012000fd0004002001fd00440100fd8e"
            + "01fd0b4401000b0900200020013703000b070020002903000b08002000294301000b");

    /** {@code (memory i64 40000)}: 2.4 GiB, more than a JVM array holds. */
    static final byte[] TOO_LARGE = HexFormat.of().parseHex("0061736d0100000005050104c0b802");

    private static Instance instance() {
        return Compiler.compile(MEMORY64, new CompilerOptions("test.Memory64", Feature.WASM_3_0)).load()
                .instantiate(Imports.empty());
    }

    @Test
    void addressesAreI64AndTrapOutOfBoundsExactly() {
        Instance m = instance();
        m.function("store").call(65532L, 0x12345678);
        assertArrayEquals(new Object[] {0x12345678}, m.function("load").call(65532L));
        assertThrows(TrapException.class, () -> m.function("load").call(65533L));
        // Addresses of 2^32 and 2^63 and more: beyond every memory, not wrapped around to small ones.
        assertThrows(TrapException.class, () -> m.function("load").call(1L << 32));
        assertThrows(TrapException.class, () -> m.function("load").call(Long.MIN_VALUE));
        assertThrows(TrapException.class, () -> m.function("load").call(-1L));
        assertThrows(TrapException.class, () -> m.function("load_far").call(0L));
        assertThrows(TrapException.class, () -> m.function("store").call(1L << 32, 1));
    }

    @Test
    void sizeAndGrowAreI64() {
        Instance m = instance();
        assertArrayEquals(new Object[] {1L}, m.function("size").call());
        assertArrayEquals(new Object[] {1L}, m.function("grow").call(2L));
        assertArrayEquals(new Object[] {-1L}, m.function("grow").call(1L));
        assertArrayEquals(new Object[] {-1L}, m.function("grow").call(1L << 32)); // not a grow by 0
        assertArrayEquals(new Object[] {3L}, m.function("size").call());
        Memory exported = m.memory("mem");
        assertTrue(exported.address64());
        assertEquals(3, exported.pages());
    }

    @Test
    void aSecondMemoryIsReachedThroughItsField() {
        Instance m = instance();
        m.function("store").call(8L, 0xCAFE);
        m.function("copy_to_small").call(100, 8L, 4);
        assertArrayEquals(new Object[] {0xCAFE}, m.function("small_load").call(100));
        assertThrows(TrapException.class, () -> m.function("copy_to_small").call(0, 65535L, 2));
        assertThrows(TrapException.class, () -> m.function("copy_to_small").call(0, 1L << 32, 0));
    }

    @Test
    void vectorAccessesTakeI64AddressesAndASecondMemory() {
        Instance m = Compiler.compile(VECTORS, new CompilerOptions("test.Vectors64", Feature.WASM_3_0)).load()
                .instantiate(Imports.empty());
        m.function("store_i64").call(0L, 0x0807060504030201L);
        m.function("store_i64").call(8L, 0x100F0E0D0C0B0A09L);
        m.function("copy").call(0L, 65520L);
        assertArrayEquals(new Object[] {0x100F0E0D0C0B0A09L}, m.function("load_i64").call(65528L));
        m.function("store_i64").call(65528L, 7L);
        assertThrows(TrapException.class, () -> m.function("copy").call(0L, 65521L));
        assertArrayEquals(new Object[] {7L}, m.function("load_i64").call(65528L)); // nothing written
        assertThrows(TrapException.class, () -> m.function("copy").call(65521L, 0L));
        assertThrows(TrapException.class, () -> m.function("copy").call(1L << 32, 0L));
        assertThrows(TrapException.class, () -> m.function("copy").call(0L, -16L));

        long floats = (long) Float.floatToRawIntBits(1.5f) | (long) Float.floatToRawIntBits(-2f) << 32;
        m.function("store_i64").call(100L, floats);
        m.function("add4").call(100L, 200L);
        long doubled = (long) Float.floatToRawIntBits(3f) | (long) Float.floatToRawIntBits(-4f) << 32;
        assertArrayEquals(new Object[] {doubled}, m.function("load_i64").call(200L));
        assertThrows(TrapException.class, () -> m.function("add4").call(100L, 65530L));
        assertThrows(TrapException.class, () -> m.function("add4").call(65530L, 0L));

        m.function("lane").call(0L, 300L);
        assertArrayEquals(new Object[] {0x04030201L}, m.function("load_i64").call(300L));
        assertThrows(TrapException.class, () -> m.function("lane").call(0L, 65533L));
        assertThrows(TrapException.class, () -> m.function("lane").call((1L << 32) + 4, 0L));

        m.function("splat_zero").call(0L, 400L);
        // Each i32 lane: the 16 bits at 0 twice (0x02010201), plus the low or high half of the 8 bytes at 0.
        assertArrayEquals(new Object[] {(0x02010201L + 0x04030201L) | (0x02010201L + 0x08070605L) << 32},
                m.function("load_i64").call(400L));

        m.function("to_two").call(0L, 16);
        m.function("to_two").call(0L, 16);
        assertArrayEquals(new Object[] {0x100E0C0A08060402L}, // each i16 lane twice
                m.function("two_i64").call(16));
        assertThrows(TrapException.class, () -> m.function("to_two").call(0L, 65521));
    }

    @Test
    void aMemoryLargerThanAJvmArrayFailsInstantiationInOneLine() {
        Module module = Compiler.compile(TOO_LARGE, new CompilerOptions("test.TooLarge", Feature.WASM_3_0)).load();
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> module.instantiate(Imports.empty()));
        assertEquals("memory of 40000 pages is larger than a JVM array: wasm2jar's memories hold at most 32767 pages"
                + " (2 GiB - 64 KiB)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void memory64IsAFeatureOfItsOwn() {
        Set<Feature> without = EnumSet.copyOf(Feature.DEFAULT); // WasmEdge's default has it
        without.remove(Feature.MEMORY64);
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> Compiler.compile(MEMORY64, new CompilerOptions("test.Off", without)));
        assertEquals(Feature.MEMORY64, e.feature());
        assertTrue(e.getMessage().endsWith("which is not enabled: memory 0 is 64-bit"), e.getMessage());
    }
}
