package dev.wasm2jar.bench.engine;

import dev.wasm2jar.bench.kernel.Kernel;
import dev.wasm2jar.bench.kernel.KernelRunner;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * GraalWasm through the polyglot API. Its WASI imports are GraalWasm's own built-in module (never called: only
 * std's panic path uses them).
 */
public final class GraalWasmKernel implements KernelRunner {
    private final Context context;
    private final Value run;
    private final boolean f64;

    private GraalWasmKernel(Context context, Value run, boolean f64) {
        this.context = context;
        this.run = run;
        this.f64 = f64;
    }

    public static GraalWasmKernel open(Kernel kernel) throws Exception {
        Context context = Context.newBuilder("wasm")
                .option("wasm.Builtins", "wasi_snapshot_preview1")
                .build();
        Source source = Source.newBuilder("wasm", ByteSequence.create(kernel.wasm()), kernel.id()).build();
        Value module = context.eval(source);
        Value instance = module.newInstance();
        Value run = instance.getMember("exports").getMember("run");
        return new GraalWasmKernel(context, run, kernel.result() == Kernel.Result.F64);
    }

    @Override
    public long run(int size) {
        Value result = run.execute(size);
        return f64 ? Double.doubleToRawLongBits(result.asDouble()) : result.asLong();
    }

    @Override
    public void close() {
        context.close();
    }
}
