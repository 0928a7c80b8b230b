package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Feature;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code wasm2jar compile IN.wasm -o OUT.jar}: a module to a jar, or to a class directory. */
final class CompileCommand implements Command {
    @Override
    public String name() {
        return "compile";
    }

    @Override
    public String summary() {
        return "compile a .wasm module into a jar or a class directory";
    }

    @Override
    public String usage() {
        return """
                usage: wasm2jar compile IN.wasm [-o OUT] [--class-name NAME | --package PACKAGE] [--main] [--metering]
                                        [--features LIST]

                Compiles IN.wasm ahead of time into JVM classes. OUT ending in .jar gets a jar (its manifest names
                the module class, for Module.fromJar); any other OUT is a directory for the class path. Functions
                too large for one JVM method are split into parts; a summary follows (functions, classes, methods,
                split functions, largest method, time). On a terminal a progress bar shows on stderr.

                With --main, OUT is a runnable jar of a WASI command: the module, runtime-support and the WASI
                implementation, nothing else needed. 'java -jar OUT [--dir GUEST:HOST]... [--env K=V]... [ARGS...]'
                runs it as 'wasm2jar run' would, with the same limits (--max-memory, --fuel, --deadline,
                --max-call-depth); all but --max-memory need a jar compiled with --metering.

                options:
                  -o, --output OUT      where to write (default: IN with .jar for .wasm, beside it)
                  --class-name NAME     binary name of the module class (default: wasm.Add for add.wasm)
                  --package PACKAGE     keep the default simple name, in PACKAGE (com.example.Add)
                  --main                a runnable jar of a WASI command (java -jar OUT ARGS)
                  --metering            polls at every function entry and loop head, for fuel, deadlines, call
                                        depths and Instance.interrupt() (see RATIONALE.md for what they cost)
                """ + Args.FEATURES_HELP;
    }

    @Override
    public int run(List<String> rawArgs, Console console) throws Exception {
        Args args = Args.parse(name(), rawArgs, Set.of("-o", "--output", "--class-name", "--package", Args.FEATURES),
                Set.of("--main", "--metering"));
        if (args.operands().size() != 1) {
            throw new CliException(args.operands().isEmpty() ? "compile needs an input .wasm file"
                    : "compile takes one input file, got " + args.operands().size() + ": " + args.operands());
        }
        Path in = Path.of(args.operands().get(0));
        String output = args.option("-o", "--output");
        Path out = output != null ? Path.of(output)
                : in.resolveSibling(in.getFileName().toString().replaceFirst("\\.wasm$", "") + ".jar");
        String className = args.option("--class-name");
        String pkg = args.option("--package");
        if (className != null && pkg != null) {
            throw new CliException("give --class-name or --package, not both");
        }
        className = className != null ? ModuleFiles.checkName(className, "class")
                : ModuleFiles.defaultClassName(in, pkg == null ? null : ModuleFiles.checkName(pkg, "package"));

        ProgressDisplay progress = new ProgressDisplay(console.err(), System.console() != null);
        CompiledModule module;
        try {
            module = ModuleFiles.compile(in, new CompilerOptions(className).withMetering(args.has("--metering"))
                    .withFeatures(args.features(Feature.DEFAULT)),
                    progress);
        } finally {
            progress.finish();
        }
        if (args.has("--main")) {
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
                + (args.has("--main") ? "; run it with java -jar " + out + ", Java 21 or newer" : "") + ")");
        module.stats().lines().forEach(console.out()::println);
        return 0;
    }
}
