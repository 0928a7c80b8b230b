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
}
