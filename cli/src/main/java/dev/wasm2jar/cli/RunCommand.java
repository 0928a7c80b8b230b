package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.wasi.Launcher;
import dev.wasm2jar.wasi.WasiConfig;
import dev.wasm2jar.wasi.WasiFlags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wasm2jar run [OPTIONS] FILE [ARGS...]}: runs a WASI command as {@code wasmedge} or {@code wasmtime} would,
 * with the same {@code --dir} and {@code --env} flags ({@link WasiFlags}, shared with runnable jars). Options end at
 * the module file; what follows is the guest's.
 */
@Command(name = "run", customSynopsis = "wasm2jar run [OPTIONS] FILE.wasm|FILE.jar [ARGS...]",
        description = {"Runs a WASI command (.wasm or .jar), as wasmedge or wasmtime would.", "",
                "Calls the command's _start (wasi_snapshot_preview1 or wasi_unstable) with ARGS, the process's"
                        + " standard streams, and only the directories and variables given. Exits with the guest's"
                        + " exit code; a trap prints its kind and the wasm call stack and exits with 134. A .wasm is"
                        + " compiled in memory once and kept in the cache (XDG_CACHE_HOME or ~/.cache, under"
                        + " wasm2jar/), keyed by its SHA-256; a .jar is one written by 'wasm2jar compile'.",
                "",
                "Options come before FILE; everything after FILE goes to the guest, even --help."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", hidden = true)
    private List<String> fileAndArgs = new ArrayList<>();

    @Option(names = "--preload", paramLabel = "NAME=FILE", order = 20,
            description = "instantiate FILE.wasm (or .jar) first and link its exports as the imports of module NAME;"
                    + " repeatable")
    private List<String> preloads = new ArrayList<>();

    @Option(names = "--no-cache", order = 21, description = "compile .wasm files in memory without the cache")
    private boolean noCache;

    /** The WASI flags as options, declared from {@link WasiFlags#FLAGS}; the guest's arguments start at FILE. */
    static void configure(CommandLine run) {
        int order = 0;
        for (WasiFlags.Flag flag : WasiFlags.FLAGS) {
            run.getCommandSpec().addOption(OptionSpec.builder(flag.name()).paramLabel(flag.label())
                    .description(flag.help()).type(List.class).auxiliaryTypes(String.class).order(order++).build());
        }
        run.setStopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        Console console = main.console();
        WasiConfig config = WasiConfig.defaults();
        for (WasiFlags.Flag flag : WasiFlags.FLAGS) {
            List<String> values = spec.findOption(flag.name()).getValue();
            for (String value : values == null ? List.<String>of() : values) {
                try {
                    config = WasiFlags.apply(config, flag.name(), value);
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage());
                } catch (IOException e) {
                    throw new CliException(e.getMessage(), e, CliException.FAILURE);
                }
            }
        }
        List<String[]> libraries = new ArrayList<>();
        for (String value : preloads) {
            int at = value.indexOf('=');
            if (at <= 0 || at == value.length() - 1) {
                throw new CliException("--preload " + value + ": give NAME=FILE.wasm");
            }
            libraries.add(new String[] {value.substring(0, at), value.substring(at + 1)});
        }
        if (fileAndArgs.isEmpty()) {
            throw new CliException("run needs a .wasm or .jar file to run");
        }
        Path file = Path.of(fileAndArgs.get(0));
        List<String> guestArgs = new ArrayList<>(fileAndArgs);
        ModuleCache moduleCache = noCache ? null : ModuleCache.user();
        List<Launcher.Library> preloaded = new ArrayList<>();
        for (String[] p : libraries) {
            preloaded.add(new Launcher.Library(p[0], ModuleFiles.load(Path.of(p[1]), moduleCache)));
        }
        Module command = ModuleFiles.load(file, moduleCache);
        config = config.withArgs(guestArgs);
        if (console.out() != System.out) {
            config = config.withStdout(console.out());
        }
        if (console.err() != System.err) {
            config = config.withStderr(console.err());
        }
        try {
            return Launcher.run(command, preloaded, config, console.err(), "wasm2jar");
        } catch (WasmException e) {
            throw new CliException(file + ": " + Errors.describe(e), e, CliException.FAILURE);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage(), e, CliException.FAILURE);
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e, CliException.FAILURE);
        }
    }
}
