package dev.wasm2jar.runtime;

/**
 * A {@code v128} value as the embedding API carries it: 128 bits as two longs, little-endian like wasm memory, so
 * byte {@code i} of the vector is byte {@code i % 8} of {@code lo} (for {@code i < 8}) or of {@code hi}. Lane {@code k}
 * of an {@code i32x4} view is {@code (int) (lo >>> 32 * k)} for {@code k < 2}, and so on.
 *
 * <p>Compiled code does not allocate these inside a function: a {@code v128} lives in JVM locals there. A {@code V128}
 * appears where a value crosses a method boundary (parameters and results of functions, globals shared between
 * modules, host functions).
 *
 * @param lo bytes 0 to 7
 * @param hi bytes 8 to 15
 */
public record V128(long lo, long hi) {
    public static final V128 ZERO = new V128(0, 0);

    /** The vector of 16 bytes in memory order. */
    public static V128 ofBytes(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a v128 has 16 bytes, not " + bytes.length);
        }
        return new V128(half(bytes, 0), half(bytes, 8));
    }

    /** The 16 bytes in memory order. */
    public byte[] bytes() {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (lo >>> 8 * i);
            out[8 + i] = (byte) (hi >>> 8 * i);
        }
        return out;
    }

    /** The four 32-bit lanes ({@code i32x4}; {@code f32x4} as raw bits). */
    public int[] ints() {
        return new int[] {(int) lo, (int) (lo >>> 32), (int) hi, (int) (hi >>> 32)};
    }

    /** The vector of four 32-bit lanes. */
    public static V128 ofInts(int lane0, int lane1, int lane2, int lane3) {
        return new V128(pack(lane0, lane1), pack(lane2, lane3));
    }

    private static long pack(int low, int high) {
        return (low & 0xFFFF_FFFFL) | ((long) high << 32);
    }

    private static long half(byte[] bytes, int from) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[from + i] & 0xFF);
        }
        return v;
    }

    /** The text format's hex notation: {@code i32x4 0x00000001 0x00000000 ...}, lanes in memory order. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("i32x4");
        for (int lane : ints()) {
            sb.append(String.format(" 0x%08x", lane));
        }
        return sb.toString();
    }
}
