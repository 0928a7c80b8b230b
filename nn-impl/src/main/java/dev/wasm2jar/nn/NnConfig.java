package dev.wasm2jar.nn;

import dev.wasm2jar.nn.backend.Backend;
import dev.wasm2jar.nn.backend.ExecutionTarget;
import dev.wasm2jar.nn.backend.GraphEncoding;
import dev.wasm2jar.nn.internal.tflite.TfliteBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link WasiNn} offers guests: the backends by encoding (TensorFlow Lite by default) and the models preloaded
 * for {@code load_by_name}. Immutable; each {@code with} returns a new configuration.
 *
 * <pre>{@code
 * NnConfig config = NnConfig.defaults().withPreload(Preload.parse("mobilenet:tensorflowlite:cpu:mobilenet.tflite"));
 * }</pre>
 */
public final class NnConfig {
    private final Map<GraphEncoding, Backend> backends;
    private final Map<String, Preload> preloads;

    private NnConfig(Map<GraphEncoding, Backend> backends, Map<String, Preload> preloads) {
        this.backends = backends;
        this.preloads = preloads;
    }

    /** TensorFlow Lite, and nothing preloaded. */
    public static NnConfig defaults() {
        // A HashMap, not an EnumMap: EnumMap reads the enum's values() by reflection, which spins method handles on
        // every run's way (RATIONALE.md, "Start-up").
        Map<GraphEncoding, Backend> backends = new HashMap<>();
        backends.put(GraphEncoding.TENSORFLOWLITE, new TfliteBackend());
        return new NnConfig(backends, Map.of());
    }

    /** This configuration with {@code backend} for its encoding, in place of any other. */
    public NnConfig withBackend(Backend backend) {
        Map<GraphEncoding, Backend> copy = new HashMap<>(backends);
        copy.put(backend.encoding(), backend);
        return new NnConfig(copy, preloads);
    }

    /** This configuration with {@code preload}; a later preload of the same name replaces an earlier one. */
    public NnConfig withPreload(Preload preload) {
        if (!backends.containsKey(preload.encoding())) {
            throw new IllegalArgumentException("no backend for the encoding " + preload.encoding().flagName()
                    + " (wasm2jar has " + String.join(", ", backends.keySet().stream()
                            .map(GraphEncoding::flagName).toList()) + ")");
        }
        Map<String, Preload> copy = new LinkedHashMap<>(preloads);
        copy.put(preload.name(), preload);
        return new NnConfig(backends, Map.copyOf(copy));
    }

    /** The backend for {@code encoding}, or null. */
    public Backend backend(GraphEncoding encoding) {
        return backends.get(encoding);
    }

    /** The model preloaded as {@code name}, or null. */
    public Preload preload(String name) {
        return preloads.get(name);
    }

    /**
     * A model for {@code load_by_name}: its name, encoding, target and files (the graph builders, in order), as
     * WasmEdge's {@code --nn-preload NAME:ENCODING:TARGET:PATH[:PATH...]} gives them.
     */
    public record Preload(String name, GraphEncoding encoding, ExecutionTarget target, List<Path> paths) {
        public Preload {
            Objects.requireNonNull(name);
            Objects.requireNonNull(encoding);
            Objects.requireNonNull(target);
            paths = List.copyOf(paths);
        }

        /**
         * Parses {@code NAME:ENCODING:TARGET:PATH[:PATH...]}: the encoding and target in any case, as WasmEdge
         * names them ({@code tensorflowlite}, {@code cpu}). Each file must be readable now.
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        public static Preload parse(String spec) {
            String[] parts = spec.split(":", -1);
            if (parts.length < 4 || parts[0].isEmpty()) {
                throw new IllegalArgumentException("--nn-preload " + spec + ": expected NAME:ENCODING:TARGET:PATH");
            }
            GraphEncoding encoding = GraphEncoding.named(parts[1]);
            if (encoding == null) {
                throw new IllegalArgumentException("--nn-preload " + spec + ": unknown encoding '" + parts[1]
                        + "' (tensorflowlite, onnx, ggml ...)");
            }
            ExecutionTarget target = ExecutionTarget.named(parts[2]);
            if (target == null) {
                throw new IllegalArgumentException("--nn-preload " + spec + ": unknown target '" + parts[2]
                        + "' (cpu, gpu, tpu or auto)");
            }
            List<Path> paths = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                Path path = Path.of(parts[i]);
                if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                    throw new IllegalArgumentException("--nn-preload " + spec + ": cannot read " + parts[i]);
                }
                paths.add(path);
            }
            return new Preload(parts[0], encoding, target, paths);
        }
    }
}
