package dev.wasm2jar.nn.backend;

/** The element types of wasi-nn tensors, with WasmEdge's numbers ({@code TensorType} in wasinntypes.h). */
public enum TensorType {
    F16(0, 2),
    F32(1, 4),
    F64(2, 8),
    U8(3, 1),
    I32(4, 4),
    I64(5, 8);

    /** The number a guest passes. */
    public final int code;
    /** The size of one element in bytes. */
    public final int size;

    TensorType(int code, int size) {
        this.code = code;
        this.size = size;
    }

    /**
     * The type numbered {@code code} before WasmEdge 0.15 renumbered them (WasmEdge PR 4069), as guests built with
     * the {@code wasi-nn} crate up to 0.4 still pass them: f16 0, f32 1, u8 2, i32 3; or null.
     */
    public static TensorType legacy(int code) {
        return switch (code) {
            case 0 -> F16;
            case 1 -> F32;
            case 2 -> U8;
            case 3 -> I32;
            default -> null;
        };
    }

    /** The type numbered {@code code}, or null. */
    public static TensorType of(int code) {
        for (TensorType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
