package dev.wasm2jar.bench;

import dev.wasm2jar.bench.engine.ChicoryCompilerKernel;
import dev.wasm2jar.bench.engine.EndiveInterpreterKernel;
import dev.wasm2jar.bench.engine.GraalWasmKernel;
import dev.wasm2jar.bench.engine.NativeKernel;
import dev.wasm2jar.bench.engine.Wasm2jarKernel;
import java.util.Locale;

/** The engines of one comparison; {@link #NATIVE} is the reference every other result is checked against. */
public enum Engine {
    NATIVE("the same Rust, x86-64 shared library, through java.lang.foreign"),
    WASM2JAR("wasm2jar: wasm compiled ahead of time to JVM bytecode"),
    CHICORY_COMPILER("Chicory 1.7.5's compiler: wasm to JVM bytecode at load time"),
    GRAALWASM("GraalWasm 25.0.2 on Truffle"),
    ENDIVE_INTERPRETER("Endive 1.2.0's interpreter");

    private final String description;

    Engine(String description) {
        this.description = description;
    }

    /** The JMH parameter value: {@code chicory-compiler}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    /** Loads {@code kernel}: compiles and instantiates it, or loads its native library. */
    public KernelRunner open(Kernel kernel) throws Exception {
        return switch (this) {
            case NATIVE -> NativeKernel.open(kernel);
            case WASM2JAR -> Wasm2jarKernel.open(kernel);
            case CHICORY_COMPILER -> ChicoryCompilerKernel.open(kernel);
            case GRAALWASM -> GraalWasmKernel.open(kernel);
            case ENDIVE_INTERPRETER -> EndiveInterpreterKernel.open(kernel);
        };
    }

    public static Engine of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
