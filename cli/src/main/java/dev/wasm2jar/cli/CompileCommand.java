package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.CompiledModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wasm2jar compile IN.wasm -o OUT.jar}: a module to a jar, or to a class directory. */
@Command(name = "compile", customSynopsis = "wasm2jar compile IN.wasm [-o OUT] [--class-name NAME | --package PACKAGE] [--main]",
        description = {"Compiles a .wasm module into a jar or a class directory.", "",
                "Compiles IN.wasm ahead of time into JVM classes. OUT ending in .jar gets a jar (its manifest names the"
                        + " module class, for Module.fromJar); any other OUT is a directory for the class path."
                        + " Functions too large for one JVM method are split into parts; a summary follows (functions,"
                        + " classes, methods, split functions, largest method, time). On a terminal a progress bar"
                        + " shows on stderr.",
                "",
                "With --main, OUT is a runnable jar of a WASI command: the module, runtime-support and the WASI"
                        + " implementation, nothing else needed. 'java -jar OUT [--dir GUEST:HOST]... [--env K=V]..."
                        + " [ARGS...]' runs it as 'wasm2jar run' would."})
final class CompileCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "IN.wasm", arity = "0..*", hidden = true)
    private List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "where to write (default: IN with .jar for .wasm, beside it)")
    private String output;

    @Option(names = "--class-name", paramLabel = "NAME",
            description = "binary name of the module class (default: wasm.Add for add.wasm)")
    private String className;

    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "keep the default simple name, in PACKAGE (com.example.Add)")
    private String pkg;

    @Option(names = "--main", description = "a runnable jar of a WASI command (java -jar OUT ARGS)")
    private boolean runnable;

    @Override
    public Integer call() throws Exception {
        Console console = main.console();
        if (inputs.size() != 1) {
            throw new CliException(inputs.isEmpty() ? "compile needs an input .wasm file"
                    : "compile takes one input file, got " + inputs.size() + ": " + inputs);
        }
        Path in = Path.of(inputs.get(0));
        Path out = output != null ? Path.of(output)
                : in.resolveSibling(in.getFileName().toString().replaceFirst("\\.wasm$", "") + ".jar");
        if (className != null && pkg != null) {
            throw new CliException("give --class-name or --package, not both");
        }
        String name = className != null ? ModuleFiles.checkName(className, "class")
                : ModuleFiles.defaultClassName(in, pkg == null ? null : ModuleFiles.checkName(pkg, "package"));

        ProgressDisplay progress = new ProgressDisplay(console.err(), System.console() != null);
        CompiledModule module;
        try {
            module = ModuleFiles.compile(in, name, progress);
        } finally {
            progress.finish();
        }
        if (runnable) {
            if (!out.getFileName().toString().endsWith(".jar")) {
                throw new CliException("--main writes a runnable jar; give an OUT ending in .jar");
            }
            RunnableJar.write(module, out);
        } else if (out.getFileName().toString().endsWith(".jar")) {
            module.writeJar(out);
        } else {
            module.writeDirectory(out);
        }
        console.out().println("wrote " + out + " (" + module.className()
                + (runnable ? "; run it with java -jar " + out + ", Java 21 or newer" : "") + ")");
        module.stats().lines().forEach(console.out()::println);
        return 0;
    }
}
