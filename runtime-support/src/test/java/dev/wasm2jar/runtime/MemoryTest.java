package dev.wasm2jar.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryTest {
    /** Growing page by page replaces the array O(log n) times, so the copying is amortized O(pages added). */
    @Test
    void growingPageByPageReplacesTheArrayRarely() {
        Memory memory = new Memory(1, -1);
        int replaced = 0;
        long copied = 0;
        for (int pages = 1; pages < 1000; pages++) {
            byte[] before = memory.buffer();
            assertEquals(pages, memory.grow(1));
            if (memory.buffer() != before) {
                replaced++;
                copied += (long) pages * Memory.PAGE_SIZE;
            }
        }
        assertEquals(1000, memory.pages());
        assertEquals(1000 * Memory.PAGE_SIZE, memory.byteSize());
        assertTrue(replaced <= Memory.EXACT_REPLACEMENTS + 14, replaced + " arrays for 999 grows");
        assertTrue(copied <= 3L * 1000 * Memory.PAGE_SIZE, copied + " bytes copied");
    }

    @Test
    void theFirstGrowthsAreExactAndLaterOnesLeaveRoom() {
        Memory memory = new Memory(1, -1);
        for (int i = 0; i < Memory.EXACT_REPLACEMENTS; i++) {
            memory.grow(100);
            assertEquals(memory.byteSize(), memory.buffer().length, "exactly the size asked, growth " + i);
        }
        memory.grow(1);
        assertTrue(memory.buffer().length >= memory.byteSize() * 3L / 2, "room to grow into");
    }

    /** A memory with room: one grown page by page past its exact replacements. */
    private static Memory withRoom() {
        Memory memory = new Memory(1, -1);
        while (memory.buffer().length == memory.byteSize()) {
            memory.grow(1);
        }
        return memory;
    }

    @Test
    void theRoomIsNotTheMemory() {
        Memory memory = withRoom();
        assertTrue(memory.buffer().length > memory.byteSize(), "room to grow into");
        int end = memory.byteSize();
        assertThrows(TrapException.class, () -> memory.readByte(end));
        assertThrows(TrapException.class, () -> memory.writeI32(end - 3, 1));
        assertThrows(TrapException.class, () -> memory.read(end - 1, 2));
        memory.writeByte(end - 1, (byte) 1);
        assertEquals(1, memory.readByte(end - 1));
    }

    /** Host functions check guest addresses against the array, so they may write into the room: growth zeroes it. */
    @Test
    void pagesRevealedByGrowthAreZeroEvenAfterWritesIntoTheRoom() {
        Memory memory = withRoom();
        byte[] array = memory.buffer();
        int end = memory.byteSize();
        array[end] = 42;
        array[array.length - 1] = 42;
        assertEquals(end / Memory.PAGE_SIZE, memory.grow(1));
        assertSame(array, memory.buffer(), "grown within the room");
        assertEquals(0, memory.readByte(end));
    }

    @Test
    void growthStopsAtTheMaximumAndAMemoryOfFixedSizeHasNoRoom() {
        Memory fixed = new Memory(3, 3);
        assertEquals(3 * Memory.PAGE_SIZE, fixed.buffer().length);
        assertEquals(-1, fixed.grow(1));
        assertEquals(3, fixed.grow(0));

        Memory bounded = new Memory(1, 4);
        assertEquals(1, bounded.grow(2));
        assertEquals(3, bounded.grow(1));
        assertEquals(-1, bounded.grow(1));
        assertTrue(bounded.buffer().length <= 4 * Memory.PAGE_SIZE, "no room past the maximum");
        assertEquals(-1, new Memory(1, -1).grow(Memory.MAX_PAGES));
    }
}
