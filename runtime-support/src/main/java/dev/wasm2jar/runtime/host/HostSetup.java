package dev.wasm2jar.runtime.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link HostModuleFactory} is given for one run of a program.
 *
 * @param args the guest's arguments, its program name first
 * @param options the values given for each command-line option a factory declared ({@link HostModuleFactory#options}),
 *     in command-line order
 * @param importedModules the names of the modules the run's modules import from, or null when they are not known: a
 *     factory whose host module nothing imports can skip making it ({@link #imports}), and the classes it would load
 */
public record HostSetup(List<String> args, Map<String, List<String>> options, Set<String> importedModules) {
    public HostSetup {
        args = List.copyOf(args);
        Map<String, List<String>> copy = new HashMap<>();
        for (Map.Entry<String, List<String>> e : options.entrySet()) {
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        options = Map.copyOf(copy); // no streams: this runs at every start-up
        importedModules = importedModules == null ? null : Set.copyOf(importedModules);
    }

    /** A setup that does not know what the run's modules import. */
    public HostSetup(List<String> args, Map<String, List<String>> options) {
        this(args, options, null);
    }

    /** The values given for {@code option}, in order; empty when it was not given. */
    public List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }

    /** Whether the run's modules import anything from {@code module}; true when that is not known. */
    public boolean imports(String module) {
        return importedModules == null || importedModules.contains(module);
    }
}
