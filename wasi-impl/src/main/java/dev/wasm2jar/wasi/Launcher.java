package dev.wasm2jar.wasi;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.UnlinkableException;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.runtime.host.Linker;
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
     * Instantiates {@code libraries} in order (each linked to WASI and the libraries before it, and initialized if it
     * is a reactor), then {@code command}, and runs the command. A trap is reported on {@code err} as
     * {@code PREFIX: error: trap: MESSAGE} and the wasm backtrace.
     *
     * @return the guest's exit code, or {@link #TRAP_EXIT}
     * @throws UnlinkableException when an import is provided by nothing, naming its module and field
     */
    public static int run(Module command, List<Library> libraries, WasiConfig config, PrintStream err,
            String prefix) throws IOException {
        Map<Module, String> labels = new LinkedHashMap<>();
        labels.put(command, libraries.isEmpty() ? null : "main");
        try (Wasi wasi = Wasi.create(config)) {
            Linker linker = Linker.create().with(wasi);
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
                return wasi.run(linker.instantiate(command));
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
