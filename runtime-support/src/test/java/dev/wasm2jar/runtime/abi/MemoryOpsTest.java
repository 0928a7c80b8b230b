package dev.wasm2jar.runtime.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.TrapException;
import org.junit.jupiter.api.Test;

class MemoryOpsTest {
    /** Effective addresses are unsigned 33-bit sums; anything from 2 GiB on must come out negative. */
    @Test
    void effectiveAddresses() {
        assertEquals(0, MemoryOps.address(0, 0));
        assertEquals(15, MemoryOps.address(5, 10));
        assertEquals(0x7FFF_FFFF, MemoryOps.address(0x7FFF_0000, 0xFFFF));
        assertTrue(MemoryOps.address(-1, 0) < 0, "address 2^32-1");
        assertTrue(MemoryOps.address(Integer.MAX_VALUE, 1) < 0, "sum 2^31");
        assertTrue(MemoryOps.address(-4, 8) < 0, "address 2^32-4 plus 8 wraps to 4 in 32 bits");
        assertTrue(MemoryOps.address(1, -1) < 0, "offset 2^32-1");
        assertTrue(MemoryOps.address(0, Integer.MIN_VALUE) < 0, "offset 2^31");
        assertTrue(MemoryOps.address(-1, -1) < 0, "both 2^32-1");
    }

    @Test
    void accessesOutOfBoundsThrowBeforeWriting() {
        byte[] memory = new byte[65536];
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.i32Store(65534, 0x01020304, memory, 0));
        assertEquals(0, memory[65534]);
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.i64Load(-8, memory, 16));
        MemoryOps.i32Store(65532, 0x01020304, memory, 0);
        assertEquals(0x01020304, MemoryOps.i32Load(65520, memory, 12));
        assertThrows(TrapException.class, () -> MemoryOps.fill(65530, 1, 7, memory));
    }

    /** In an array with room past the memory, the size bounds every access and nothing past it is written. */
    @Test
    void accessesCheckAgainstTheSizeNotTheArray() {
        byte[] array = new byte[2 * 65536];
        int size = 65536;
        MemoryOps.i32Store(65532, 0x01020304, array, size, 0);
        assertEquals(0x01020304, MemoryOps.i32Load(65520, array, size, 12));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.i32Store(65533, -1, array, size, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.i64Store(65530, -1L, array, size, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.i32Store8(0, 1, array, size, 65536));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.i32Load8U(-1, array, size, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.i32Load(size, array, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.v128Store(65521, 1, 2, array, size, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.v128LoadHigh(65521, array, size, 0));
        assertEquals(0x01020304L, MemoryOps.v128LoadHigh(65520, array, size, 0) >>> 32);
        int ea = MemoryOps.address(65520, 0, 12);
        assertEquals(0x01020304, MemoryOps.i32At(ea, array, size, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.i32AtPut(ea, -1, array, size, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryOps.f64At(-1, array, size, 0));
        assertThrows(TrapException.class, () -> MemoryOps.fill(65535, 1, 2, array, size));
        assertThrows(TrapException.class, () -> MemoryOps.copy(65535, 0, 2, array, size));
        assertThrows(TrapException.class, () -> MemoryOps.init(65535, 0, 2, array, size, new byte[2]));
        for (int i = size; i < array.length; i++) {
            assertEquals(0, array[i], "nothing written past the size");
        }
    }
}
