package dev.wasm2jar.runtime.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.TrapException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GuestMemoryTest {
    /** A memory whose (c)iovec list at 0 names "ab" at 100 and "cde" at 200. */
    private static byte[] twoIovecs() {
        byte[] mem = new byte[Memory.PAGE_SIZE];
        GuestMemory.putI32(mem, 0, 100);
        GuestMemory.putI32(mem, 4, 2);
        GuestMemory.putI32(mem, 8, 200);
        GuestMemory.putI32(mem, 12, 3);
        GuestMemory.write(mem, 100, "ab".getBytes(StandardCharsets.UTF_8));
        GuestMemory.write(mem, 200, "cde".getBytes(StandardCharsets.UTF_8));
        return mem;
    }

    @Test
    void valuesAreLittleEndian() {
        byte[] mem = new byte[16];
        GuestMemory.putI32(mem, 0, 0x04030201);
        GuestMemory.putI64(mem, 4, 0x0c0b0a0908070605L);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0}, mem);
        assertEquals(0x0201, GuestMemory.u16(mem, 0));
        assertEquals(0x0c0b0a0908070605L, GuestMemory.i64(mem, 4));
        GuestMemory.putU8(mem, 12, 0xff);
        assertEquals(255, GuestMemory.u8(mem, 12));
    }

    @Test
    void rangesOutsideTheMemoryAndNegativeLengthsThrow() {
        byte[] mem = new byte[16];
        assertThrows(IndexOutOfBoundsException.class, () -> GuestMemory.check(mem, 10, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> GuestMemory.check(mem, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> GuestMemory.read(mem, 0, -1)); // a u32 over 2^31
        assertThrows(IndexOutOfBoundsException.class, () -> GuestMemory.zero(mem, 12, 8));
        GuestMemory.check(mem, 16, 0);
    }

    @Test
    void stringsAreStrictUtf8() throws CharacterCodingException {
        byte[] mem = "h\u00e9llo".getBytes(StandardCharsets.UTF_8);
        assertEquals("h\u00e9llo", GuestMemory.string(mem, 0, mem.length));
        assertThrows(CharacterCodingException.class, () -> GuestMemory.string(mem, 0, 2)); // half of é
        assertThrows(CharacterCodingException.class, () -> GuestMemory.string(new byte[] {(byte) 0xff}, 0, 1));
    }

    @Test
    void iovecListsAreRangesThatGatherAndScatter() {
        byte[] mem = twoIovecs();
        GuestMemory.IoVec[] vecs = GuestMemory.iovecs(mem, 0, 2);
        assertEquals(new GuestMemory.IoVec(100, 2), vecs[0]);
        assertEquals(new GuestMemory.IoVec(200, 3), vecs[1]);
        assertEquals("abcde", new String(GuestMemory.gather(mem, 0, 2), StandardCharsets.UTF_8));

        assertEquals(4, GuestMemory.scatter(mem, 0, 2, "xWXYZ".getBytes(StandardCharsets.UTF_8), 1, 4));
        assertEquals("WX", new String(GuestMemory.read(mem, 100, 2), StandardCharsets.UTF_8));
        assertEquals("YZe", new String(GuestMemory.read(mem, 200, 3), StandardCharsets.UTF_8));
        assertEquals(5, GuestMemory.scatter(mem, 0, 2, new byte[9], 0, 9), "as much as fits");
    }

    @Test
    void anIovecOutsideTheMemoryThrows() {
        byte[] mem = twoIovecs();
        GuestMemory.putI32(mem, 12, Memory.PAGE_SIZE);
        assertThrows(IndexOutOfBoundsException.class, () -> GuestMemory.iovecs(mem, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> GuestMemory.iovecs(mem, Memory.PAGE_SIZE - 4, 1));
    }

    @Test
    void theMemoryIsBoundOnceItExistsAndReadAfresh() {
        GuestMemory memory = new HostFunctions().memory();
        assertFalse(memory.isBound());
        TrapException e = assertThrows(TrapException.class, memory::bytes);
        assertTrue(e.getMessage().contains("before the module's memory was bound"), e.getMessage());
        Memory m = new Memory(1, 2);
        memory.bind(m);
        assertSame(m.buffer(), memory.bytes());
        m.grow(1);
        assertSame(m.buffer(), memory.bytes(), "a grown memory's new array");
        assertEquals(2 * Memory.PAGE_SIZE, memory.size());
    }
}
