package dev.wasm2jar.bench.engine;

import dev.wasm2jar.bench.kernel.Kernel;
import dev.wasm2jar.bench.kernel.KernelRunner;
import run.endive.runtime.ExportFunction;
import run.endive.runtime.HostFunction;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.FunctionImport;

/** Endive's interpreter, the default machine of run.endive:runtime. Results are raw bits, as wanted. */
public final class EndiveInterpreterKernel implements KernelRunner {
    private final ExportFunction run;

    private EndiveInterpreterKernel(ExportFunction run) {
        this.run = run;
    }

    public static EndiveInterpreterKernel open(Kernel kernel) {
        WasmModule module = Parser.parse(kernel.wasm());
        ImportValues.Builder imports = ImportValues.builder();
        module.importSection().stream().forEach(i -> {
            if (i instanceof FunctionImport f) {
                imports.addFunction(new HostFunction(f.module(), f.name(), module.typeSection().getType(f.typeIndex()),
                        (instance, args) -> {
                            throw new KernelPanic(kernel, f.module() + "." + f.name());
                        }));
            }
        });
        Instance instance = Instance.builder(module).withImportValues(imports.build()).build();
        return new EndiveInterpreterKernel(instance.export("run"));
    }

    @Override
    public long run(int size) {
        return run.apply(size)[0];
    }
}
