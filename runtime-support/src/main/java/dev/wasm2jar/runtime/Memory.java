package dev.wasm2jar.runtime;

import dev.wasm2jar.runtime.internal.MemoryRoom;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A linear memory: a little-endian byte array that grows in 64 KiB pages.
 *
 * <p>The array may be longer than the memory: a memory that can grow keeps room to grow into, so that growing page by
 * page costs amortized time in the pages added rather than a copy of the whole memory each time. Only the first
 * {@link #byteSize()} bytes are the memory; compiled code checks its accesses against that size, keeps the array and
 * the size in locals and reloads both after every call and {@code memory.grow}. A memory whose maximum is its
 * initial size never grows, so its array is exactly its size. A JVM array holds at most 2 GiB, so a memory holds at
 * most {@link #MAX_PAGES} pages; a grow beyond that fails as the spec allows (it returns -1).
 */
public final class Memory {
    public static final int PAGE_SIZE = 65536;
    /** The largest memory a JVM byte array can hold. */
    public static final int MAX_PAGES = 32767;
    /** The largest page count the spec allows for a 32-bit memory. */
    public static final long SPEC_MAX_PAGES = 65536;

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

    private byte[] buffer;
    /** The memory's size in bytes, at most {@code buffer.length}; past it the array is room to grow into. */
    private int size;
    private final long maxPages;
    /** The host's limit in pages ({@link Limits#maxMemoryPages()}), below the declared maximum; -1 for none. */
    private final long limitPages;
    private final boolean address64;
    /** How many times growth has replaced the array: the first {@link #EXACT_REPLACEMENTS} get no room. */
    private int replacements;
    /**
     * Growths that replace the array with one of exactly the size asked before the memory gets room. A memory grown
     * a few times keeps an exact array, and while no memory has room compiled code runs without size checks
     * ({@code MemoryRoom}); a memory grown more often has its copies amortized from then on.
     */
    static final int EXACT_REPLACEMENTS = 8;

    /**
     * @param initialPages pages allocated now
     * @param maxPages the declared maximum, or -1 for none
     */
    public Memory(long initialPages, long maxPages) {
        this(initialPages, maxPages, -1);
    }

    /**
     * A memory that the host allows at most {@code limitPages} pages, whatever its declared maximum says: growing
     * beyond them fails as the spec allows (-1). The declared maximum stays the memory's type.
     *
     * @param initialPages pages allocated now
     * @param maxPages the declared maximum, or -1 for none
     * @param limitPages the host's limit, or -1 for none
     * @throws UninstantiableException when {@code initialPages} is over the limit
     */
    public Memory(long initialPages, long maxPages, long limitPages) {
        this(initialPages, maxPages, limitPages, false);
    }

    /**
     * {@link #Memory(long, long, long)}, of 64-bit addresses when {@code address64} (memory64): its type, which an
     * import must match. It is a Java array all the same, so it holds at most {@link #MAX_PAGES} pages too.
     */
    public Memory(long initialPages, long maxPages, long limitPages, boolean address64) {
        if (limitPages >= 0 && initialPages > limitPages) {
            throw new UninstantiableException("memory of " + initialPages + " pages (" + initialPages * 64
                    + " KiB) is over the limit of " + limitPages + " pages (" + limitPages * 64 + " KiB)");
        }
        if (initialPages > MAX_PAGES) {
            throw new UninstantiableException("memory of " + initialPages + " pages is larger than a JVM array: "
                    + "wasm2jar's memories hold at most " + MAX_PAGES + " pages (2 GiB - 64 KiB)");
        }
        this.size = (int) initialPages * PAGE_SIZE;
        this.buffer = new byte[size];
        this.maxPages = maxPages;
        this.limitPages = limitPages;
        this.address64 = address64;
    }

    /** Whether the memory has 64-bit addresses (memory64). */
    public boolean address64() {
        return address64;
    }

    /**
     * The array that holds the memory: its first {@link #byteSize()} bytes are the memory, the rest (zeros) is room
     * to grow into and not the memory's. Replaced when growth needs more room.
     */
    public byte[] buffer() {
        return buffer;
    }

    /** The memory's size in bytes: {@link #pages()} times {@link #PAGE_SIZE}. */
    public int byteSize() {
        return size;
    }

    public int pages() {
        return size / PAGE_SIZE;
    }

    /** The declared maximum in pages, or -1 when there is none. */
    public long maxPages() {
        return maxPages;
    }

    /**
     * {@code memory.grow}: the old size in pages, or -1 when the memory cannot grow by that much. Within the array's
     * room this only moves the size; past it the array is replaced. The first {@link #EXACT_REPLACEMENTS}
     * replacements are exactly the size asked; later ones are twice what the memory needs, so a memory grown page by
     * page is copied O(log n) times, each copy paid for by the pages added since. When the heap has no room to spare, the exact size is tried before failing.
     */
    public int grow(int deltaPages) {
        long old = pages();
        long wanted = old + Integer.toUnsignedLong(deltaPages);
        long limit = Math.min(maxPages < 0 ? SPEC_MAX_PAGES : maxPages, MAX_PAGES);
        if (limitPages >= 0) {
            limit = Math.min(limit, limitPages); // room to grow into stays within the host's limit too
        }
        if (wanted > limit) {
            return -1;
        }
        int newSize = (int) wanted * PAGE_SIZE;
        if (newSize > buffer.length) {
            long roomy = replacements < EXACT_REPLACEMENTS ? wanted : Math.min(wanted * 2, limit);
            if (roomy > wanted) {
                MemoryRoom.open();
            }
            byte[] larger = allocate(roomy, wanted);
            if (larger == null) {
                return -1;
            }
            System.arraycopy(buffer, 0, larger, 0, size);
            buffer = larger;
            replacements++;
        } else {
            // Host functions check guest addresses against the array, so they may have written into the room.
            for (int at = size; at < newSize; at += PAGE_SIZE) {
                System.arraycopy(ZERO_PAGE, 0, buffer, at, PAGE_SIZE); // fast from the first call, unlike a loop
            }
        }
        size = newSize;
        return (int) old;
    }

    /** A zeroed array of {@code roomy} pages, else of {@code exact} pages, else null when the heap has neither. */
    private static byte[] allocate(long roomy, long exact) {
        try {
            return new byte[(int) roomy * PAGE_SIZE];
        } catch (OutOfMemoryError e) {
            try {
                return new byte[(int) exact * PAGE_SIZE];
            } catch (OutOfMemoryError again) {
                return null;
            }
        }
    }

    public byte readByte(int address) {
        check(address, 1);
        return buffer[address];
    }

    public int readI32(int address) {
        check(address, 4);
        return (int) I32.get(buffer, address);
    }

    public long readI64(int address) {
        check(address, 8);
        return (long) I64.get(buffer, address);
    }

    public byte[] read(int address, int length) {
        check(address, length);
        return Arrays.copyOfRange(buffer, address, address + length);
    }

    /** Reads {@code length} bytes of UTF-8 text. */
    public String readString(int address, int length) {
        check(address, length);
        return new String(buffer, address, length, StandardCharsets.UTF_8);
    }

    public void writeByte(int address, byte value) {
        check(address, 1);
        buffer[address] = value;
    }

    public void writeI32(int address, int value) {
        check(address, 4);
        I32.set(buffer, address, value);
    }

    public void writeI64(int address, long value) {
        check(address, 8);
        I64.set(buffer, address, value);
    }

    public void write(int address, byte[] bytes) {
        check(address, bytes.length);
        System.arraycopy(bytes, 0, buffer, address, bytes.length);
    }

    private void check(int address, int length) {
        if (address < 0 || length < 0 || (long) address + length > size) {
            throw new TrapException("out of bounds memory access");
        }
    }
}
