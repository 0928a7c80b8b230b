package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.runtime.WasmFunction;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code wasm2jar invoke FILE NAME ARGS...}: instantiate a module with no imports and call one export. */
final class InvokeCommand implements Command {
    /** How many exported functions an error message lists. */
    private static final int MAX_LISTED = 10;

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
                usage: wasm2jar invoke FILE.wasm|FILE.jar NAME [ARGS...]

                Instantiates the module with no imports, calls its exported function NAME and prints each result
                on a line of its own (integers as signed decimal). A .wasm file is compiled in memory; a .jar is one
                written by 'wasm2jar compile'.

                arguments, by the function's parameter types:
                  i32, i64   decimal, signed or unsigned (-1, 4294967295), or hex (0xff)
                  f32, f64   decimal or hex float (1.5, -0x1p-3), inf, -inf, nan, nan:0x200000
                  refs       null
                """;
    }

    @Override
    public int run(List<String> rawArgs, Console console) throws Exception {
        Args args = Args.parse(name(), rawArgs, Set.of());
        List<String> operands = args.operands();
        if (operands.size() < 2) {
            throw new CliException(operands.isEmpty() ? "invoke needs a module file and a function name"
                    : "invoke needs the name of the function to call after " + operands.get(0));
        }
        Path file = Path.of(operands.get(0));
        String name = operands.get(1);
        List<String> texts = operands.subList(2, operands.size());

        Module module = ModuleFiles.load(file);
        Instance instance;
        try {
            instance = module.instantiate(Imports.empty());
        } catch (WasmException e) {
            throw new CliException(file + ": " + Errors.describe(e), e, CliException.FAILURE);
        }
        WasmFunction function = function(instance, name);
        Object[] values = arguments(name, function.type(), texts);
        Object[] results;
        try {
            results = function.call(values);
        } catch (WasmException e) {
            throw new CliException(name + ": " + Errors.describe(e), e, CliException.FAILURE);
        }
        for (Object result : results) {
            console.out().println(ValueText.format(result));
        }
        return 0;
    }

    private static WasmFunction function(Instance instance, String name) {
        if (instance.exports().get(name) instanceof WasmFunction f) {
            return f;
        }
        List<String> functions = instance.exports().entrySet().stream()
                .filter(e -> e.getValue() instanceof WasmFunction).map(java.util.Map.Entry::getKey).toList();
        String known = functions.isEmpty() ? "; it exports no functions"
                : functions.size() <= MAX_LISTED ? "; its functions: " + String.join(", ", functions)
                : "; its functions: " + String.join(", ", functions.subList(0, MAX_LISTED)) + " and "
                        + (functions.size() - MAX_LISTED) + " more";
        throw new CliException("the module exports no function named '" + name + "'" + known, null,
                CliException.FAILURE);
    }

    private static Object[] arguments(String name, FunctionType type, List<String> texts) {
        List<ValueType> params = type.params();
        if (texts.size() != params.size()) {
            throw new CliException(name + " takes " + params.size()
                    + (params.size() == 1 ? " argument" : " arguments") + " " + type + ", got " + texts.size());
        }
        Object[] values = new Object[texts.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = ValueText.parse(params.get(i), texts.get(i));
            } catch (IllegalArgumentException e) {
                throw new CliException("argument " + (i + 1) + " of " + name + ": '" + texts.get(i)
                        + "' is not a valid " + params.get(i) + " (" + e.getMessage() + ")");
            }
        }
        return values;
    }
}
