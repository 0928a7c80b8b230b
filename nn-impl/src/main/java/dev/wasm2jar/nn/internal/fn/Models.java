package dev.wasm2jar.nn.internal.fn;

import dev.wasm2jar.nn.backend.Backend;
import dev.wasm2jar.nn.backend.ExecutionTarget;
import dev.wasm2jar.nn.backend.GraphEncoding;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code load} and {@code load_by_name} may use: the backends and the preloaded models of the configuration
 * (WasiNn answers from its NnConfig, so that the host functions do not depend on the public entry above them).
 */
public interface Models {
    /** The backend for {@code encoding}, or null. */
    Backend backend(GraphEncoding encoding);

    /** The model preloaded as {@code name}, or null. */
    Preloaded preload(String name);

    /** A preloaded model: its encoding, target and files (the graph builders, in order). */
    record Preloaded(GraphEncoding encoding, ExecutionTarget target, List<Path> paths) {}
}
