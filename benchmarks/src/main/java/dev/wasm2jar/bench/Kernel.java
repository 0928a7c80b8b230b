package dev.wasm2jar.bench;

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
    FIB("integer recursion, direct calls", Result.I64, 32),
    SIEVE("integer loops over a byte array", Result.I64, 3_000_000),
    FANNKUCH("integer permutations", Result.I64, 9),
    NBODY("floating point, 5 bodies", Result.F64, 100_000),
    SPECTRAL_NORM("floating point, matrix-vector", Result.F64, 300),
    MANDELBROT("floating point, tight loop", Result.I64, 300),
    MATMUL("floating point over arrays", Result.F64, 300),
    SORT("std sorts of 32-bit keys and pairs", Result.I64, 200_000),
    HASHMAP("std HashMap inserts, lookups, removals", Result.I64, 200_000),
    MEMOPS("memcpy/memset in a 4 MiB buffer", Result.I64, 48),
    SHA256("SHA-256, 32-bit bit twiddling", Result.I64, 1024),
    INTERP("bytecode interpreter and trait objects", Result.I64, 60_000),
    JSON("JSON tokenizer over generated text", Result.I64, 10_000);

    /** What {@code run} returns; an f64 checksum is compared by its bits. */
    public enum Result { I64, F64 }

    private final String description;
    private final Result result;
    private final int size;

    Kernel(String description, Result result, int size) {
        this.description = description;
        this.result = result;
        this.size = size;
    }

    /** The file name stem and JMH parameter value: {@code spectral_norm}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
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
