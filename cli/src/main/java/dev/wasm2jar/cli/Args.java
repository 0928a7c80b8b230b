package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.Feature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command's arguments split into options and operands. Options take a value ({@code -o out.jar},
 * {@code --output=out.jar}); anything else that starts with '-' is an error unless it reads as a number
 * ({@code -1}, {@code -0x10}, {@code -inf}), so negative arguments need no {@code --}. After {@code --} every
 * argument is an operand.
 */
final class Args {
    /** In a class of its own: compiling a pattern costs milliseconds of every start, and `run` parses no options. */
    private static final class Patterns {
        static final Pattern NUMBER = Pattern.compile("-(\\d|\\.\\d|inf|nan).*", Pattern.CASE_INSENSITIVE);
    }

    private final Map<String, String> options = new HashMap<>();
    private final List<String> operands = new ArrayList<>();
    private final Set<String> switches = new java.util.HashSet<>();

    private Args() {}

    /** Splits {@code args}; {@code valued} names every option (aliases too) that takes a value. */
    static Args parse(String command, List<String> args, Set<String> valued) {
        return parse(command, args, valued, Set.of());
    }

    /** Like {@link #parse(String, List, Set)}, with {@code switches}: options that take no value. */
    static Args parse(String command, List<String> args, Set<String> valued, Set<String> switches) {
        Args out = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                out.operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-") || Patterns.NUMBER.matcher(arg).matches()) {
                out.operands.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (switches.contains(arg)) {
                out.switches.add(arg);
                continue;
            }
            if (!valued.contains(name)) {
                throw new CliException("unknown option '" + name + "' for '" + command + "'; try 'wasm2jar "
                        + command + " --help'");
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new CliException("option '" + name + "' needs a value");
            }
            if (out.options.put(name, value) != null) {
                throw new CliException("option '" + name + "' given twice");
            }
        }
        return out;
    }

    /** The value of the first of {@code names} (an option and its aliases) that was given, or null. */
    String option(String... names) {
        String found = null;
        for (String name : names) {
            String value = options.get(name);
            if (value != null) {
                if (found != null) {
                    throw new CliException("options " + String.join(" and ", names) + " mean the same; give one");
                }
                found = value;
            }
        }
        return found;
    }

    /**
     * The features {@code --features LIST} names ({@link Feature#parse}), or {@code base} without it. The help text of
     * every command that takes it is {@link #FEATURES_HELP}.
     */
    Set<Feature> features(Set<Feature> base) {
        return features(option(FEATURES), base);
    }

    static final String FEATURES = "--features";

    static final String FEATURES_HELP = """
              --features LIST     the WebAssembly features a module may use: +name adds one, -name leaves one
                                  out (--features=+threads,-simd), plain names start from mvp alone; also
                                  all, default, 2.0, 3.0. Default: what WasmEdge enables (WebAssembly 3.0)
                                  that wasm2jar compiles
            """;

    /** {@link #features(Set)} of an option value given elsewhere; null means {@code base}. */
    static Set<Feature> features(String list, Set<Feature> base) {
        if (list == null) {
            return base;
        }
        try {
            return Feature.parse(list, base);
        } catch (IllegalArgumentException e) {
            throw new CliException("--features: " + e.getMessage());
        }
    }

    /** Whether the switch {@code name} was given. */
    boolean has(String name) {
        return switches.contains(name);
    }

    List<String> operands() {
        return operands;
    }
}
