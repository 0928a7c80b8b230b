package dev.wasm2jar.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.runtime.host.HostModule;
import dev.wasm2jar.runtime.host.HostSetup;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the factory makes for a run: wasi-nn's functions when a module imports one of its modules or the imports are not
 * known, nothing when no module does, and the options checked either way.
 */
class WasiNnFactoryTest {
    private static final List<String> ARGS = List.of("guest.wasm");

    @Test
    void aRunThatImportsWasiNnGetsItsFunctions() throws Exception {
        for (String module : List.of("wasi_ephemeral_nn", "wasmedge_tensorflowlite", "wasmedge_image")) {
            assertTrue(offers(new HostSetup(ARGS, Map.of(), Set.of("wasi_snapshot_preview1", module))), module);
        }
        assertTrue(offers(new HostSetup(ARGS, Map.of())), "imports not known");
    }

    @Test
    void aRunThatImportsNoneOfItGetsNoFunctions() throws Exception {
        assertFalse(offers(new HostSetup(ARGS, Map.of(), Set.of("wasi_snapshot_preview1"))));
    }

    @Test
    void aMalformedPreloadIsRefusedWhateverTheRunImports() {
        HostSetup setup = new HostSetup(ARGS, Map.of(WasiNnFactory.PRELOAD, List.of("nonsense")),
                Set.of("wasi_snapshot_preview1"));
        assertThrows(IllegalArgumentException.class, () -> new WasiNnFactory().create(setup));
    }

    private static boolean offers(HostSetup setup) throws Exception {
        HostModule module = new WasiNnFactory().create(setup);
        HostFunctions offer = new HostFunctions();
        module.offer(offer);
        if (module instanceof AutoCloseable closeable) {
            closeable.close();
        }
        return offer.hasModule("wasi_ephemeral_nn");
    }
}
