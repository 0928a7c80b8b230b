package dev.wasm2jar.runtime;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A linear memory: a little-endian byte array that grows in 64 KiB pages.
 *
 * <p>Compiled code keeps the buffer in a local variable (through {@code MemoryOps.bytes}) and reloads it after every
 * call and {@code memory.grow}, since growing replaces the array. A JVM array holds at most 2 GiB, so a memory holds at most
 * {@link #MAX_PAGES} pages; a grow beyond that fails as the spec allows (it returns -1).
 */
public final class Memory {
    public static final int PAGE_SIZE = 65536;
    /** The largest memory a JVM byte array can hold. */
    public static final int MAX_PAGES = 32767;
    /** The largest page count the spec allows for a 32-bit memory. */
    public static final long SPEC_MAX_PAGES = 65536;

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private final long maxPages;

    /**
     * @param initialPages pages allocated now
     * @param maxPages the declared maximum, or -1 for none
     */
    public Memory(long initialPages, long maxPages) {
        if (initialPages > MAX_PAGES) {
            throw new UninstantiableException("memory of " + initialPages + " pages is larger than a JVM array");
        }
        this.buffer = new byte[(int) initialPages * PAGE_SIZE];
        this.maxPages = maxPages;
    }

    /** The current bytes. Replaced, not resized, by {@link #grow}. */
    public byte[] buffer() {
        return buffer;
    }

    public int pages() {
        return buffer.length / PAGE_SIZE;
    }

    /** The declared maximum in pages, or -1 when there is none. */
    public long maxPages() {
        return maxPages;
    }

    /** {@code memory.grow}: the old size in pages, or -1 when the memory cannot grow by that much. */
    public int grow(int deltaPages) {
        long old = pages();
        long wanted = old + Integer.toUnsignedLong(deltaPages);
        long limit = maxPages < 0 ? SPEC_MAX_PAGES : maxPages;
        if (wanted > limit || wanted > MAX_PAGES) {
            return -1;
        }
        if (wanted != old) {
            try {
                buffer = Arrays.copyOf(buffer, (int) wanted * PAGE_SIZE);
            } catch (OutOfMemoryError e) {
                return -1;
            }
        }
        return (int) old;
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
        if (address < 0 || length < 0 || (long) address + length > buffer.length) {
            throw new TrapException("out of bounds memory access");
        }
    }
}
