package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Limits;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.wasi.Launcher;
import dev.wasm2jar.wasi.LimitFlags;
import dev.wasm2jar.wasi.WasiConfig;
import dev.wasm2jar.wasi.WasiFlags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wasm2jar run [OPTIONS] FILE [ARGS...]}: runs a WASI command as {@code wasmedge} or {@code wasmtime} would,
 * with the same {@code --dir} and {@code --env} flags. Options end at the module file; what follows is the guest's.
 */
final class RunCommand implements Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run a WASI command (.wasm or .jar), as wasmedge or wasmtime would";
    }

    @Override
    public String usage() {
        return """
                usage: wasm2jar run [OPTIONS] FILE.wasm|FILE.jar [ARGS...]
                       wasm2jar run [OPTIONS] --reactor FILE.wasm|FILE.jar FUNCTION [ARGS...]

                Runs a WASI command (wasi_snapshot_preview1 or wasi_unstable): calls its _start with ARGS, the
                process's standard streams, and only the directories and variables given. Exits with the guest's
                exit code; a trap prints its kind and the wasm call stack and exits with 134. A .wasm is compiled
                in memory once and kept in the cache (XDG_CACHE_HOME or ~/.cache, under wasm2jar/), keyed by its
                SHA-256; a .jar is one written by 'wasm2jar compile'.

                --fuel, --deadline and --max-call-depth need polls in the compiled code: a .wasm is then compiled
                with metering (cached apart), and a .jar must have been compiled with --metering. A guest that a
                limit stops traps ("fuel exhausted", "deadline exceeded", "call stack exhausted").

                With --reactor (WasmEdge's flag), FILE is a WASI reactor, a library with no _start: its _initialize
                is called if it exports one, then its export FUNCTION with ARGS, converted and printed as 'wasm2jar
                invoke' does.

                options (before FILE; everything after FILE goes to the guest):
                """ + WasiFlags.HELP + LimitFlags.HELP + """
                  --preload NAME=FILE  instantiate FILE.wasm (or .jar) first and link its exports as the imports
                                       of module NAME; repeatable
                  --argv0 NAME         the guest's argv[0] (default: FILE as given), for programs that choose what
                                       to do by it (busybox, clang's wasm build)
                  --reactor            call FUNCTION of a reactor instead of _start
                  --no-cache           compile .wasm files in memory without the cache
                """ + Args.FEATURES_HELP + hostOptionsHelp();
    }

    /** The options of the registered host modules besides WASI, one line each. */
    private static String hostOptionsHelp() {
        StringBuilder sb = new StringBuilder();
        Launcher.hostOptions().forEach((name, help) -> sb.append(String.format("  %-20s %s%n", name, help)));
        return sb.toString();
    }

    /** Where the guest's arguments start: after the options and the module file. */
    @Override
    public int guestArgsStart(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                return i + 2;
            }
            if (!arg.startsWith("-")) {
                return i + 1;
            }
            if (!arg.contains("=") && takesValue(arg)) {
                i++;
            }
        }
        return args.size();
    }

    private static boolean takesValue(String option) {
        return WasiFlags.NAMES.contains(option) || LimitFlags.NAMES.contains(option) || option.equals("--preload")
                || option.equals(Args.FEATURES)
                || option.equals(Launcher.ARGV0) || isHostOption(option);
    }

    /**
     * An option of a registered host module ({@link Launcher#hostOptions}), which gets its values. A registration that
     * cannot be loaded is reported when the command runs, as one error line.
     */
    private static boolean isHostOption(String option) {
        try {
            return option.startsWith("--") && Launcher.hostOptions().containsKey(option);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        WasiConfig config = WasiConfig.defaults();
        Limits limits = Limits.NONE;
        List<Launcher.Library> libraries = new ArrayList<>();
        List<String[]> preloads = new ArrayList<>();
        Map<String, List<String>> hostOptions = new LinkedHashMap<>();
        boolean cache = true;
        boolean reactor = false;
        String argv0 = null;
        String features = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-")) {
                break;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (name.equals("--no-cache") && eq < 0) {
                cache = false;
                continue;
            }
            if (name.equals("--reactor") && eq < 0) {
                reactor = true;
                continue;
            }
            if (!takesValue(name)) {
                throw new CliException("unknown option '" + name + "' for 'run'; try 'wasm2jar run --help'");
            }
            if (eq < 0 && i + 1 == args.size()) {
                throw new CliException("option '" + name + "' needs a value");
            }
            String value = eq > 0 ? arg.substring(eq + 1) : args.get(++i);
            if (name.equals(Launcher.ARGV0)) {
                argv0 = value;
                continue;
            }
            if (name.equals(Args.FEATURES)) {
                features = value;
                continue;
            }
            if (name.equals("--preload")) {
                int at = value.indexOf('=');
                if (at <= 0 || at == value.length() - 1) {
                    throw new CliException("--preload " + value + ": give NAME=FILE.wasm");
                }
                preloads.add(new String[] {value.substring(0, at), value.substring(at + 1)});
                continue;
            }
            if (isHostOption(name)) {
                hostOptions.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                continue;
            }
            try {
                if (LimitFlags.NAMES.contains(name)) {
                    limits = LimitFlags.apply(limits, name, value);
                    continue;
                }
                config = WasiFlags.apply(config, name, value);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            } catch (IOException e) {
                throw new CliException(e.getMessage(), e, CliException.FAILURE);
            }
        }
        if (i >= args.size()) {
            throw new CliException("run needs a .wasm or .jar file to run");
        }
        Path file = Path.of(args.get(i));
        List<String> guestArgs = new ArrayList<>(args.subList(i, args.size()));
        if (argv0 != null) {
            guestArgs.set(0, argv0);
        }
        Launcher.Entry entry = Launcher.COMMAND;
        if (reactor) {
            if (guestArgs.size() < 2) {
                throw new CliException("run --reactor needs the name of the function to call after " + file);
            }
            entry = new ExportCall(guestArgs.get(1), guestArgs.subList(2, guestArgs.size()), console.out());
        }
        ModuleCache moduleCache = cache ? ModuleCache.user() : null;
        boolean metering = limits.needsMetering();
        Set<Feature> enabled = Args.features(features, Feature.DEFAULT);
        for (String[] p : preloads) {
            libraries.add(new Launcher.Library(p[0], ModuleFiles.load(Path.of(p[1]), moduleCache, metering, enabled)));
        }
        Module command = ModuleFiles.load(file, moduleCache, metering, enabled);
        long start = System.nanoTime();
        int exit = launch(command, file, libraries, config.withArgs(guestArgs), hostOptions, console, entry, limits);
        LongRunMarker.markIfLong(start);
        return exit;
    }

    /**
     * Links {@code module} (loaded from {@code file}) to WASI, the host modules and {@code libraries}, and runs it
     * through {@code entry} with the console's streams; a failure is one error line naming the file.
     */
    static int launch(Module module, Path file, List<Launcher.Library> libraries, WasiConfig config,
            Map<String, List<String>> hostOptions, Console console, Launcher.Entry entry) {
        return launch(module, file, libraries, config, hostOptions, console, entry, Limits.NONE);
    }

    /** {@link #launch(Module, Path, List, WasiConfig, Map, Console, Launcher.Entry)} within {@code limits}. */
    static int launch(Module module, Path file, List<Launcher.Library> libraries, WasiConfig config,
            Map<String, List<String>> hostOptions, Console console, Launcher.Entry entry, Limits limits) {
        if (console.out() != System.out) {
            config = config.withStdout(console.out());
        }
        if (console.err() != System.err) {
            config = config.withStderr(console.err());
        }
        try {
            return Launcher.run(module, libraries, config, hostOptions, console.err(), "wasm2jar", entry, limits);
        } catch (WasmException e) {
            throw new CliException(file + ": " + Errors.describe(e), e, CliException.FAILURE);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage(), e, CliException.FAILURE);
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e, CliException.FAILURE);
        }
    }
}
