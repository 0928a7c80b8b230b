package dev.wasm2jar.runtime.host;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        options = options.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /** The values given for {@code option}, in order; empty when it was not given. */
    public List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }
}
