package dev.wasm2jar.wasi;

import dev.wasm2jar.runtime.Limits;
import dev.wasm2jar.runtime.Memory;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line flags that limit what a guest may consume ({@link Limits}), shared by {@code wasm2jar run} and
 * runnable jars. Each applies to every instance the command makes (the command and its preloaded libraries):
 *
 * <pre>
 * --max-memory SIZE      bytes each memory may reach (64MiB, 1GiB, 65536): memory.grow fails beyond
 * --fuel N               units of fuel: one per function call and per loop iteration
 * --deadline TIME        how long the guest may run (500ms, 10s, 5m, 1h; a bare number is seconds)
 * --max-call-depth N     wasm calls active at once
 * </pre>
 *
 * The last three need a module compiled with metering: {@code wasm2jar run} compiles a .wasm with it when one of them
 * is given, and a runnable jar must have been written by {@code wasm2jar compile --main --metering}.
 */
public final class LimitFlags {
    /** The flags, each of which takes a value. */
    public static final Set<String> NAMES = Set.of("--max-memory", "--fuel", "--deadline", "--max-call-depth");

    /** One line per flag, for help texts. */
    public static final String HELP = """
              --max-memory SIZE    the most each memory of the guest may hold (64MiB, 1GiB, or bytes), in whole
                                   64 KiB pages: memory.grow fails beyond it, and a larger initial memory is refused
              --fuel N             stop the guest ("fuel exhausted") after N units: one per call, one per loop
                                   iteration
              --deadline TIME      stop the guest ("deadline exceeded") after TIME (500ms, 10s, 5m, 1h; seconds
                                   when bare)
              --max-call-depth N   at most N wasm calls active at once, else "call stack exhausted"
            """;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|K|KB|KiB|M|MB|MiB|G|GB|GiB)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(|ms|s|m|h)");

    private LimitFlags() {}

    /** Applies flag {@code name} (one of {@link #NAMES}) with {@code value} to {@code limits}. */
    public static Limits apply(Limits limits, String name, String value) {
        return switch (name) {
            case "--max-memory" -> limits.withMaxMemoryPages(bytes(name, value) / Memory.PAGE_SIZE);
            case "--fuel" -> limits.withFuel(positive(name, value, Long.MAX_VALUE));
            case "--deadline" -> limits.withDeadline(duration(name, value));
            case "--max-call-depth" -> limits.withMaxCallDepth((int) positive(name, value, Integer.MAX_VALUE));
            default -> throw new IllegalArgumentException("unknown limit " + name);
        };
    }

    private static long bytes(String flag, String value) {
        Matcher m = SIZE.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + " " + value + ": give a size such as 64MiB, 1GiB or 65536");
        }
        int shift = switch (m.group(2).isEmpty() ? 'B' : Character.toUpperCase(m.group(2).charAt(0))) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        long number = number(flag, m.group(1), Long.MAX_VALUE >> shift);
        long bytes = number << shift;
        if (bytes < Memory.PAGE_SIZE) {
            throw new IllegalArgumentException(flag + " " + value + ": less than one 64 KiB page");
        }
        return bytes;
    }

    private static Duration duration(String flag, String value) {
        Matcher m = TIME.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + " " + value + ": give a time such as 500ms, 10s, 5m or 1h");
        }
        long n = number(flag, m.group(1), Long.MAX_VALUE / 3_600_000);
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException(flag + " " + value + ": give a time above zero");
        }
        return d;
    }

    private static long positive(String flag, String value, long max) {
        if (!value.strip().matches("\\d+")) {
            throw new IllegalArgumentException(flag + " " + value + ": give a whole number");
        }
        long n = number(flag, value.strip(), max);
        if (n == 0) {
            throw new IllegalArgumentException(flag + " " + value + ": give a number above zero");
        }
        return n;
    }

    private static long number(String flag, String digits, long max) {
        try {
            long n = Long.parseLong(digits);
            if (n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // too many digits for a long: too large either way
        }
        throw new IllegalArgumentException(flag + " " + digits + ": too large");
    }
}
