package dev.wasm2jar.nn;

import dev.wasm2jar.nn.internal.Exports;
import dev.wasm2jar.nn.internal.fn.ImageFunctions;
import dev.wasm2jar.nn.internal.fn.NnFunctions;
import dev.wasm2jar.nn.internal.fn.TfliteSessions;
import dev.wasm2jar.nn.internal.spec.Modules;
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
                return track(nn, new NnFunctions(memory, config));
            }
        }, Modules.WASI_NN_CODES);
        Backend tflite = config.backend(GraphEncoding.TENSORFLOWLITE);
        if (tflite != null) {
            Exports.offer(offer, Modules.TENSORFLOWLITE, Modules.TENSORFLOWLITE_FUNCTIONS,
                    new Exports.Group<TfliteSessions>() {
                        @Override
                        protected TfliteSessions make() {
                            return track(sessions, new TfliteSessions(memory, tflite));
                        }
                    }, Modules.TENSORFLOWLITE_CODES);
        }
        Exports.offer(offer, Modules.IMAGE, Modules.IMAGE_FUNCTIONS, new Exports.Group<ImageFunctions>() {
            @Override
            protected ImageFunctions make() {
                return new ImageFunctions(memory);
            }
        }, Modules.IMAGE_CODES);
    }

    /** Releases the graphs, contexts and sessions of every instance linked with this. */
    @Override
    public synchronized void close() {
        nn.forEach(NnFunctions::close);
        sessions.forEach(TfliteSessions::close);
        nn.clear();
        sessions.clear();
    }

    private synchronized <T> T track(List<T> list, T group) {
        list.add(group);
        return group;
    }
}
