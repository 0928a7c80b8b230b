package dev.wasm2jar.wasi;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.UnlinkableException;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.wasi.internal.Backtrace;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Runs WASI commands: {@link #run} for {@code wasm2jar run}, and {@link #main} as the {@code Main-Class} of the jars
 * {@code wasm2jar compile --main} writes, which hold the module, runtime-support and this module and nothing else:
 *
 * <pre>
 * java -jar app.jar [--dir GUEST:HOST]... [--env NAME=VALUE]... [--] [ARGS...]
 * </pre>
 *
 * The WASI flags ({@link WasiFlags}) come first; the first other argument, or everything after {@code --}, goes to
 * the guest. The exit code is the guest's; a trap prints its kind and the wasm call stack and exits with
 * {@link #TRAP_EXIT}.
 */
public final class Launcher {
    /** The exit code of a command that trapped: 128 + SIGABRT, as wasmtime exits. */
    public static final int TRAP_EXIT = 134;
    /** The thread stack wasm code runs on: deep recursion needs deep JVM stacks. */
    public static final long STACK_SIZE = 512L << 20;

    /** A module instantiated before the command, whose exports satisfy the command's imports from {@code name}. */
    public record Library(String name, Module module) {}

    private Launcher() {}

    /**
     * Instantiates {@code libraries} in order (each with WASI and the libraries before it), then {@code command},
     * and runs the command. A trap is reported on {@code err} as {@code PREFIX: error: trap: MESSAGE} and the wasm
     * backtrace.
     *
     * @return the guest's exit code, or {@link #TRAP_EXIT}
     * @throws UnlinkableException when an import is provided by nothing, naming its module and field
     */
    public static int run(Module command, List<Library> libraries, WasiConfig config, PrintStream err,
            String prefix) throws IOException {
        Map<Module, String> labels = new LinkedHashMap<>();
        labels.put(command, libraries.isEmpty() ? null : "main");
        try (Wasi wasi = Wasi.create(config)) {
            Map<String, Instance> linked = new LinkedHashMap<>();
            try {
                for (Library library : libraries) {
                    labels.put(library.module(), library.name());
                    linked.put(library.name(), wasi.instantiate(library.module(),
                            imports(library.module(), linked, library.name())));
                }
                Instance instance = wasi.instantiate(command, imports(command, linked, null));
                return wasi.run(instance);
            } catch (WasiExit e) {
                return e.code(); // proc_exit from a library's _initialize or a start function
            } catch (TrapException | ExhaustionException e) {
                err.println(prefix + ": error: " + (e instanceof ExhaustionException ? "exhaustion" : "trap") + ": "
                        + e.getMessage());
                List<String> lines = new Backtrace(labels).lines(e);
                if (!lines.isEmpty()) {
                    err.println("wasm backtrace:");
                    lines.forEach(err::println);
                }
                return TRAP_EXIT;
            }
        }
    }

    /** The imports for {@code module}: the libraries so far; WASI is added by {@link Wasi#instantiate}. */
    private static Imports imports(Module module, Map<String, Instance> linked, String self) {
        Imports imports = Imports.empty();
        linked.forEach(imports::addInstance);
        for (ModuleShape.Import im : module.shape().imports()) {
            String what = (self == null ? "" : "library " + self + ": ") + "import " + im.module() + "."
                    + im.name() + " (" + im.kind().toString().toLowerCase(java.util.Locale.ROOT) + ")";
            if (im.module().equals("wasi_snapshot_preview1") || im.module().equals("wasi_unstable")) {
                if (im.kind() != ExternKind.FUNCTION || !Wasi.provides(im.module(), im.name())) {
                    throw new UnlinkableException(what + " is not a function of WASI preview 1 that wasm2jar has");
                }
                continue;
            }
            if (imports.find(im.module(), im.name()) == null) {
                throw new UnlinkableException(what + (linked.containsKey(im.module())
                        ? " is not exported by the module preloaded as " + im.module()
                        : " is provided by nothing; --preload " + im.module() + "=FILE.wasm links a module's"
                                + " exports as " + im.module()));
            }
        }
        return imports;
    }

    /** The entry point of a runnable jar: runs the module its manifest names as a WASI command. */
    public static void main(String[] args) {
        int[] exit = {1};
        Thread worker = new Thread(null, () -> exit[0] = launch(args), "wasm", STACK_SIZE);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.err.flush();
        System.exit(exit[0]);
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
            List<String> guestArgs = new ArrayList<>();
            guestArgs.add(program);
            WasiConfig config = WasiConfig.defaults();
            int i = 0;
            for (; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--")) {
                    i++;
                    break;
                }
                int eq = arg.indexOf('=');
                String name = eq > 0 ? arg.substring(0, eq) : arg;
                if (!WasiFlags.NAMES.contains(name)) {
                    break;
                }
                if (eq < 0 && i + 1 == args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                config = WasiFlags.apply(config, name, eq > 0 ? arg.substring(eq + 1) : args[++i]);
            }
            guestArgs.addAll(List.of(args).subList(i, args.length));
            Module module = Module.load(Launcher.class.getClassLoader(), className);
            return run(module, List.of(), config.withArgs(guestArgs), System.err, program);
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": error: " + e.getMessage());
            return 2;
        } catch (WasmException e) {
            System.err.println(program + ": error: " + e.getMessage());
            return 1;
        } catch (IOException | URISyntaxException e) {
            System.err.println(program + ": error: " + e.getMessage());
            return 1;
        }
    }
}
