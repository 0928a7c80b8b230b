package dev.wasm2jar.nn;

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

    @Override
    public Map<String, String> options() {
        return Map.of(PRELOAD, "NAME:ENCODING:TARGET:PATH  preload a model for wasi-nn's load_by_name"
                + " (mobilenet:tensorflowlite:cpu:model.tflite), as WasmEdge's flag");
    }

    @Override
    public HostModule create(HostSetup setup) {
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
