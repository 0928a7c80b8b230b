import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.WasmFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a module made by binaryen's {@code wasm-opt -ttf} the way {@code wasm-opt --fuzz-exec} does: every exported
 * function in export order with zero arguments, the hang limit reset before each, the fuzzing-support logging
 * imports printed. Integer results and logs print as binaryen prints them; other values as "?" (bin/fuzz compares
 * only what both can say). Run with bin/fuzz.
 */
public class FuzzRunner {
    public static void main(String[] args) throws Exception {
        List<String> out = new ArrayList<>();
        Imports imports = Imports.empty();
        for (String type : List.of("i32", "i64", "f32", "f64", "v128")) {
            String code = switch (type) {
                case "i32" -> "i";
                case "i64" -> "l";
                case "f32" -> "f";
                case "f64" -> "d";
                default -> "v";
            };
            imports.add("fuzzing-support", "log-" + type, WasmFunction.host(FunctionType.parse(code + ":"), "log-" + type,
                    a -> {
                        out.add("[LoggingExternalInterface logging " + integer(a[0]) + "]");
                        return new Object[0];
                    }));
        }
        Instance instance;
        try {
            instance = Compiler.compile(Files.readAllBytes(Path.of(args[0])), new CompilerOptions("fuzz.Module")).load()
                    .instantiate(imports);
        } catch (Throwable t) {
            System.out.println("[wasm2jar could not compile or instantiate: " + t + "]");
            return;
        }
        Object reset = instance.exports().get("hangLimitInitializer");
        for (Map.Entry<String, Object> export : instance.exports().entrySet()) {
            if (!(export.getValue() instanceof WasmFunction f)) {
                continue;
            }
            out.add("[fuzz-exec] calling " + export.getKey());
            if (reset instanceof WasmFunction r) {
                r.call();
            }
            Object[] arguments = new Object[f.type().params().size()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = switch (f.type().params().get(i).kind()) {
                    case I32 -> 0;
                    case I64 -> 0L;
                    case F32 -> 0f;
                    case F64 -> 0d;
                    case V128 -> new V128(0, 0);
                    default -> null;
                };
            }
            try {
                Object[] results = f.call(arguments);
                if (results.length > 0) {
                    out.add("[fuzz-exec] note result: " + export.getKey() + " => "
                            + (results.length == 1 ? integer(results[0]) : "?"));
                }
            } catch (TrapException | ExhaustionException e) {
                out.add("[trap]");
            } catch (Throwable t) {
                out.add("[wasm2jar failed: " + t + "]");
            }
        }
        out.forEach(System.out::println);
    }

    private static String integer(Object value) {
        return value instanceof Integer || value instanceof Long ? value.toString() : "?";
    }
}
