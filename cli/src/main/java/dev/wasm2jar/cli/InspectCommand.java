package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.CompileStats;
import dev.wasm2jar.compiler.CompiledModule;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code wasm2jar inspect FILE.jar|FILE.wasm}: the statistics of a compiled module, or of a .wasm as it compiles. */
final class InspectCommand implements Command {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "print statistics of a compiled jar, or of a .wasm as it would compile";
    }

    @Override
    public String usage() {
        return """
                usage: wasm2jar inspect FILE.jar|FILE.wasm

                Prints the statistics of a module compiled by wasm2jar: functions, classes, methods, functions
                split into parts, and 'largest method: N bytes' (HotSpot compiles no method over 8000 bytes).
                A .wasm (or .wat) is compiled in memory first, and the compile time is shown too.
                """;
    }

    @Override
    public int run(List<String> rawArgs, Console console) throws Exception {
        Args args = Args.parse(name(), rawArgs, Set.of());
        if (args.operands().size() != 1) {
            throw new CliException("inspect takes one file, got " + args.operands().size());
        }
        Path file = Path.of(args.operands().get(0));
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        CompileStats stats;
        if (file.getFileName().toString().endsWith(".jar")) {
            try {
                stats = CompiledModule.readJar(file).stats();
            } catch (java.util.zip.ZipException e) {
                throw new CliException(file + ": not a jar (" + e.getMessage() + ")", e, CliException.FAILURE);
            }
        } else {
            stats = ModuleFiles.compile(file, ModuleFiles.defaultClassName(file, null)).stats();
        }
        stats.lines().forEach(console.out()::println);
        return 0;
    }
}
