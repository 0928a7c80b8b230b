package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.CompileStats;
import dev.wasm2jar.compiler.CompiledModule;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wasm2jar inspect FILE.jar|FILE.wasm}: the statistics of a compiled module, or of a .wasm as it compiles. */
@Command(name = "inspect", customSynopsis = "wasm2jar inspect FILE.jar|FILE.wasm",
        description = {"Prints statistics of a compiled jar, or of a .wasm as it would compile.", "",
                "Prints the statistics of a module compiled by wasm2jar: functions, classes, methods, functions split"
                        + " into parts, and 'largest method: N bytes' (HotSpot compiles no method over 8000 bytes). A"
                        + " .wasm (or .wat) is compiled in memory first, and the compile time is shown too."})
final class InspectCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "FILE", arity = "0..*", hidden = true)
    private List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Console console = main.console();
        if (files.size() != 1) {
            throw new CliException("inspect takes one file, got " + files.size());
        }
        Path file = Path.of(files.get(0));
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
