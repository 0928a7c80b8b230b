package dev.wasm2jar.bench;

import dev.wasm2jar.bench.kernel.Kernel;
import dev.wasm2jar.bench.kernel.KernelRunner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One kernel in one engine: the time of one {@code run(size)} call. The setup checks the engine's checksum against
 * the native library's, in the same JVM, and fails the trial when they differ, so a wrong answer is never timed.
 * When the system property {@value #CHECKSUMS_PROPERTY} names a file, the setup appends what it compared there, one
 * tab-separated line per trial ({@link Checksums}). {@link BenchMain} sets iterations, forks and JVM flags per
 * engine; these annotations are only its defaults.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KernelBenchmark {
    public static final String CHECKSUMS_PROPERTY = "bench.checksums";

    @Param({"fib", "sieve", "fannkuch", "nbody", "spectral_norm", "mandelbrot", "matmul", "sort", "hashmap", "memops",
            "sha256", "interp", "json", "sha512", "vcall"})
    public String kernel;

    @Param({"native", "wasm2jar", "chicory-compiler", "graalwasm", "endive-interpreter"})
    public String engine;

    private KernelRunner runner;
    private int size;

    @Setup(Level.Trial)
    public void open() throws Throwable {
        Kernel k = Kernel.of(kernel);
        size = k.size();
        long expected;
        try (KernelRunner reference = Engine.NATIVE.open(k)) {
            expected = reference.run(size);
        }
        runner = Engine.of(engine).open(k);
        long actual = runner.run(size);
        Checksums.append(System.getProperty(CHECKSUMS_PROPERTY), k, Engine.of(engine), expected, actual);
        if (actual != expected) {
            runner.close();
            throw new IllegalStateException(engine + " computed " + k.format(actual) + " for " + kernel + "(" + size
                    + "), native " + k.format(expected));
        }
    }

    @Benchmark
    public long run() throws Throwable {
        return runner.run(size);
    }

    @TearDown(Level.Trial)
    public void close() {
        runner.close();
    }
}
