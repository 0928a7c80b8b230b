package dev.wasm2jar.runtime.host;

import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.TrapException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The linear memory of the instance a host function serves, as host functions read and write it.
 *
 * <p>The {@link Linker} binds it once the memory exists; {@link #bytes()} is read afresh on every call, since
 * {@code memory.grow} may replace the array. The static helpers work on those bytes: little-endian values, strict UTF-8
 * strings and (c)iovec lists. Every address and length is checked: a range outside the array throws
 * {@link IndexOutOfBoundsException}, which a provider's {@link ErrorCodes.Mapper} turns into its "fault" code. Guest
 * sizes are u32, so a "negative" int is always out of bounds.
 *
 * <p>A memory that has grown may have room past its {@link #size()} in its array ({@link Memory}). The static helpers
 * check against the array, so an address in that room is not refused: a host reads zeros there, and what it writes
 * there is zeroed by the growth that makes those bytes the guest's. The guest never sees it either way; a host that
 * must refuse such addresses checks them against {@link #size()}.
 *
 * <pre>
 * iovec / ciovec (8 bytes): 0 buf: u32 | 4 buf_len: u32
 * </pre>
 */
public final class GuestMemory {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The size of one (c)iovec. */
    public static final int IOVEC_SIZE = 8;

    /** One (c)iovec: {@code length} bytes at {@code address}, checked to lie in the memory. */
    public record IoVec(int address, int length) {}

    private Memory memory;

    GuestMemory() {}

    /** Binds the instance's memory; calls before this trap. */
    void bind(Memory memory) {
        this.memory = Objects.requireNonNull(memory);
    }

    /** Whether the memory is bound yet. */
    public boolean isBound() {
        return memory != null;
    }

    /** The current bytes of the memory; traps when it is not bound yet (a host call from a start function). */
    public byte[] bytes() {
        return bound().buffer();
    }

    /** The memory's size in bytes; {@link #bytes()} may be longer. Traps when it is not bound yet. */
    public int size() {
        return bound().byteSize();
    }

    private Memory bound() {
        Memory m = memory;
        if (m == null) {
            throw new TrapException("a host function was called before the module's memory was bound"
                    + " (from a start function?)");
        }
        return m;
    }

    public static int i32(byte[] mem, int address) {
        return (int) I32.get(mem, address);
    }

    public static long i64(byte[] mem, int address) {
        return (long) I64.get(mem, address);
    }

    public static int u16(byte[] mem, int address) {
        return (short) I16.get(mem, address) & 0xffff;
    }

    public static int u8(byte[] mem, int address) {
        return mem[address] & 0xff;
    }

    public static void putI32(byte[] mem, int address, int value) {
        I32.set(mem, address, value);
    }

    public static void putI64(byte[] mem, int address, long value) {
        I64.set(mem, address, value);
    }

    public static void putI16(byte[] mem, int address, int value) {
        I16.set(mem, address, (short) value);
    }

    public static void putU8(byte[] mem, int address, int value) {
        mem[address] = (byte) value;
    }

    /** Zeroes {@code length} bytes at {@code address}. */
    public static void zero(byte[] mem, int address, int length) {
        check(mem, address, length);
        Arrays.fill(mem, address, address + length, (byte) 0);
    }

    /** Checks that {@code [address, address + length)} lies in the memory. */
    public static void check(byte[] mem, int address, int length) {
        Objects.checkFromIndexSize(address, length, mem.length);
    }

    /** A copy of {@code length} bytes at {@code address}. */
    public static byte[] read(byte[] mem, int address, int length) {
        check(mem, address, length);
        return Arrays.copyOfRange(mem, address, address + length);
    }

    /** Copies {@code bytes} to {@code address}. */
    public static void write(byte[] mem, int address, byte[] bytes) {
        check(mem, address, bytes.length);
        System.arraycopy(bytes, 0, mem, address, bytes.length);
    }

    /**
     * A text argument (a path, a name): strict UTF-8.
     *
     * @throws CharacterCodingException when the bytes are not UTF-8 (WASI's {@code ilseq})
     */
    public static String string(byte[] mem, int address, int length) throws CharacterCodingException {
        check(mem, address, length);
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(mem, address, length)).toString();
    }

    /** The {@code count} (c)iovecs at {@code iovs}, each checked to lie in the memory. */
    public static IoVec[] iovecs(byte[] mem, int iovs, int count) {
        Objects.checkFromIndexSize(iovs, (long) count * IOVEC_SIZE, mem.length); // in long: no overflow to pass
        IoVec[] out = new IoVec[count];
        for (int i = 0; i < count; i++) {
            int address = i32(mem, iovs + IOVEC_SIZE * i);
            int length = i32(mem, iovs + IOVEC_SIZE * i + 4);
            check(mem, address, length);
            out[i] = new IoVec(address, length);
        }
        return out;
    }

    /** The bytes of the {@code count} ciovecs at {@code iovs}, one after another (what a send transmits). */
    public static byte[] gather(byte[] mem, int iovs, int count) {
        IoVec[] vecs = iovecs(mem, iovs, count);
        long total = 0;
        for (IoVec v : vecs) {
            total += v.length();
        }
        byte[] out = new byte[Math.toIntExact(total)];
        int at = 0;
        for (IoVec v : vecs) {
            System.arraycopy(mem, v.address(), out, at, v.length());
            at += v.length();
        }
        return out;
    }

    /**
     * Copies {@code length} bytes of {@code data} from {@code offset} into the {@code count} iovecs at {@code iovs},
     * filling each in turn (what a receive does); returns how many bytes fit.
     */
    public static int scatter(byte[] mem, int iovs, int count, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int done = 0;
        for (IoVec v : iovecs(mem, iovs, count)) {
            if (done == length) {
                break;
            }
            int n = Math.min(v.length(), length - done);
            System.arraycopy(data, offset + done, mem, v.address(), n);
            done += n;
        }
        return done;
    }
}
