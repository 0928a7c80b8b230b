package dev.wasm2jar.bench;

import dev.wasm2jar.bench.engine.ChicoryCompilerKernel;
import dev.wasm2jar.bench.engine.EndiveInterpreterKernel;
import dev.wasm2jar.bench.engine.GraalWasmKernel;
import dev.wasm2jar.bench.engine.NativeKernel;
import dev.wasm2jar.bench.engine.Wasm2jarKernel;
import dev.wasm2jar.bench.kernel.Kernel;
import dev.wasm2jar.bench.kernel.KernelRunner;
import dev.wasm2jar.runtime.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The engines of one comparison; {@link #NATIVE} is the reference every other result is checked against. */
public enum Engine {
    /** The same Rust as an x86-64 shared library, called through java.lang.foreign. */
    NATIVE,
    /** wasm2jar: the module compiled to JVM bytecode (in memory, as a jar would hold it). */
    WASM2JAR,
    /** Chicory 1.7.5's compiler: wasm to JVM bytecode when the module is instantiated. */
    CHICORY_COMPILER,
    /** GraalWasm 25.0.2 on Truffle's optimizing runtime. */
    GRAALWASM,
    /** Endive 1.2.0's interpreter. */
    ENDIVE_INTERPRETER,
    /** wasm2jar compiled with metering, with a fuel budget (10^18 units) that the kernels never spend. */
    WASM2JAR_FUEL,
    /** wasm2jar compiled with metering, with a deadline a day away. */
    WASM2JAR_DEADLINE;

    /** Fuel that lasts: the polls are what is measured, not the trap. */
    private static final Limits FUEL = Limits.NONE.withFuel(1_000_000_000_000_000_000L);
    private static final Limits DEADLINE = Limits.NONE.withDeadline(Duration.ofDays(1));

    /** What a run compares unless told otherwise: the peers, not the variants that price wasm2jar's limits. */
    public static List<Engine> defaults() {
        return List.of(NATIVE, WASM2JAR, CHICORY_COMPILER, GRAALWASM, ENDIVE_INTERPRETER);
    }

    /** The JMH parameter value: {@code chicory-compiler}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Loads {@code kernel}: compiles and instantiates it, or loads its native library. */
    public KernelRunner open(Kernel kernel) throws Exception {
        return switch (this) {
            case NATIVE -> NativeKernel.open(kernel);
            case WASM2JAR -> Wasm2jarKernel.open(kernel);
            case CHICORY_COMPILER -> ChicoryCompilerKernel.open(kernel);
            case GRAALWASM -> GraalWasmKernel.open(kernel);
            case ENDIVE_INTERPRETER -> EndiveInterpreterKernel.open(kernel);
            case WASM2JAR_FUEL -> Wasm2jarKernel.open(kernel, true, FUEL);
            case WASM2JAR_DEADLINE -> Wasm2jarKernel.open(kernel, true, DEADLINE);
        };
    }

    public static Engine of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
