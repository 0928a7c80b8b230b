package dev.wasm2jar.bench.engine;

import dev.wasm2jar.bench.kernel.Kernel;
import dev.wasm2jar.bench.kernel.KernelRunner;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;

/** wasm2jar: the module compiled in memory, instantiated, {@code run} called through its exact method handle. */
public final class Wasm2jarKernel implements KernelRunner {
    private final MethodHandle run;
    private final boolean f64;

    private Wasm2jarKernel(MethodHandle run, boolean f64) {
        this.run = run;
        this.f64 = f64;
    }

    public static Wasm2jarKernel open(Kernel kernel) {
        Module module = Compiler.compile(kernel.wasm(), new CompilerOptions("bench." + kernel.id())).load();
        Imports imports = Imports.empty();
        for (var i : module.shape().imports()) {
            if (i.kind() == ExternKind.FUNCTION) {
                var type = module.shape().types().get(i.typeIndex());
                imports.add(i.module(), i.name(), WasmFunction.host(type, i.name(), args -> {
                    throw new KernelPanic(kernel, i.module() + "." + i.name());
                }));
            }
        }
        MethodHandle run = module.instantiate(imports).function("run").handle();
        return new Wasm2jarKernel(run, kernel.result() == Kernel.Result.F64);
    }

    @Override
    public long run(int size) throws Throwable {
        return f64 ? Double.doubleToRawLongBits((double) run.invokeExact(size)) : (long) run.invokeExact(size);
    }
}
