package dev.wasm2jar.runtime.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link HostModuleFactory} is given for one run of a program.
 *
 * @param args the guest's arguments, its program name first
 * @param options the values given for each command-line option a factory declared ({@link HostModuleFactory#options}),
 *     in command-line order
 */
public record HostSetup(List<String> args, Map<String, List<String>> options) {
    public HostSetup {
        args = List.copyOf(args);
        Map<String, List<String>> copy = new HashMap<>();
        for (Map.Entry<String, List<String>> e : options.entrySet()) {
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        options = Map.copyOf(copy); // no streams: this runs at every start-up
    }

    /** The values given for {@code option}, in order; empty when it was not given. */
    public List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }
}
