package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.wasi.Launcher;
import dev.wasm2jar.wasi.Wasi;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One call of an exported function with arguments given as text, its results printed one per line: what
 * {@code invoke} and {@code run --reactor} do. As a {@link Launcher.Entry} it first initializes a WASI reactor.
 *
 * @param name the export
 * @param texts the arguments, converted by the function's parameter types ({@link ValueText})
 * @param out where the results go
 */
record ExportCall(String name, List<String> texts, PrintStream out) implements Launcher.Entry {
    /** How many exported functions an error message lists. */
    private static final int MAX_LISTED = 10;

    /** The function's results, as it returned them; a trap or other failure is thrown. */
    Object[] call(Instance instance) {
        WasmFunction function = function(instance, name);
        return function.call(arguments(name, function.type(), texts));
    }

    /** Prints {@code results} one per line, as {@link ValueText} formats them. */
    void print(Object[] results) {
        for (Object result : results) {
            out.println(ValueText.format(result));
        }
    }

    /** Calls {@code _initialize} when the module is a reactor, then the export; prints its results and returns 0. */
    @Override
    public int enter(Wasi wasi, Instance instance) {
        Wasi.initialize(instance);
        print(call(instance));
        return 0;
    }

    /** Whether {@code shape} imports anything from WASI (preview 1 or its older name). */
    static boolean importsWasi(ModuleShape shape) {
        for (ModuleShape.Import im : shape.imports()) {
            if (im.module().equals("wasi_snapshot_preview1") || im.module().equals("wasi_unstable")) {
                return true;
            }
        }
        return false;
    }

    private static WasmFunction function(Instance instance, String name) {
        if (instance.exports().get(name) instanceof WasmFunction f) {
            return f;
        }
        List<String> functions = new ArrayList<>();
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            if (e.getValue() instanceof WasmFunction) {
                functions.add(e.getKey());
            }
        }
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
