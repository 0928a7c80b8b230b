package dev.wasm2jar.nn.internal.image;

import java.util.Arrays;

/**
 * Resizes interleaved float pixels the way stb_image_resize does it by default, which is what WasmEdge's
 * {@code wasmedge_image} calls ({@code stbir_resize_uint8_linear}): separable, each axis on its own, a Mitchell-Netravali
 * cubic (B = C = 1/3) stretched over the source pixels an output pixel covers when the axis shrinks, a Catmull-Rom
 * cubic when it grows, edge pixels repeated, values taken as linear (no sRGB conversion). An axis that keeps its size
 * is copied. RATIONALE.md ("Images: javax.imageio, resized like stb") compares the result with WasmEdge's.
 */
final class Resampler {
    private Resampler() {}

    /**
     * The taps of one axis: output pixel {@code o} is the sum over {@code t < count[o]} of source pixel
     * {@code first[o] + t} times {@code weights[o * stride + t]}.
     */
    private record Axis(int[] first, int[] count, int stride, float[] weights) {}

    /** {@code src} ({@code width} x {@code height} pixels of {@code channels} floats) resized to {@code w} x {@code h}. */
    static float[] resize(float[] src, int width, int height, int channels, int w, int h) {
        float[] rows = horizontal(src, width, height, channels, w);
        return vertical(rows, w, height, channels, h);
    }

    private static float[] horizontal(float[] src, int width, int height, int channels, int w) {
        if (w == width) {
            return src;
        }
        Axis axis = axis(width, w);
        float[] out = new float[w * height * channels];
        for (int y = 0; y < height; y++) {
            int row = y * width * channels;
            for (int x = 0; x < w; x++) {
                int at = (y * w + x) * channels;
                for (int t = 0; t < axis.count[x]; t++) {
                    float weight = axis.weights[x * axis.stride + t];
                    int from = row + (axis.first[x] + t) * channels;
                    for (int c = 0; c < channels; c++) {
                        out[at + c] += weight * src[from + c];
                    }
                }
            }
        }
        return out;
    }

    private static float[] vertical(float[] src, int width, int height, int channels, int h) {
        if (h == height) {
            return src;
        }
        Axis axis = axis(height, h);
        int stride = width * channels;
        float[] out = new float[h * stride];
        for (int y = 0; y < h; y++) {
            for (int t = 0; t < axis.count[y]; t++) {
                float weight = axis.weights[y * axis.stride + t];
                int from = (axis.first[y] + t) * stride;
                int at = y * stride;
                for (int i = 0; i < stride; i++) {
                    out[at + i] += weight * src[from + i];
                }
            }
        }
        return out;
    }

    /**
     * The normalized weights of an axis of {@code in} pixels resized to {@code out}, with source pixels past an edge
     * folded onto the edge pixel (stb's clamp), so every tap reads inside the source.
     */
    private static Axis axis(int in, int out) {
        double scale = (double) out / in;
        boolean up = scale > 1;
        double stretch = up ? 1 : scale; // a shrinking axis widens the kernel over the source pixels it covers
        double radius = 2 / stretch;
        int stride = (int) Math.ceil(2 * radius) + 3;
        int[] first = new int[out];
        int[] count = new int[out];
        float[] weights = new float[out * stride];
        double[] w = new double[stride];
        for (int o = 0; o < out; o++) {
            double center = (o + 0.5) / scale; // in source coordinates, pixel i covering [i, i + 1)
            int lo = (int) Math.floor(center - radius);
            int hi = (int) Math.ceil(center + radius);
            int base = clamp(lo, in);
            Arrays.fill(w, 0);
            int last = base;
            double sum = 0;
            for (int i = lo; i <= hi; i++) {
                double k = up ? catmullRom(Math.abs(i + 0.5 - center)) : mitchell(Math.abs((i + 0.5 - center) * stretch));
                if (k != 0) {
                    int at = clamp(i, in);
                    w[at - base] += k;
                    last = Math.max(last, at);
                    sum += k;
                }
            }
            first[o] = base;
            count[o] = last - base + 1;
            for (int t = 0; t < count[o]; t++) {
                weights[o * stride + t] = (float) (w[t] / sum);
            }
        }
        return new Axis(first, count, stride, weights);
    }

    private static int clamp(int i, int size) {
        return Math.min(size - 1, Math.max(0, i));
    }

    /** Mitchell-Netravali, B = C = 1/3, at distance {@code x >= 0}. */
    static double mitchell(double x) {
        if (x < 1) {
            return (16 + x * x * (21 * x - 36)) / 18;
        }
        if (x < 2) {
            return (32 + x * (-60 + x * (36 - 7 * x))) / 18;
        }
        return 0;
    }

    /** Catmull-Rom (Keys, a = -0.5) at distance {@code x >= 0}. */
    static double catmullRom(double x) {
        if (x < 1) {
            return 1 - x * x * (2.5 - 1.5 * x);
        }
        if (x < 2) {
            return 2 - x * (4 + x * (0.5 * x - 2.5));
        }
        return 0;
    }
}
