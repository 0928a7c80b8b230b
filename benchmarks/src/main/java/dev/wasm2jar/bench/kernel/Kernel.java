package dev.wasm2jar.bench.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The compute kernels: one Rust source each under {@code benchmarks/kernels/}, every one exporting
 * {@code run(size: i32)} that returns a checksum, built natively and for wasm32-wasip1 from that same source.
 * Sizes make one call take roughly 3-20 ms natively on this project's 2-core machine.
 */
public enum Kernel {
    FIB(Result.I64, 32),
    SIEVE(Result.I64, 3_000_000),
    FANNKUCH(Result.I64, 9),
    NBODY(Result.F64, 100_000),
    SPECTRAL_NORM(Result.F64, 300),
    MANDELBROT(Result.I64, 300),
    MATMUL(Result.F64, 300),
    SORT(Result.I64, 200_000),
    HASHMAP(Result.I64, 200_000),
    MEMOPS(Result.I64, 48),
    SHA256(Result.I64, 1024),
    INTERP(Result.I64, 60_000),
    JSON(Result.I64, 10_000),
    SHA512(Result.I64, 20_000),
    VCALL(Result.I64, 100);

    /** What {@code run} returns; an f64 checksum is compared by its bits. */
    public enum Result { I64, F64 }

    private final Result result;
    private final int size;

    Kernel(Result result, int size) {
        this.result = result;
        this.size = size;
    }

    /** The file name stem and JMH parameter value: {@code spectral_norm}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Result result() {
        return result;
    }

    /** The argument of {@code run} in the benchmarks. */
    public int size() {
        return size;
    }

    /** Formats a checksum returned as raw bits. */
    public String format(long bits) {
        return result == Result.F64 ? Double.toString(Double.longBitsToDouble(bits)) : Long.toString(bits);
    }

    /** The committed module {@code benchmarks/kernels/<id>.wasm}, packaged as a resource. */
    public byte[] wasm() {
        String resource = "/kernels/" + id() + ".wasm";
        try (InputStream in = Kernel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Kernel of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
