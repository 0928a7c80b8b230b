package dev.wasm2jar.runtime.abi;

/**
 * The frame of a split function: when a wasm function is too large for one JVM method, its parts exchange locals,
 * operands and branch values through one {@code long[]} (numbers as raw bits) and one {@code Object[]} (references),
 * allocated once per call of the function. Puts take the value first and the frame last, as wasm stacks them.
 */
public final class FrameOps {
    private FrameOps() {}

    public static void putI32(int v, long[] frame, int slot) {
        frame[slot] = v;
    }

    public static void putI64(long v, long[] frame, int slot) {
        frame[slot] = v;
    }

    public static void putF32(float v, long[] frame, int slot) {
        frame[slot] = Float.floatToRawIntBits(v);
    }

    public static void putF64(double v, long[] frame, int slot) {
        frame[slot] = Double.doubleToRawLongBits(v);
    }

    public static void putRef(Object v, Object[] refs, int slot) {
        refs[slot] = v;
    }

    public static int getI32(long[] frame, int slot) {
        return (int) frame[slot];
    }

    public static long getI64(long[] frame, int slot) {
        return frame[slot];
    }

    public static float getF32(long[] frame, int slot) {
        return Float.intBitsToFloat((int) frame[slot]);
    }

    public static double getF64(long[] frame, int slot) {
        return Double.longBitsToDouble(frame[slot]);
    }

    public static Object getRef(Object[] refs, int slot) {
        return refs[slot];
    }
}
