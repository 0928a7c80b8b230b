package dev.wasm2jar.nn;

import dev.wasm2jar.nn.backend.Backend;
import dev.wasm2jar.nn.backend.GraphEncoding;
import dev.wasm2jar.nn.backend.NnError;
import dev.wasm2jar.nn.backend.NnException;
import dev.wasm2jar.nn.internal.Exports;
import dev.wasm2jar.nn.internal.fn.ImageFunctions;
import dev.wasm2jar.nn.internal.fn.Models;
import dev.wasm2jar.nn.internal.fn.NnFunctions;
import dev.wasm2jar.nn.internal.fn.TfliteSessions;
import dev.wasm2jar.nn.internal.image.ImageDecoder;
import dev.wasm2jar.nn.internal.spec.Modules;
import dev.wasm2jar.runtime.host.ErrorCodes;
import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.runtime.host.HostModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * WASI-NN for a {@link dev.wasm2jar.runtime.host.Linker}: the host modules of WasmEdge's neural-network examples.
 * <ul>
 *   <li>{@code wasi_ephemeral_nn}: load (or load_by_name a model of {@link NnConfig#withPreload}), make execution
 *       contexts, set inputs, compute, get outputs;</li>
 *   <li>{@code wasmedge_tensorflowlite}: the older session API of the {@code wasmedge_tensorflow_interface} crate;</li>
 *   <li>{@code wasmedge_image}: decode a JPEG or PNG into a resized RGB or BGR tensor.</li>
 * </ul>
 * Each instance gets its own graphs, contexts and sessions, made when it first calls in; TensorFlow Lite's natives
 * load with the first graph, so a module that imports none of this pays nothing. {@link #close} releases the native
 * objects of every instance linked with this.
 *
 * <pre>{@code
 * try (Wasi wasi = Wasi.create(config); WasiNn nn = WasiNn.create(NnConfig.defaults())) {
 *     int exit = wasi.run(Linker.create().with(wasi).with(nn).instantiate(module));
 * }
 * }</pre>
 */
public final class WasiNn implements HostModule, AutoCloseable {
    // How each module's failures become its codes: here rather than in internal.spec, which knows no exceptions,
    // and not in the function classes, which must not load when the mappers are offered (every run, NN or not).

    /** wasi-nn's code for a failure; a guest range outside memory is invalid_argument. */
    private static final ErrorCodes.Mapper WASI_NN_CODES = new ErrorCodes.Mapper() {
        @Override
        public int code(Throwable failure) throws Throwable {
            if (failure instanceof NnException e) {
                return e.error().code;
            }
            if (failure instanceof IndexOutOfBoundsException) {
                return NnError.INVALID_ARGUMENT.code;
            }
            throw failure;
        }
    };

    /** wasmedge_tensorflowlite's codes are wasi-nn's first six; a range outside memory is missing_memory. */
    private static final ErrorCodes.Mapper TENSORFLOWLITE_CODES = new ErrorCodes.Mapper() {
        @Override
        public int code(Throwable failure) throws Throwable {
            if (failure instanceof NnException e) {
                return Math.min(e.error().code, NnError.RUNTIME_ERROR.code);
            }
            if (failure instanceof IndexOutOfBoundsException) {
                return NnError.MISSING_MEMORY.code;
            }
            throw failure;
        }
    };

    /** wasmedge_image has one failure code, 1. */
    private static final ErrorCodes.Mapper IMAGE_CODES = new ErrorCodes.Mapper() {
        @Override
        public int code(Throwable failure) throws Throwable {
            if (failure instanceof ImageDecoder.ImageException || failure instanceof IndexOutOfBoundsException) {
                return 1;
            }
            throw failure;
        }
    };

    private final NnConfig config;
    private final List<NnFunctions> nn = new ArrayList<>();
    private final List<TfliteSessions> sessions = new ArrayList<>();

    private WasiNn(NnConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    public static WasiNn create(NnConfig config) {
        return new WasiNn(config);
    }

    @Override
    public void offer(HostFunctions offer) {
        GuestMemory memory = offer.memory();
        Exports.offer(offer, Modules.WASI_NN, Modules.WASI_NN_FUNCTIONS, new Exports.Group<NnFunctions>() {
            @Override
            protected NnFunctions make() {
                return track(nn, new ConfigModels(config).functions(memory));
            }
        }, WASI_NN_CODES);
        Backend tflite = config.backend(GraphEncoding.TENSORFLOWLITE);
        if (tflite != null) {
            Exports.offer(offer, Modules.TENSORFLOWLITE, Modules.TENSORFLOWLITE_FUNCTIONS,
                    new Exports.Group<TfliteSessions>() {
                        @Override
                        protected TfliteSessions make() {
                            return track(sessions, new TfliteSessions(memory, tflite));
                        }
                    }, TENSORFLOWLITE_CODES);
        }
        Exports.offer(offer, Modules.IMAGE, Modules.IMAGE_FUNCTIONS, new Exports.Group<ImageFunctions>() {
            @Override
            protected ImageFunctions make() {
                return new ImageFunctions(memory);
            }
        }, IMAGE_CODES);
    }

    /** Releases the graphs, contexts and sessions of every instance linked with this. */
    @Override
    public synchronized void close() {
        for (NnFunctions group : nn) { // loops, not method references: the first lambda of a JVM costs 10 ms
            group.close();
        }
        for (TfliteSessions group : sessions) {
            group.close();
        }
        nn.clear();
        sessions.clear();
    }

    /**
     * The configuration as the host functions look it up. A class of its own that makes the functions, so that no
     * code verified at offer converts it to Models: Models then loads with the first wasi-nn call, not on every run.
     */
    private static final class ConfigModels implements Models {
        private final NnConfig config;

        ConfigModels(NnConfig config) {
            this.config = config;
        }

        NnFunctions functions(GuestMemory memory) {
            return new NnFunctions(memory, this);
        }

        @Override
        public Backend backend(GraphEncoding encoding) {
            return config.backend(encoding);
        }

        @Override
        public Models.Preloaded preload(String name) {
            NnConfig.Preload preload = config.preload(name);
            return preload == null ? null : new Models.Preloaded(preload.encoding(), preload.target(), preload.paths());
        }
    }

    private synchronized <T> T track(List<T> list, T group) {
        list.add(group);
        return group;
    }
}
