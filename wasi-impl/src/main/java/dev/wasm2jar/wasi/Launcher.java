package dev.wasm2jar.wasi;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.LargeStack;
import dev.wasm2jar.runtime.Limits;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.ThrownException;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.UnlinkableException;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.runtime.host.HostModule;
import dev.wasm2jar.runtime.host.HostModuleFactory;
import dev.wasm2jar.runtime.host.HostSetup;
import dev.wasm2jar.runtime.host.Linker;
import dev.wasm2jar.runtime.internal.ClassPathFiles;
import dev.wasm2jar.wasi.internal.Backtrace;
import dev.wasm2jar.wasi.internal.Bindings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.jar.JarFile;

/**
 * Runs WASI commands: {@link #run} for {@code wasm2jar run}, and {@link #main} as the {@code Main-Class} of the jars
 * {@code wasm2jar compile --main} writes, which hold the module, runtime-support and this module, and the registered
 * host modules:
 *
 * <pre>
 * java -jar app.jar [--dir GUEST:HOST]... [--env NAME=VALUE]... [--argv0 NAME] [LIMITS]... [HOST MODULE OPTIONS]...
 *                   [--] [ARGS...]
 * </pre>
 *
 * A command is linked to WASI and to every host module registered as a {@link HostModuleFactory} service
 * ({@link #hostModuleFactories}), in that order. The flags ({@link WasiFlags}, {@link LimitFlags} and the host
 * modules' options) come first; the first other argument, or everything after {@code --}, goes to the guest, whose
 * {@code argv[0]} is the jar's file name unless {@code --argv0} names another (a multi-call program such as busybox or
 * clang chooses its tool by it). The exit code is the guest's; a trap (a guest stopped by a limit too) prints its kind
 * and the wasm call stack and exits with {@link #TRAP_EXIT}.
 */
public final class Launcher {
    /** The exit code of a command that trapped: 128 + SIGABRT, as wasmtime exits. */
    public static final int TRAP_EXIT = 134;

    /** The option of runnable jars (and {@code wasm2jar run}) that sets the guest's {@code argv[0]}, as wasmtime's. */
    public static final String ARGV0 = "--argv0";

    /** A module instantiated before the command, whose exports satisfy the command's imports from {@code name}. */
    public record Library(String name, Module module) {}

    /**
     * What runs once the module is linked: a command's {@code _start} ({@link #COMMAND}), or, for a reactor, its
     * {@code _initialize} and then a call of one of its exports.
     */
    @FunctionalInterface
    public interface Entry {
        /** Runs {@code instance}, linked to {@code wasi}, and returns the exit code. */
        int enter(Wasi wasi, Instance instance);
    }

    /** A WASI command: {@link Wasi#run} calls {@code _start}. */
    public static final Entry COMMAND = new Command();

    private static final class Command implements Entry {
        @Override
        public int enter(Wasi wasi, Instance instance) {
            return wasi.run(instance);
        }
    }

    private static volatile List<HostModuleFactory> factories;

    private Launcher() {}

    /**
     * The registered host modules' factories, found on first use ({@link ServiceLoader}, this class's loader), since
     * most of {@code wasm2jar}'s commands never need them. When that loader is the JVM's class path, its files are
     * read directly ({@link ClassPathFiles#services}): ServiceLoader would find the same, 50-190 ms later.
     *
     * @throws IllegalStateException when a registered factory cannot be loaded
     */
    public static List<HostModuleFactory> hostModuleFactories() {
        List<HostModuleFactory> found = factories;
        if (found == null) {
            List<HostModuleFactory> list = new ArrayList<>();
            ClassLoader loader = Launcher.class.getClassLoader();
            try {
                List<String> names = loader == ClassLoader.getSystemClassLoader()
                        ? ClassPathFiles.services(HostModuleFactory.class.getName())
                        : null;
                if (names == null) {
                    for (HostModuleFactory f : ServiceLoader.load(HostModuleFactory.class, loader)) {
                        list.add(f);
                    }
                } else {
                    for (String name : names) {
                        list.add(factory(name, loader));
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("a registered host module cannot be loaded: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalStateException("the registered host modules cannot be read: " + e.getMessage(), e);
            }
            factories = found = List.copyOf(list);
        }
        return found;
    }

    /** A new instance of the registered factory class {@code name}, as ServiceLoader makes one. */
    private static HostModuleFactory factory(String name, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(name, false, loader);
            if (!HostModuleFactory.class.isAssignableFrom(type)) {
                throw new IllegalStateException("a registered host module cannot be loaded: " + name + " is not a "
                        + HostModuleFactory.class.getSimpleName());
            }
            return (HostModuleFactory) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("a registered host module cannot be loaded: " + name + ": " + e, e);
        }
    }

    /** Every registered host module's command-line options, each taking one value, with one line of help each. */
    public static Map<String, String> hostOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        for (HostModuleFactory f : hostModuleFactories()) {
            options.putAll(f.options());
        }
        return options;
    }

    /** {@link #run(Module, List, WasiConfig, Map, PrintStream, String)} with no host module options. */
    public static int run(Module command, List<Library> libraries, WasiConfig config, PrintStream err,
            String prefix) throws IOException {
        return run(command, libraries, config, Map.of(), err, prefix);
    }

    /** {@link #run(Module, List, WasiConfig, Map, PrintStream, String, Entry)} of a {@link #COMMAND}. */
    public static int run(Module command, List<Library> libraries, WasiConfig config,
            Map<String, List<String>> hostOptions, PrintStream err, String prefix) throws IOException {
        return run(command, libraries, config, hostOptions, err, prefix, COMMAND);
    }

    /**
     * Instantiates {@code libraries} in order, then {@code command}, each linked to WASI, the registered host modules
     * (made from {@code hostOptions}, the values of their options) and the libraries before it; a library that is a
     * reactor is initialized. Then runs the command through {@code entry}. A trap is reported on {@code err} as
     * {@code PREFIX: error: trap: MESSAGE} and the wasm backtrace.
     *
     * @return the guest's exit code, or {@link #TRAP_EXIT}
     * @throws UnlinkableException when an import is provided by nothing, naming its module and field
     * @throws IllegalArgumentException when a host module rejects its options
     */
    public static int run(Module command, List<Library> libraries, WasiConfig config,
            Map<String, List<String>> hostOptions, PrintStream err, String prefix, Entry entry) throws IOException {
        return run(command, libraries, config, hostOptions, err, prefix, entry, Limits.NONE);
    }

    /**
     * {@link #run(Module, List, WasiConfig, Map, PrintStream, String, Entry)} with every instance (libraries and
     * command) within {@code limits}; a guest they stop is reported as a trap.
     *
     * @throws IllegalArgumentException also when {@code limits} need metering and a module was compiled without it
     */
    public static int run(Module command, List<Library> libraries, WasiConfig config,
            Map<String, List<String>> hostOptions, PrintStream err, String prefix, Entry entry, Limits limits)
            throws IOException {
        Map<Module, String> labels = new LinkedHashMap<>();
        labels.put(command, libraries.isEmpty() ? null : "main");
        List<HostModule> hostModules = new ArrayList<>();
        try (Wasi wasi = Wasi.create(config)) {
            Linker linker = Linker.create().limits(limits).with(wasi).with(new WasmEdgeSockets(wasi));
            HostSetup setup = new HostSetup(config.args(), hostOptions, importedModules(command, libraries));
            // The registered host modules are found (every jar of the class path opened for its services) only when
            // the run may need one: not for a command alone that imports WASI's modules only, unless linking it to
            // WASI fails, which happens before anything of it runs.
            boolean hostModulesAdded = !hostOptions.isEmpty() || !libraries.isEmpty() || !wasiOnly(command);
            if (hostModulesAdded) {
                addHostModules(linker, setup, hostModules);
            }
            try {
                for (Library library : libraries) {
                    labels.put(library.module(), library.name());
                    Instance instance;
                    try {
                        instance = linker.instantiate(library.module());
                    } catch (UnlinkableException e) {
                        throw new UnlinkableException("library " + library.name() + ": " + e.getMessage(), e);
                    }
                    Wasi.initialize(instance);
                    linker.defineInstance(library.name(), instance);
                }
                Instance instance;
                try {
                    instance = linker.instantiate(command);
                } catch (UnlinkableException e) {
                    if (hostModulesAdded) {
                        throw e;
                    }
                    addHostModules(linker, setup, hostModules);
                    instance = linker.instantiate(command);
                }
                return entry.enter(wasi, instance);
            } catch (WasiExit e) {
                return e.code(); // proc_exit from a library's _initialize or a start function
            } catch (TrapException | ExhaustionException | ThrownException e) {
                // A wasm exception that no handler caught ends the guest as a trap does (wasmtime's exit code too).
                err.println(prefix + ": error: " + (e instanceof ExhaustionException ? "exhaustion"
                        : e instanceof ThrownException ? "uncaught exception" : "trap") + ": " + e.getMessage());
                List<String> lines = new Backtrace(labels).lines(e);
                if (!lines.isEmpty()) {
                    err.println("wasm backtrace:");
                    for (String line : lines) {
                        err.println(line);
                    }
                }
                return TRAP_EXIT;
            }
        } finally {
            close(hostModules);
        }
    }

    private static void addHostModules(Linker linker, HostSetup setup, List<HostModule> hostModules)
            throws IOException {
        for (HostModuleFactory factory : hostModuleFactories()) {
            HostModule module = factory.create(setup);
            hostModules.add(module);
            linker.with(module);
        }
    }

    /** Whether {@code command} imports from WASI's modules only (WasmEdge's sockets are among them). */
    private static boolean wasiOnly(Module command) {
        for (ModuleShape.Import im : command.shape().imports()) {
            if (Bindings.abi(im.module()) == null) {
                return false;
            }
        }
        return true;
    }

    /** The names of the modules that {@code command} and {@code libraries} import from. */
    private static Set<String> importedModules(Module command, List<Library> libraries) {
        Set<String> names = new HashSet<>();
        for (ModuleShape.Import im : command.shape().imports()) {
            names.add(im.module());
        }
        for (Library library : libraries) {
            for (ModuleShape.Import im : library.module().shape().imports()) {
                names.add(im.module());
            }
        }
        return names;
    }

    private static void close(List<HostModule> hostModules) throws IOException {
        for (HostModule module : hostModules.reversed()) {
            if (module instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }
    }

    /** The entry point of a runnable jar: runs the module its manifest names as a WASI command. */
    public static void main(String[] args) {
        // Classes, not lambdas, on a runnable jar's way: the first lambda of a JVM costs 10 ms of CPU.
        LargeStack.runAndExit("wasm", new IntSupplier() {
            @Override
            public int getAsInt() {
                return launch(args);
            }
        });
    }

    private static int launch(String[] args) {
        String program = "wasm";
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            program = jar.getFileName().toString();
            String className;
            try (JarFile file = new JarFile(jar.toFile())) {
                className = file.getManifest().getMainAttributes().getValue(Module.MANIFEST_ATTRIBUTE);
            }
            if (className == null) {
                System.err.println(program + ": error: no " + Module.MANIFEST_ATTRIBUTE + " in the jar's manifest");
                return 1;
            }
            String argv0 = program;
            WasiConfig config = WasiConfig.defaults();
            Limits limits = Limits.NONE;
            Map<String, String> hostOptionNames = hostOptions();
            Map<String, List<String>> hostOptions = new LinkedHashMap<>();
            int i = 0;
            for (; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--")) {
                    i++;
                    break;
                }
                int eq = arg.indexOf('=');
                String name = eq > 0 ? arg.substring(0, eq) : arg;
                if (!WasiFlags.NAMES.contains(name) && !LimitFlags.NAMES.contains(name)
                        && !hostOptionNames.containsKey(name) && !name.equals(ARGV0)) {
                    break;
                }
                if (eq < 0 && i + 1 == args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String value = eq > 0 ? arg.substring(eq + 1) : args[++i];
                if (name.equals(ARGV0)) {
                    argv0 = value;
                } else if (WasiFlags.NAMES.contains(name)) {
                    config = WasiFlags.apply(config, name, value);
                } else if (LimitFlags.NAMES.contains(name)) {
                    limits = LimitFlags.apply(limits, name, value);
                } else {
                    List<String> values = hostOptions.get(name);
                    if (values == null) {
                        hostOptions.put(name, values = new ArrayList<>());
                    }
                    values.add(value);
                }
            }
            List<String> guestArgs = new ArrayList<>();
            guestArgs.add(argv0);
            guestArgs.addAll(List.of(args).subList(i, args.length));
            Module module = Module.load(Launcher.class.getClassLoader(), className);
            return run(module, List.of(), config.withArgs(guestArgs), hostOptions, System.err, program, COMMAND,
                    limits);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(program + ": error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        } catch (WasmException e) {
            System.err.println(program + ": error: " + e.getMessage());
            return 1;
        } catch (IOException | URISyntaxException e) {
            System.err.println(program + ": error: " + e.getMessage());
            return 1;
        }
    }
}
