package dev.wasm2jar.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every kernel once in every engine at its benchmark size and prints a Markdown table of the checksums: the
 * native one, then for each engine "=" when it returned the same bits or what it returned instead. Exits 1 when
 * any engine differs or fails. No timing: speed is measured by JMH only.
 *
 * <pre>Check [--kernels fib,sort] [--engines wasm2jar,graalwasm]</pre>
 */
public final class Check {
    private Check() {}

    public static void main(String[] args) {
        List<Kernel> kernels = Arrays.asList(Kernel.values());
        List<Engine> engines = Arrays.stream(Engine.values()).filter(e -> e != Engine.NATIVE).toList();
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
        StringBuilder header = new StringBuilder("| kernel | size | native checksum |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|");
        for (Engine e : engines) {
            header.append(' ').append(e.id()).append(" |");
            rule.append(":---:|");
        }
        System.out.println(header);
        System.out.println(rule);
        boolean allEqual = true;
        for (Kernel k : kernels) {
            String expected;
            long expectedBits;
            try {
                expectedBits = runOnce(Engine.NATIVE, k);
                expected = k.format(expectedBits);
            } catch (Throwable t) {
                System.out.println("| " + k.id() + " | " + k.size() + " | native failed: " + describe(t) + " |");
                allEqual = false;
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (Engine e : engines) {
                String cell;
                try {
                    long bits = runOnce(e, k);
                    cell = bits == expectedBits ? "=" : "**" + k.format(bits) + "**";
                    allEqual &= bits == expectedBits;
                } catch (Throwable t) {
                    cell = "**failed: " + describe(t) + "**";
                    allEqual = false;
                }
                cells.add(cell);
            }
            System.out.println("| " + k.id() + " | " + k.size() + " | " + expected + " | " + String.join(" | ", cells)
                    + " |");
            System.out.flush();
        }
        System.exit(allEqual ? 0 : 1);
    }

    static long runOnce(Engine engine, Kernel kernel) throws Throwable {
        try (KernelRunner runner = engine.open(kernel)) {
            return runner.run(kernel.size());
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return (t.getClass().getSimpleName() + message).replace('|', '/');
    }
}
