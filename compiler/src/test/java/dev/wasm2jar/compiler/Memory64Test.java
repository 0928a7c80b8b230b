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
import java.util.HexFormat;
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
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> Compiler.compile(MEMORY64, new CompilerOptions("test.Off", Feature.DEFAULT)));
        assertEquals(Feature.MEMORY64, e.feature());
        assertTrue(e.getMessage().endsWith("which is not enabled: memory 0 is 64-bit"), e.getMessage());
    }
}
