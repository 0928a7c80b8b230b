package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.wasi.WasiConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.wasm2jar.runtime.Feature;

/**
 * {@code wasm2jar invoke FILE NAME ARGS...}: instantiate a module with no imports (or linked to WASI, when it imports
 * it) and call one export.
 */
final class InvokeCommand implements Command {
    @Override
    public String name() {
        return "invoke";
    }

    @Override
    public String summary() {
        return "call an exported function of a .wasm or .jar module";
    }

    @Override
    public String usage() {
        return """
                usage: wasm2jar invoke [--features LIST] FILE.wasm|FILE.jar NAME [ARGS...]

                Instantiates the module with no imports, calls its exported function NAME and prints each result
                on a line of its own (integers as signed decimal). A module that imports WASI is linked as 'wasm2jar
                run' links it (no directories, no environment; a trap exits with 134) and, if it is a reactor, its
                _initialize is called first. A .wasm file is compiled in memory; a .jar is one written by 'wasm2jar
                compile'.

                options:
                """ + Args.FEATURES_HELP + """

                arguments, by the function's parameter types:
                  i32, i64   decimal, signed or unsigned (-1, 4294967295), or hex (0xff)
                  f32, f64   decimal or hex float (1.5, -0x1p-3), inf, -inf, nan, nan:0x200000
                  v128       i32x4:1,2,3,4, f32x4:..., i8x16:... and so on
                  refs       null
                """;
    }

    @Override
    public int run(List<String> rawArgs, Console console) throws Exception {
        Args args = Args.parse(name(), rawArgs, Set.of(Args.FEATURES));
        List<String> operands = args.operands();
        if (operands.size() < 2) {
            throw new CliException(operands.isEmpty() ? "invoke needs a module file and a function name"
                    : "invoke needs the name of the function to call after " + operands.get(0));
        }
        Path file = Path.of(operands.get(0));
        String name = operands.get(1);
        List<String> texts = operands.subList(2, operands.size());

        Module module = ModuleFiles.load(file, null, false, args.features(Feature.DEFAULT));
        ExportCall call = new ExportCall(name, texts, console.out());
        if (ExportCall.importsWasi(module.shape())) {
            // linked as run links a command, with no directories and no environment; a trap exits as run's do
            return RunCommand.launch(module, file, List.of(), WasiConfig.defaults().withArgs(List.of(file.toString())),
                    Map.of(), console, call);
        }
        Instance instance;
        try {
            instance = module.instantiate(Imports.empty());
        } catch (WasmException e) {
            throw new CliException(file + ": " + Errors.describe(e), e, CliException.FAILURE);
        }
        Object[] results;
        try {
            results = call.call(instance);
        } catch (WasmException e) {
            throw new CliException(name + ": " + Errors.describe(e), e, CliException.FAILURE);
        }
        call.print(results);
        return 0;
    }
}
