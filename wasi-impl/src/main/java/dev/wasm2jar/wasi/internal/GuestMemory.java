package dev.wasm2jar.wasi.internal;

import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The guest's linear memory as WASI functions see it: bound once the instance exists, read afresh on every call
 * ({@link Memory#buffer()} is replaced when the memory grows). The static helpers read and write little-endian
 * values; an address or length outside the memory throws {@link IndexOutOfBoundsException}, which becomes
 * {@link Errno#FAULT}. Guest sizes are u32, so a "negative" int is always out of bounds.
 */
public final class GuestMemory {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Memory memory;

    /** Binds the instance's memory; WASI calls before this trap. */
    public void bind(Memory memory) {
        this.memory = Objects.requireNonNull(memory);
    }

    public boolean isBound() {
        return memory != null;
    }

    /** The current bytes of the memory. */
    public byte[] bytes() {
        Memory m = memory;
        if (m == null) {
            throw new TrapException("a WASI function was called before the module's memory was bound"
                    + " (from a start function?)");
        }
        return m.buffer();
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
        Objects.checkFromIndexSize(address, length, mem.length);
        java.util.Arrays.fill(mem, address, address + length, (byte) 0);
    }

    /** Checks that {@code [address, address + length)} lies in the memory. */
    public static void check(byte[] mem, int address, int length) {
        Objects.checkFromIndexSize(address, length, mem.length);
    }

    /** A path or other text argument: strict UTF-8, else {@link Errno#ILSEQ}. */
    public static String string(byte[] mem, int address, int length) {
        Objects.checkFromIndexSize(address, length, mem.length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(mem, address, length)).toString();
        } catch (CharacterCodingException e) {
            throw ErrnoException.of(Errno.ILSEQ);
        }
    }
}
