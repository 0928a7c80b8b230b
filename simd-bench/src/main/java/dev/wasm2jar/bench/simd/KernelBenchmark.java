package dev.wasm2jar.bench.simd;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One kernel of {@code c/kernels.c} from one of its two clang builds ({@code scalar}, {@code simd} with
 * {@code -msimd128}), compiled by wasm2jar in the trial's setup; the benchmark calls the kernel, which processes one
 * block of data (ops/s is blocks per second). Both builds compute the same checksum, checked at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class KernelBenchmark {
    @Param({"matmul"})
    public String kernel;

    @Param({"scalar", "simd"})
    public String build;

    private MethodHandle handle;

    @Setup
    public void setup() throws Throwable {
        handle = kernel(build, kernel);
        int expected = (int) kernel(build.equals("simd") ? "scalar" : "simd", kernel).invokeExact();
        int actual = (int) handle.invokeExact();
        if (actual != expected) {
            throw new IllegalStateException(kernel + ": the two builds disagree, " + actual + " != " + expected);
        }
    }

    @Benchmark
    public int run() throws Throwable {
        return (int) handle.invokeExact();
    }

    /** A fresh instance of one build, initialized, and the exact handle {@code ()int} of one of its kernels. */
    static MethodHandle kernel(String build, String kernel) throws Throwable {
        byte[] wasm;
        try (InputStream in = KernelBenchmark.class.getResourceAsStream("/kernels-" + build + ".wasm")) {
            if (in == null) {
                throw new IOException("no kernels-" + build + ".wasm on the class path");
            }
            wasm = in.readAllBytes();
        }
        Instance instance = Compiler.compile(wasm, new CompilerOptions("bench.Kernels" + COUNT.incrementAndGet()))
                .load().instantiate(Imports.empty());
        instance.function("init").call();
        return instance.function(kernel).handle();
    }

    private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();
}
