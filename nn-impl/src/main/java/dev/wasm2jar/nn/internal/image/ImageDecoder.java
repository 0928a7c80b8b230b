package dev.wasm2jar.nn.internal.image;

import dev.wasm2jar.nn.internal.spec.ImageFormat;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What {@code wasmedge_image} does with an encoded image: decode it (javax.imageio: JPEG, PNG, BMP, GIF, TIFF),
 * take its first three channels as stb_image does with {@code req_comp = 3} (grey repeated, alpha dropped), resize
 * it to the size asked ({@link Resampler}), and write it as bytes or floats, RGB or BGR. Floats are what
 * {@code stbi_loadf} gives for 8-bit images: {@code (v / 255)^2.2}, resized without clamping.
 */
public final class ImageDecoder {
    /** The largest image decoded, and the largest intermediate of the resize, in pixels (a guard against bombs). */
    static final long MAX_PIXELS = 1L << 25;
    private static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final double GAMMA = 2.2;

    private ImageDecoder() {}

    /** Why an image could not be decoded into the buffer asked for. */
    public static final class ImageException extends Exception {
        private static final long serialVersionUID = 1L;

        ImageException(String message) {
            super(message);
        }
    }

    /** The bytes {@link #decode} writes for a {@code width} x {@code height} image of {@code format}. */
    public static long size(int width, int height, ImageFormat format) {
        return Integer.toUnsignedLong(width) * Integer.toUnsignedLong(height) * 3 * format.channelBytes;
    }

    /**
     * Decodes {@code encoded}, resizes it to {@code width} x {@code height} and writes it to {@code out} at
     * {@code offset}, where {@code available} bytes may be written.
     */
    public static void decode(byte[] encoded, int width, int height, ImageFormat format, byte[] out, int offset,
            int available) throws ImageException {
        if (width <= 0 || height <= 0) {
            throw new ImageException("the output size " + Integer.toUnsignedString(width) + "x"
                    + Integer.toUnsignedString(height) + " is invalid");
        }
        long size = size(width, height, format);
        if (size > available) {
            throw new ImageException("the output buffer has " + available + " bytes; " + width + "x" + height
                    + " " + format + " needs " + size);
        }
        BufferedImage image = read(encoded);
        int w0 = image.getWidth();
        int h0 = image.getHeight();
        if ((long) width * h0 > MAX_PIXELS || (long) width * height > MAX_PIXELS) {
            throw new ImageException("resizing " + w0 + "x" + h0 + " to " + width + "x" + height + " is too large");
        }
        float[] pixels = Resampler.resize(channels(image, format != ImageFormat.RGB8 && format != ImageFormat.BGR8),
                w0, h0, 3, width, height);
        write(pixels, format, out, offset);
    }

    private static BufferedImage read(byte[] encoded) throws ImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ImageException("not an image format javax.imageio reads");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS || pixels <= 0) {
                    throw new ImageException("the image is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels; at most " + MAX_PIXELS + " are decoded");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) { // readers throw unchecked exceptions on some corrupt input
            throw new ImageException("the image does not decode: " + e.getMessage());
        }
    }

    /**
     * The pixels as RGB floats: {@code v / 255}, or linearized as stb_image's float loader does. Grey and RGB images
     * of 8 or 16 bits are read from their samples (16 bits keep the high byte, as stb_image does); others, palette
     * images for instance, through their colour model.
     */
    private static float[] channels(BufferedImage image, boolean linear) {
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = linear ? (float) Math.pow(v / 255.0, GAMMA) : v / 255f;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h * 3];
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        int type = raster.getDataBuffer().getDataType();
        boolean direct = image.getColorModel() instanceof ComponentColorModel && bands >= 1 && bands <= 4
                && (type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT);
        if (direct) {
            int shift = type == DataBuffer.TYPE_USHORT ? 8 : 0;
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        int band = bands < 3 ? 0 : c; // grey, with or without alpha, repeats its one channel
                        out[(y * w + x) * 3 + c] = table[(row[x * bands + band] >> shift) & 0xff];
                    }
                }
            }
            return out;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            out[i * 3] = table[(argb[i] >> 16) & 0xff];
            out[i * 3 + 1] = table[(argb[i] >> 8) & 0xff];
            out[i * 3 + 2] = table[argb[i] & 0xff];
        }
        return out;
    }

    /** Writes the pixels as the format wants them: bytes rounded from {@code [0, 1]}, or floats as they are. */
    private static void write(float[] pixels, ImageFormat format, byte[] out, int offset) {
        for (int i = 0; i < pixels.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                float v = pixels[i + (format.bgr ? 2 - c : c)];
                if (format.channelBytes == 1) {
                    out[offset + i + c] = (byte) (int) (Math.min(1f, Math.max(0f, v)) * 255 + 0.5f);
                } else {
                    F32.set(out, offset + (i + c) * 4, v);
                }
            }
        }
    }
}
