package dev.wasm2jar.bench.engine;

import dev.wasm2jar.bench.kernel.Kernel;
import dev.wasm2jar.bench.kernel.KernelRunner;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.Limits;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * wasm2jar: the module compiled in memory, instantiated, {@code run} called through its exact method handle; for the
 * cost of limits, compiled with metering and instantiated within {@link Limits}.
 */
public final class Wasm2jarKernel implements KernelRunner {
    private final MethodHandle run;
    private final boolean f64;

    private Wasm2jarKernel(MethodHandle run, boolean f64) {
        this.run = run;
        this.f64 = f64;
    }

    public static Wasm2jarKernel open(Kernel kernel) {
        return open(kernel, false, Limits.NONE);
    }

    /** The kernel compiled with {@code metering} or without, and instantiated within {@code limits}. */
    public static Wasm2jarKernel open(Kernel kernel, boolean metering, Limits limits) {
        Module module = Compiler.compile(kernel.wasm(),
                new CompilerOptions("bench." + kernel.id()).withMetering(metering)).load();
        List<Object> imports = new ArrayList<>();
        for (var i : module.shape().imports()) {
            if (i.kind() != ExternKind.FUNCTION) {
                throw new IllegalStateException(kernel.id() + " imports a " + i.kind());
            }
            var type = module.shape().types().get(i.typeIndex());
            imports.add(WasmFunction.host(type, i.name(), args -> {
                throw new KernelPanic(kernel, i.module() + "." + i.name());
            }));
        }
        MethodHandle run = module.instantiate(imports, limits).function("run").handle();
        return new Wasm2jarKernel(run, kernel.result() == Kernel.Result.F64);
    }

    @Override
    public long run(int size) throws Throwable {
        return f64 ? Double.doubleToRawLongBits((double) run.invokeExact(size)) : (long) run.invokeExact(size);
    }
}
