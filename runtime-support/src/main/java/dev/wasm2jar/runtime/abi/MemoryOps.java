package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.internal.MemoryRoom;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Memory instructions for compiled code. Loads take {@code (address, memory, offset)}, stores
 * {@code (address, value, memory, offset)}: operands as wasm stacks them, then the memory's bytes, then the
 * instruction's static offset. An access out of the array's bounds throws the JVM's IndexOutOfBoundsException, which
 * the runtime reports as the trap {@code out of bounds memory access}: the JVM checks bounds anyway, so this costs
 * nothing extra, and a multi-byte access is checked whole before anything is written.
 *
 * <p>That is the whole check only when the array is exactly the memory. A memory that can grow may get room past its
 * size ({@link Memory}), so its accesses take the size too, {@code (address, memory, size, offset)}, and check the
 * effective address against it with {@link Objects#checkIndex}, which throws the same exception. While no memory of
 * the JVM has room the size is NO_ROOM, a constant to C2 ({@code MemoryRoom}), and the check folds away.
 */
public final class MemoryOps {
    private MemoryOps() {}

    /*
     * The views of a memory's bytes as little-endian numbers. Compiled code reads and writes memory 0 through them
     * itself (getstatic, then VarHandle.get or set at the exact type), not through the helpers below: the JDK's
     * methods behind a VarHandle are @ForceInline, which C2 inlines whatever the call site's frequency or the
     * compilation's inlining budget, and a helper of ours gets neither guarantee.
     */

    /** A {@code byte[]} as little-endian shorts: {@code (byte[], int) short}. */
    public static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    /** A {@code byte[]} as little-endian ints: {@code (byte[], int) int}. */
    public static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** A {@code byte[]} as little-endian longs: {@code (byte[], int) long}. */
    public static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The effective address {@code address + offset}, both unsigned, as an array index; negative (so out of bounds)
     * when it is 2 GiB or more, which no JVM array reaches. {@code offset} is a constant of the instruction, so after
     * inlining only one branch remains: with offset 0 the address itself, which HotSpot's range-check elimination
     * recognizes in loops.
     */
    public static int address(int address, int offset) {
        if (offset == 0) {
            return address; // 2 GiB and more is negative already
        }
        if (offset < 0) {
            return -1; // an offset of 2 GiB or more never fits
        }
        // An address of 2 GiB or more stays negative (all ones); a sum that passes 2 GiB turns negative.
        return (address + offset) | (address >> 31);
    }

    public static int i32Load(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return (int) I32.get(m, ea);
    }

    public static long i64Load(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return (long) I64.get(m, ea);
    }

    public static float f32Load(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return Float.intBitsToFloat((int) I32.get(m, ea));
    }

    public static double f64Load(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return Double.longBitsToDouble((long) I64.get(m, ea));
    }

    public static int i32Load8S(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return m[ea];
    }

    public static int i32Load8U(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return m[ea] & 0xFF;
    }

    public static int i32Load16S(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return (short) I16.get(m, ea);
    }

    public static int i32Load16U(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return (short) I16.get(m, ea) & 0xFFFF;
    }

    public static long i64Load8S(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return m[ea];
    }

    public static long i64Load8U(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return m[ea] & 0xFFL;
    }

    public static long i64Load16S(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return (short) I16.get(m, ea);
    }

    public static long i64Load16U(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return (short) I16.get(m, ea) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return (int) I32.get(m, ea);
    }

    public static long i64Load32U(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return (int) I32.get(m, ea) & 0xFFFF_FFFFL;
    }

    public static void i32Store(int addr, int v, byte[] m, int offset) {
        int ea = address(addr, offset);
        I32.set(m, ea, v);
    }

    public static void i64Store(int addr, long v, byte[] m, int offset) {
        int ea = address(addr, offset);
        I64.set(m, ea, v);
    }

    public static void f32Store(int addr, float v, byte[] m, int offset) {
        int ea = address(addr, offset);
        I32.set(m, ea, Float.floatToRawIntBits(v));
    }

    public static void f64Store(int addr, double v, byte[] m, int offset) {
        int ea = address(addr, offset);
        I64.set(m, ea, Double.doubleToRawLongBits(v));
    }

    public static void i32Store8(int addr, int v, byte[] m, int offset) {
        int ea = address(addr, offset);
        m[ea] = (byte) v;
    }

    public static void i32Store16(int addr, int v, byte[] m, int offset) {
        int ea = address(addr, offset);
        I16.set(m, ea, (short) v);
    }

    public static void i64Store8(int addr, long v, byte[] m, int offset) {
        int ea = address(addr, offset);
        m[ea] = (byte) v;
    }

    public static void i64Store16(int addr, long v, byte[] m, int offset) {
        int ea = address(addr, offset);
        I16.set(m, ea, (short) v);
    }

    public static void i64Store32(int addr, long v, byte[] m, int offset) {
        int ea = address(addr, offset);
        I32.set(m, ea, (int) v);
    }

    // ---- The same accesses in a memory of size bytes whose array may be longer: the effective address is checked
    // against the size, unless it is NO_ROOM. Written out flat: C2 stops inlining at 8,000 bytes of bytecode per
    // compiled method, and each access spends its own share (a wrapper around the helpers above cost ~70 bytes more).

    public static int i32Load(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 3);
        }
        return (int) I32.get(m, ea);
    }

    public static long i64Load(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 7);
        }
        return (long) I64.get(m, ea);
    }

    public static float f32Load(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 3);
        }
        return Float.intBitsToFloat((int) I32.get(m, ea));
    }

    public static double f64Load(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 7);
        }
        return Double.longBitsToDouble((long) I64.get(m, ea));
    }

    public static int i32Load8S(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size);
        }
        return m[ea];
    }

    public static int i32Load8U(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size);
        }
        return m[ea] & 0xFF;
    }

    public static int i32Load16S(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 1);
        }
        return (short) I16.get(m, ea);
    }

    public static int i32Load16U(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 1);
        }
        return (short) I16.get(m, ea) & 0xFFFF;
    }

    public static long i64Load8S(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size);
        }
        return m[ea];
    }

    public static long i64Load8U(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size);
        }
        return m[ea] & 0xFFL;
    }

    public static long i64Load16S(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 1);
        }
        return (short) I16.get(m, ea);
    }

    public static long i64Load16U(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 1);
        }
        return (short) I16.get(m, ea) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 3);
        }
        return (int) I32.get(m, ea);
    }

    public static long i64Load32U(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 3);
        }
        return (int) I32.get(m, ea) & 0xFFFF_FFFFL;
    }

    public static void i32Store(int addr, int v, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 3);
        }
        I32.set(m, ea, v);
    }

    public static void i64Store(int addr, long v, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 7);
        }
        I64.set(m, ea, v);
    }

    public static void f32Store(int addr, float v, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 3);
        }
        I32.set(m, ea, Float.floatToRawIntBits(v));
    }

    public static void f64Store(int addr, double v, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 7);
        }
        I64.set(m, ea, Double.doubleToRawLongBits(v));
    }

    public static void i32Store8(int addr, int v, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size);
        }
        m[ea] = (byte) v;
    }

    public static void i32Store16(int addr, int v, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 1);
        }
        I16.set(m, ea, (short) v);
    }

    public static void i64Store8(int addr, long v, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size);
        }
        m[ea] = (byte) v;
    }

    public static void i64Store16(int addr, long v, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 1);
        }
        I16.set(m, ea, (short) v);
    }

    public static void i64Store32(int addr, long v, byte[] m, int size, int offset) {
        int ea = address(addr, offset);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 3);
        }
        I32.set(m, ea, (int) v);
    }

    /** The low half of {@code v128.load}: bytes 0 to 7. */
    public static long v128Load(int addr, byte[] m, int offset) {
        int ea = address(addr, offset);
        return (long) I64.get(m, ea);
    }

    /** The high half of {@code v128.load}: bytes 8 to 15. */
    public static long v128LoadHigh(int addr, byte[] m, int offset) {
        int ea = address(addr, offset, 8);
        return (long) I64.get(m, ea);
    }

    /** {@code v128.store}: the high half first, so an access out of bounds writes nothing. */
    public static void v128Store(int addr, long lo, long hi, byte[] m, int offset) {
        int high = address(addr, offset, 8);
        I64.set(m, high, hi);
        I64.set(m, high - 8, lo);
    }

    /**
     * Vector elements, {@code delta} bytes past an effective address {@code ea} from {@link #address}: compiled code
     * computes the address of a vector access once. A load reads element 0 first, so an address of -1 traps before
     * anything else is read; a store computes the address of its last element ({@link #address(int, int, int)}) and
     * writes that one first, so a store out of bounds writes nothing.
     */
    public static int i32At(int ea, byte[] m, int delta) {
        return (int) I32.get(m, ea + delta);
    }

    public static long i64At(int ea, byte[] m, int delta) {
        return (long) I64.get(m, ea + delta);
    }

    public static float f32At(int ea, byte[] m, int delta) {
        return Float.intBitsToFloat((int) I32.get(m, ea + delta));
    }

    public static double f64At(int ea, byte[] m, int delta) {
        return Double.longBitsToDouble((long) I64.get(m, ea + delta));
    }

    public static void i32AtPut(int ea, int v, byte[] m, int delta) {
        I32.set(m, ea + delta, v);
    }

    public static void i64AtPut(int ea, long v, byte[] m, int delta) {
        I64.set(m, ea + delta, v);
    }

    public static void f32AtPut(int ea, float v, byte[] m, int delta) {
        I32.set(m, ea + delta, Float.floatToRawIntBits(v));
    }

    public static void f64AtPut(int ea, double v, byte[] m, int delta) {
        I64.set(m, ea + delta, Double.doubleToRawLongBits(v));
    }

    /** {@link #v128Load} in a memory of {@code size} bytes. */
    public static long v128Load(int addr, byte[] m, int size, int offset) {
        return i64Load(addr, m, size, offset);
    }

    /** {@link #v128LoadHigh} in a memory of {@code size} bytes. */
    public static long v128LoadHigh(int addr, byte[] m, int size, int offset) {
        int ea = address(addr, offset, 8);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(ea, size - 7);
        }
        return (long) I64.get(m, ea);
    }

    /** {@link #v128Store} in a memory of {@code size} bytes: the whole vector is checked before the first write. */
    public static void v128Store(int addr, long lo, long hi, byte[] m, int size, int offset) {
        int high = address(addr, offset, 8);
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(high, size - 7);
        }
        I64.set(m, high, hi);
        I64.set(m, high - 8, lo);
    }

    /** The element accessors above in a memory of {@code size} bytes: each element is checked against the size. */
    public static int i32At(int ea, byte[] m, int size, int delta) {
        int at = ea + delta;
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(at, size - 3);
        }
        return (int) I32.get(m, at);
    }

    public static long i64At(int ea, byte[] m, int size, int delta) {
        int at = ea + delta;
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(at, size - 7);
        }
        return (long) I64.get(m, at);
    }

    public static float f32At(int ea, byte[] m, int size, int delta) {
        int at = ea + delta;
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(at, size - 3);
        }
        return Float.intBitsToFloat((int) I32.get(m, at));
    }

    public static double f64At(int ea, byte[] m, int size, int delta) {
        int at = ea + delta;
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(at, size - 7);
        }
        return Double.longBitsToDouble((long) I64.get(m, at));
    }

    public static void i32AtPut(int ea, int v, byte[] m, int size, int delta) {
        int at = ea + delta;
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(at, size - 3);
        }
        I32.set(m, at, v);
    }

    public static void i64AtPut(int ea, long v, byte[] m, int size, int delta) {
        int at = ea + delta;
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(at, size - 7);
        }
        I64.set(m, at, v);
    }

    public static void f32AtPut(int ea, float v, byte[] m, int size, int delta) {
        int at = ea + delta;
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(at, size - 3);
        }
        I32.set(m, at, Float.floatToRawIntBits(v));
    }

    public static void f64AtPut(int ea, double v, byte[] m, int size, int delta) {
        int at = ea + delta;
        if (size != MemoryRoom.NO_ROOM) {
            Objects.checkIndex(at, size - 7);
        }
        I64.set(m, at, Double.doubleToRawLongBits(v));
    }

    /** {@code address + offset + extra}, all unsigned; -1 when it does not fit a Java array index. */
    public static int address(int address, int offset, int extra) {
        long ea = Integer.toUnsignedLong(address) + Integer.toUnsignedLong(offset) + extra;
        return ea > Integer.MAX_VALUE ? -1 : (int) ea;
    }

    /**
     * The array that holds the memory: compiled code keeps it in a local and reloads it after calls and growth. Past
     * {@link #size(Memory)} it is room to grow into, not the memory.
     */
    public static byte[] bytes(Memory memory) {
        return memory.buffer();
    }

    /**
     * The memory's size in bytes, kept in a local beside {@link #bytes} and reloaded with it; NO_ROOM (-1) while no
     * memory of the JVM has room, when the array's own bounds are the memory's ({@code MemoryRoom}).
     */
    public static int size(Memory memory) {
        return MemoryRoom.size(memory);
    }

    /** {@code memory.grow}: the old size in pages, or -1. Compiled code reloads the bytes and the size afterwards. */
    public static int grow(int deltaPages, Memory memory) {
        return memory.grow(deltaPages);
    }

    /** {@code memory.size} in pages of a memory whose array is exactly its size. */
    public static int size(byte[] m) {
        return m.length >>> 16;
    }

    /** {@code memory.size} in pages of a memory whose array may be longer than it. */
    public static int pages(Memory memory) {
        return memory.pages();
    }

    /** {@code memory.fill} in a memory whose array is exactly its size. */
    public static void fill(int dst, int value, int length, byte[] m) {
        fill(dst, value, length, m, m.length);
    }

    /** {@code memory.fill} in a memory of {@code size} bytes. */
    public static void fill(int dst, int value, int length, byte[] m, int size) {
        checkRange(dst, length, size == MemoryRoom.NO_ROOM ? m.length : size);
        Arrays.fill(m, dst, dst + length, (byte) value);
    }

    /** {@code memory.copy} within one memory; overlapping ranges copy as if through a temporary. */
    public static void copy(int dst, int src, int length, byte[] m) {
        copy(dst, src, length, m, m.length);
    }

    /** {@code memory.copy} within a memory of {@code size} bytes. */
    public static void copy(int dst, int src, int length, byte[] m, int size) {
        int end = size == MemoryRoom.NO_ROOM ? m.length : size;
        checkRange(src, length, end);
        checkRange(dst, length, end);
        System.arraycopy(m, src, m, dst, length);
    }

    /**
     * {@code memory.copy} from one memory to another (multi-memory), each given with its size or NO_ROOM; a memory
     * imported twice may be both, so the ranges may overlap as within one.
     */
    public static void copy(int dst, int src, int length, byte[] dm, int dsize, byte[] sm, int ssize) {
        checkRange(src, length, ssize == MemoryRoom.NO_ROOM ? sm.length : ssize);
        checkRange(dst, length, dsize == MemoryRoom.NO_ROOM ? dm.length : dsize);
        System.arraycopy(sm, src, dm, dst, length);
    }

    /** {@code memory.init} from a passive data segment. */
    public static void init(int dst, int src, int length, byte[] m, byte[] segment) {
        init(dst, src, length, m, m.length, segment);
    }

    /** {@code memory.init} into a memory of {@code size} bytes. */
    public static void init(int dst, int src, int length, byte[] m, int size, byte[] segment) {
        checkRange(src, length, segment.length);
        checkRange(dst, length, size == MemoryRoom.NO_ROOM ? m.length : size);
        System.arraycopy(segment, src, m, dst, length);
    }

    /**
     * An i64 address or length of a 64-bit memory (memory64) as the unsigned int the helpers above take: itself below
     * 2^32, else 2^32-1. A memory is a Java array, smaller than 2 GiB, so both are out of its bounds alike; only these
     * operands differ from a 32-bit memory's, so the same helpers serve both.
     */
    public static int u32(long value) {
        return value >>> 32 == 0 ? (int) value : -1;
    }

    /** Traps unless {@code [start, start + length)}, both unsigned, lies within {@code size}. */
    static void checkRange(int start, int length, int size) {
        if (Integer.toUnsignedLong(start) + Integer.toUnsignedLong(length) > size) {
            throw new TrapException("out of bounds memory access");
        }
    }
}
