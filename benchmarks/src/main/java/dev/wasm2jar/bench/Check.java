package dev.wasm2jar.bench;

import dev.wasm2jar.bench.kernel.Kernel;
import dev.wasm2jar.bench.kernel.KernelRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every kernel once in every engine at its benchmark size and prints the checksums as a Markdown table
 * ({@link Checksums#table}), then one line per engine that failed. Exits 1 when any engine differs from native or
 * fails. No timing: speed is measured by JMH only.
 *
 * <pre>Check [--kernels fib,sort] [--engines wasm2jar,graalwasm]</pre>
 */
public final class Check {
    private Check() {}

    public static void main(String[] args) {
        List<Kernel> kernels = Arrays.asList(Kernel.values());
        List<Engine> engines = Engine.defaults().stream().filter(e -> e != Engine.NATIVE).toList();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kernels" -> kernels = Arrays.stream(args[++i].split(",")).map(Kernel::of).toList();
                case "--engines" -> engines = Arrays.stream(args[++i].split(",")).map(Engine::of)
                        .filter(e -> e != Engine.NATIVE).toList();
                default -> {
                    System.err.println("usage: Check [--kernels a,b] [--engines x,y]");
                    System.exit(2);
                }
            }
        }
        Map<Kernel, Map<Engine, Checksums.Entry>> entries = new EnumMap<>(Kernel.class);
        List<String> failures = new ArrayList<>();
        for (Kernel k : kernels) {
            long expected;
            try {
                expected = runOnce(Engine.NATIVE, k);
            } catch (Throwable t) {
                failures.add(k.id() + " native: " + describe(t));
                continue;
            }
            for (Engine e : engines) {
                try {
                    long actual = runOnce(e, k);
                    entries.computeIfAbsent(k, x -> new EnumMap<>(Engine.class))
                            .put(e, new Checksums.Entry(k, e, expected, actual));
                } catch (Throwable t) {
                    failures.add(k.id() + " " + e.id() + ": " + describe(t));
                }
            }
            System.err.println("Check: " + k.id() + " done");
        }
        System.out.print(Checksums.table(entries));
        failures.forEach(f -> System.out.println("\nfailed: " + f));
        boolean allEqual = failures.isEmpty()
                && entries.values().stream().allMatch(m -> m.values().stream().allMatch(Checksums.Entry::equal));
        System.exit(allEqual ? 0 : 1);
    }

    static long runOnce(Engine engine, Kernel kernel) throws Throwable {
        try (KernelRunner runner = engine.open(kernel)) {
            return runner.run(kernel.size());
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + message;
    }
}
