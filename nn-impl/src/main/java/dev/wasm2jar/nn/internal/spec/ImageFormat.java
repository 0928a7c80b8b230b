package dev.wasm2jar.nn.internal.spec;

/**
 * The pixel formats of {@code wasmedge_image} ({@code DataType} in WasmEdge's plugins/wasmedge_image/image_env.h):
 * three channels, bytes or little-endian floats, in RGB or BGR order.
 */
public enum ImageFormat {
    RGB8(0, false, 1),
    BGR8(1, true, 1),
    RGB32F(2, false, 4),
    BGR32F(3, true, 4);

    /** The number a guest passes. */
    public final int code;
    /** Whether blue comes first. */
    public final boolean bgr;
    /** The bytes of one channel of one pixel. */
    public final int channelBytes;

    ImageFormat(int code, boolean bgr, int channelBytes) {
        this.code = code;
        this.bgr = bgr;
        this.channelBytes = channelBytes;
    }

    /** The format numbered {@code code}, or null. */
    public static ImageFormat of(int code) {
        for (ImageFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
