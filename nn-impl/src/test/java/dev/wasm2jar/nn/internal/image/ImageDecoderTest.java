package dev.wasm2jar.nn.internal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.nn.TestData;
import dev.wasm2jar.nn.internal.spec.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static BufferedImage filled(int type, int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static byte[] decode(byte[] encoded, int w, int h, ImageFormat format) throws Exception {
        byte[] out = new byte[(int) ImageDecoder.size(w, h, format)];
        ImageDecoder.decode(encoded, w, h, format, out, 0, out.length);
        return out;
    }

    @Test
    void aFlatColourStaysFlatWhateverTheScale() throws Exception {
        byte[] image = png(filled(BufferedImage.TYPE_INT_RGB, 37, 23, 0x10_80_f0));
        for (int[] size : new int[][] {{224, 224}, {5, 3}, {37, 23}, {1, 1}, {100, 7}}) {
            byte[] out = decode(image, size[0], size[1], ImageFormat.RGB8);
            for (int i = 0; i < out.length; i += 3) {
                assertArrayEquals(new byte[] {0x10, (byte) 0x80, (byte) 0xf0}, new byte[] {out[i], out[i + 1],
                        out[i + 2]}, size[0] + "x" + size[1] + " at " + i);
            }
        }
    }

    @Test
    void theSameSizeIsTheSamePixelsAndBgrSwapsThem() throws Exception {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 8; i++) {
            image.setRGB(i % 4, i / 4, 0x010203 * (i + 1) * 10);
        }
        byte[] rgb = decode(png(image), 4, 2, ImageFormat.RGB8);
        byte[] bgr = decode(png(image), 4, 2, ImageFormat.BGR8);
        for (int i = 0; i < 8; i++) {
            int v = 0x010203 * (i + 1) * 10;
            assertEquals((byte) (v >> 16), rgb[i * 3]);
            assertEquals((byte) (v >> 8), rgb[i * 3 + 1]);
            assertEquals((byte) v, rgb[i * 3 + 2]);
            assertEquals(rgb[i * 3], bgr[i * 3 + 2]);
            assertEquals(rgb[i * 3 + 2], bgr[i * 3]);
        }
    }

    @Test
    void floatsAreLinearizedAsStbiLoadfDoes() throws Exception {
        byte[] out = decode(png(filled(BufferedImage.TYPE_INT_RGB, 8, 8, 0x80_40_ff)), 4, 4, ImageFormat.RGB32F);
        ByteBuffer floats = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((float) Math.pow(0x80 / 255.0, 2.2), floats.getFloat(0), 1e-6);
        assertEquals((float) Math.pow(0x40 / 255.0, 2.2), floats.getFloat(4), 1e-6);
        assertEquals(1f, floats.getFloat(8), 1e-6);
    }

    @Test
    void greyIsRepeatedWithoutAColourConversion() throws Exception {
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        byte[] out = decode(png(grey), 2, 2, ImageFormat.RGB8);
        assertArrayEquals(new byte[] {100, 100, 100}, new byte[] {out[0], out[1], out[2]});
    }

    @Test
    void theSharedImagesDecode() throws Exception {
        for (String name : new String[] {"grace_hopper.jpg", "cat.bmp", "bird.jpg"}) {
            byte[] out = decode(TestData.bytes(TestData.image(name)), 224, 224, ImageFormat.BGR8);
            assertTrue(out.length == 224 * 224 * 3);
        }
    }

    @Test
    void whatDoesNotDecodeOrFitFails() throws Exception {
        byte[] cat = TestData.bytes(TestData.image("cat.bmp"));
        byte[] small = new byte[100];
        assertThrows(ImageDecoder.ImageException.class,
                () -> ImageDecoder.decode(cat, 10, 10, ImageFormat.RGB8, small, 0, small.length), "buffer");
        assertThrows(ImageDecoder.ImageException.class,
                () -> ImageDecoder.decode(cat, 0, 10, ImageFormat.RGB8, small, 0, small.length), "width 0");
        assertThrows(ImageDecoder.ImageException.class,
                () -> ImageDecoder.decode(new byte[] {1, 2, 3}, 1, 1, ImageFormat.RGB8, small, 0, 3), "garbage");
        assertThrows(ImageDecoder.ImageException.class,
                () -> ImageDecoder.decode(java.util.Arrays.copyOf(cat, 300), 1, 1, ImageFormat.RGB8, small, 0, 3),
                "truncated");
        ImageDecoder.ImageException bomb = assertThrows(ImageDecoder.ImageException.class,
                () -> ImageDecoder.decode(pngHeader(100_000, 100_000), 1, 1, ImageFormat.RGB8, small, 0, 3));
        assertTrue(bomb.getMessage().contains("100000x100000"), bomb.getMessage());
    }

    /** A PNG that claims {@code w} x {@code h} pixels and has none. */
    private static byte[] pngHeader(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(w).putInt(h)
                .put(new byte[] {8, 2, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }
}
