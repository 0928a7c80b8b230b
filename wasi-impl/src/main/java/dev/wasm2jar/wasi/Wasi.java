package dev.wasm2jar.wasi;

import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.wasi.internal.Bindings;
import dev.wasm2jar.wasi.internal.GuestMemory;
import dev.wasm2jar.wasi.internal.WasiContext;
import dev.wasm2jar.wasi.internal.fd.FdTable;
import dev.wasm2jar.wasi.internal.fd.Listener;
import dev.wasm2jar.wasi.internal.fd.OpenDirectory;
import dev.wasm2jar.wasi.internal.fd.StdStream;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WASI preview 1 environment on {@code java.nio}: one program's descriptors, arguments and environment, offered as
 * the imports {@code wasi_snapshot_preview1} and {@code wasi_unstable}.
 *
 * <pre>{@code
 * try (Wasi wasi = Wasi.create(WasiConfig.defaults().withArgs(List.of("app")).withPreopen(".", Path.of(".")))) {
 *     Instance app = wasi.instantiate(Module.fromJar(Path.of("app.jar")), Imports.empty());
 *     int exitCode = wasi.run(app);
 * }
 * }</pre>
 *
 * Descriptors 0, 1 and 2 are the configured standard streams, the preopened directories follow from 3 in the order
 * given, then the listening sockets. A guest reaches nothing outside its preopened directories.
 */
public final class Wasi implements AutoCloseable {
    private final WasiContext context;

    private Wasi(WasiContext context) {
        this.context = context;
    }

    /** Opens the configured directories (each must exist) and streams. */
    public static Wasi create(WasiConfig config) throws IOException {
        List<String> environ = new ArrayList<>();
        for (Map.Entry<String, String> e : config.env().entrySet()) {
            environ.add(e.getKey() + "=" + e.getValue());
        }
        WasiContext context = new WasiContext(config.args(), environ);
        try {
            open(context, config);
        } catch (IOException | RuntimeException e) {
            context.close();
            throw e;
        }
        return new Wasi(context);
    }

    private static void open(WasiContext context, WasiConfig config) throws IOException {
        FdTable fds = context.fds();
        fds.add(StdStream.input(config.stdin(), WasiConfig.isProcessStream(config.stdin()) ? 0 : -1));
        fds.add(StdStream.output(config.stdout(), WasiConfig.isProcessStream(config.stdout()) ? 1 : -1));
        fds.add(StdStream.output(config.stderr(), WasiConfig.isProcessStream(config.stderr()) ? 2 : -1));
        for (WasiConfig.Preopen p : config.preopens()) {
            Path host;
            try {
                host = p.hostPath().toRealPath();
            } catch (NoSuchFileException e) {
                throw new IOException("cannot preopen " + p.hostPath() + ": no such directory", e);
            }
            if (!Files.isDirectory(host)) {
                throw new IOException("cannot preopen " + p.hostPath() + ": not a directory");
            }
            fds.add(new OpenDirectory(host, host, p.guestPath(), Rights.DIRECTORY, Rights.DIRECTORY_INHERITING, 0));
        }
        for (var listener : config.listeners()) {
            fds.add(new Listener(listener));
        }
    }

    /**
     * Adds the WASI functions {@code module} imports to {@code imports} and instantiates it with them; its memory
     * (exported as {@code memory}, or imported) is what the functions read and write. A reactor's
     * {@code _initialize} is called here; a command's {@code _start} is {@link #run}'s to call.
     */
    public Instance instantiate(Module module, Imports imports) {
        GuestMemory memory = new GuestMemory();
        List<Map.Entry<String, String>> wanted = new ArrayList<>();
        for (ModuleShape.Import im : module.shape().imports()) {
            if (im.kind() == ExternKind.FUNCTION) {
                wanted.add(Map.entry(im.module(), im.name()));
            }
        }
        Bindings.addTo(imports, context, memory, wanted);
        for (ModuleShape.Import im : module.shape().imports()) {
            if (im.kind() == ExternKind.MEMORY && imports.find(im.module(), im.name()) instanceof Memory m) {
                memory.bind(m); // imported: bound before a start function can call WASI
            }
        }
        Instance instance = module.instantiate(imports);
        if (!memory.isBound() && instance.exports().get("memory") instanceof Memory m) {
            memory.bind(m);
        }
        if (!instance.exports().containsKey("_start")
                && instance.exports().get("_initialize") instanceof WasmFunction init) {
            init.call();
        }
        return instance;
    }

    /**
     * Runs a WASI command: calls its {@code _start} export and returns its exit code, 0 when {@code _start}
     * returns. A trap is thrown as the runtime's {@code TrapException}.
     *
     * @throws IllegalArgumentException when the instance is no WASI command (no {@code _start})
     */
    public int run(Instance instance) {
        if (!(instance.exports().get("_start") instanceof WasmFunction start)) {
            throw new IllegalArgumentException("not a WASI command: it exports no function _start");
        }
        try {
            start.call();
            return 0;
        } catch (WasiExit e) {
            return e.code();
        }
    }

    /** Whether {@code module.name} is a function of WASI preview 1 or 0 that this implementation provides. */
    public static boolean provides(String module, String name) {
        return Bindings.find(module, name) != null;
    }

    /** Closes every descriptor the guest still holds; the standard streams are flushed, not closed. */
    @Override
    public void close() throws IOException {
        context.close();
    }
}
