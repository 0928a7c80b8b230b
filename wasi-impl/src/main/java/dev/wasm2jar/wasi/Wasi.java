package dev.wasm2jar.wasi;

import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.runtime.host.HostModule;
import dev.wasm2jar.wasi.internal.Bindings;
import dev.wasm2jar.wasi.internal.fd.FdTable;
import dev.wasm2jar.wasi.internal.fd.Listener;
import dev.wasm2jar.wasi.internal.fd.OpenDirectory;
import dev.wasm2jar.wasi.internal.fd.StdStream;
import dev.wasm2jar.wasi.internal.fn.WasiContext;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A WASI preview 1 environment on {@code java.nio}: one program's descriptors, arguments and environment. It is a
 * {@link HostModule} that offers the functions of {@code wasi_snapshot_preview1} and {@code wasi_unstable} to a
 * {@link dev.wasm2jar.runtime.host.Linker}:
 *
 * <pre>{@code
 * try (Wasi wasi = Wasi.create(WasiConfig.defaults().withArgs(List.of("app")).withPreopen(".", Path.of(".")))) {
 *     Instance app = Linker.create().with(wasi).instantiate(Module.fromJar(Path.of("app.jar")));
 *     int exitCode = wasi.run(app);
 * }
 * }</pre>
 *
 * Descriptors 0, 1 and 2 are the configured standard streams, the preopened directories follow from 3 in the order
 * given, then the listening sockets. A guest reaches nothing outside its preopened directories. Every instance linked
 * to one {@code Wasi} shares its descriptors (a preloaded library and the command that uses it); each reads and
 * writes its own memory.
 */
public final class Wasi implements HostModule, AutoCloseable {
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
        WasiContext context = new WasiContext(config.args(), environ, new IntFunction<RuntimeException>() {
            @Override
            public RuntimeException apply(int code) {
                return new WasiExit(code);
            }
        });
        context.setNetwork(config.network().policy());
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
            fds.add(new Listener(context.poller(), listener, 0));
        }
    }

    /** The context the WASI functions share, for {@link WasmEdgeSockets}. */
    WasiContext context() {
        return context;
    }

    /** Offers every WASI function, bound to this environment and the instance's memory. */
    @Override
    public void offer(HostFunctions offer) {
        Bindings.offer(offer, context);
    }

    /**
     * Initializes a WASI reactor: calls its {@code _initialize} export, if it has one and no {@code _start}. A
     * reactor (a library such as a {@code --preload}ed module) needs this once, after instantiation and before any
     * other export is called; whoever instantiates it calls this, as the WASI application ABI asks.
     */
    public static void initialize(Instance reactor) {
        if (!reactor.exports().containsKey("_start")
                && reactor.exports().get("_initialize") instanceof WasmFunction init) {
            init.call();
        }
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

    /** Closes every descriptor the guest still holds; the standard streams are flushed, not closed. */
    @Override
    public void close() throws IOException {
        context.close();
    }
}
