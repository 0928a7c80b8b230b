package dev.wasm2jar.nn.internal.fn;

import dev.wasm2jar.nn.internal.image.ImageDecoder;
import dev.wasm2jar.nn.internal.spec.ImageFormat;
import dev.wasm2jar.runtime.host.GuestMemory;

/**
 * {@code wasmedge_image} (WasmEdge's plugins/wasmedge_image): decode an encoded image into a resized RGB or BGR
 * tensor of bytes or floats ({@link ImageDecoder}). {@code load_jpg}, {@code load_png} and {@code load_image} are one
 * function, as in WasmEdge, whose decoder takes any format it knows whatever the name. The codes: 0 success,
 * 1 failure (a range outside memory, an image that does not decode, a buffer too small, an unknown format).
 */
public final class ImageFunctions {
    private static final int FAIL = 1;

    private final GuestMemory memory;

    public ImageFunctions(GuestMemory memory) {
        this.memory = memory;
    }

    public int loadJpg(int image, int length, int width, int height, int format, int out, int outLength)
            throws ImageDecoder.ImageException {
        return loadImage(image, length, width, height, format, out, outLength);
    }

    public int loadPng(int image, int length, int width, int height, int format, int out, int outLength)
            throws ImageDecoder.ImageException {
        return loadImage(image, length, width, height, format, out, outLength);
    }

    public int loadImage(int image, int length, int width, int height, int format, int out, int outLength)
            throws ImageDecoder.ImageException {
        byte[] mem = memory.bytes();
        byte[] encoded = GuestMemory.read(mem, image, length);
        GuestMemory.check(mem, out, outLength);
        ImageFormat f = ImageFormat.of(format);
        if (f == null) {
            return FAIL;
        }
        ImageDecoder.decode(encoded, width, height, f, mem, out, outLength);
        return 0;
    }
}
