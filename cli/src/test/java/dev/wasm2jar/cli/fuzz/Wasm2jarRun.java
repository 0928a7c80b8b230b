package dev.wasm2jar.cli.fuzz;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.Progress;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.runtime.WasmFunction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a module with wasm2jar the way {@code wasm-opt --fuzz-exec-before} runs it: compiled and instantiated with
 * the {@code fuzzing-support} logging imports, then every exported function in export order, each after a call of
 * {@code hangLimitInitializer} (which resets the budget that binaryen's generated loops and calls count down) and
 * with zero arguments; a trap ends that call only, as in binaryen. A trap while instantiating ends the run.
 * Compiled with a small split target, functions are cut into many parts, which must behave as the whole.
 */
final class Wasm2jarRun {
    private static final String HANG_LIMIT_RESET = "hangLimitInitializer";

    private Wasm2jarRun() {}

    /**
     * What the module did, line by line.
     *
     * @throws WasmException if wasm2jar does not compile or link the module: binaryen did, so that is a failure
     */
    static List<Observed> run(byte[] wasm, int splitTarget) {
        List<Observed> lines = new ArrayList<>();
        Imports imports = Imports.empty();
        for (ValueType type : List.of(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64, ValueType.V128)) {
            String name = "log-" + type;
            imports.add("fuzzing-support", name, WasmFunction.host(FunctionType.of(List.of(type), List.of()), name,
                    args -> {
                        lines.add(Observed.log(type, args[0]));
                        return new Object[0];
                    }));
        }
        Instance instance;
        try {
            instance = compile(wasm, splitTarget).load().instantiate(imports);
        } catch (WasmException e) {
            TrapKind kind = TrapKind.ofWasm2jar(e.getCause() instanceof WasmException cause ? cause : e);
            if (kind == TrapKind.UNKNOWN) {
                throw e;
            }
            lines.add(Observed.trap(kind, e.getMessage()));
            return lines;
        }
        Object reset = instance.exports().get(HANG_LIMIT_RESET);
        for (Map.Entry<String, Object> export : instance.exports().entrySet()) {
            if (!(export.getValue() instanceof WasmFunction function)) {
                continue;
            }
            lines.add(Observed.call(export.getKey()));
            try {
                if (reset instanceof WasmFunction r) {
                    r.call();
                }
                Object[] results = function.call(zeros(function.type()));
                if (results.length > 0) {
                    lines.add(Observed.result(export.getKey(), function.type().results(), Arrays.asList(results)));
                }
            } catch (WasmException e) {
                lines.add(Observed.trap(TrapKind.ofWasm2jar(e), e.getMessage()));
            }
        }
        return lines;
    }

    /**
     * Compiles with the default split target, or with {@code splitTarget} through the compiler's package-private
     * entry for tests (reflection: this class is in another package).
     */
    private static CompiledModule compile(byte[] wasm, int splitTarget) {
        CompilerOptions options = new CompilerOptions("fuzz.Module");
        if (splitTarget == 0) {
            return Compiler.compile(wasm, options);
        }
        try {
            Method compile = Compiler.class.getDeclaredMethod("compile", byte[].class, CompilerOptions.class,
                    Progress.class, int.class);
            compile.setAccessible(true);
            return (CompiledModule) compile.invoke(null, wasm, options, Progress.NONE, splitTarget);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the compiler has no compile(..., splitTarget) for tests", e);
        }
    }

    private static Object[] zeros(FunctionType type) {
        return type.params().stream().map(p -> switch (p.kind()) {
            case I32 -> (Object) 0;
            case I64 -> 0L;
            case F32 -> 0f;
            case F64 -> 0d;
            case V128 -> V128.ZERO;
            case REF -> null;
        }).toArray();
    }
}
