package dev.wasm2jar.bench.engine;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import dev.wasm2jar.bench.kernel.Kernel;
import dev.wasm2jar.bench.kernel.KernelRunner;

/** Chicory's compiler: the module translated to JVM bytecode when it is instantiated. Results are raw bits. */
public final class ChicoryCompilerKernel implements KernelRunner {
    private final ExportFunction run;

    private ChicoryCompilerKernel(ExportFunction run) {
        this.run = run;
    }

    public static ChicoryCompilerKernel open(Kernel kernel) {
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
        Instance instance = Instance.builder(module)
                .withImportValues(imports.build())
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .build();
        return new ChicoryCompilerKernel(instance.export("run"));
    }

    @Override
    public long run(int size) {
        return run.apply(size)[0];
    }
}
