package dev.wasm2jar.nn;

import dev.wasm2jar.nn.internal.spec.Modules;
import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.runtime.host.HostModule;
import dev.wasm2jar.runtime.host.HostModuleFactory;
import dev.wasm2jar.runtime.host.HostSetup;
import java.util.Map;

/**
 * Registers {@link WasiNn} for {@code wasm2jar run} and runnable jars (a service line in
 * {@code META-INF/services}), with WasmEdge's {@code --nn-preload NAME:ENCODING:TARGET:PATH}.
 */
public final class WasiNnFactory implements HostModuleFactory {
    /** The option that preloads a model for {@code load_by_name}; it may be given several times. */
    public static final String PRELOAD = "--nn-preload";

    private static final HostModule NOTHING_IMPORTED = new Unused();

    /** What a run that imports nothing of wasi-nn links to: no functions. */
    private static final class Unused implements HostModule {
        @Override
        public void offer(HostFunctions offer) {}
    }

    @Override
    public Map<String, String> options() {
        return Map.of(PRELOAD, "NAME:ENCODING:TARGET:PATH  preload a model for wasi-nn's load_by_name"
                + " (mobilenet:tensorflowlite:cpu:model.tflite), as WasmEdge's flag");
    }

    @Override
    public HostModule create(HostSetup setup) {
        // A run that imports none of wasi-nn's modules and preloads nothing gets an empty module: a hello world then
        // loads none of wasi-nn's ~20 classes (java -jar: 24 ms of CPU less, RATIONALE.md "Start-up").
        if (setup.values(PRELOAD).isEmpty() && !setup.imports(Modules.WASI_NN) && !setup.imports(Modules.TENSORFLOWLITE)
                && !setup.imports(Modules.IMAGE)) {
            return NOTHING_IMPORTED;
        }
        NnConfig config = NnConfig.defaults();
        for (String spec : setup.values(PRELOAD)) {
            NnConfig.Preload preload = NnConfig.Preload.parse(spec);
            try {
                config = config.withPreload(preload);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PRELOAD + " " + spec + ": " + e.getMessage(), e);
            }
        }
        return WasiNn.create(config);
    }
}
