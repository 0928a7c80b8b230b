import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures a wasm throw and catch compiled by wasm2jar: the loop of throw_catch.wasm with a callee that throws
 * against the same loop with one that returns, in nanoseconds per iteration (the median of 10 rounds after 10 of
 * warm-up). A loop script, not a JMH benchmark: it tells the order of magnitude that RATIONALE.md states.
 */
public class ThrowCatch {
    private static final int ITERATIONS = 2_000_000;

    public static void main(String[] args) throws Throwable {
        byte[] wasm = Files.readAllBytes(Path.of(args[0]));
        Instance instance = Compiler.compile(wasm, new CompilerOptions("bench.ThrowCatch")).load()
                .instantiate(Imports.empty());
        MethodHandle throwing = instance.function("throwing").handle();
        MethodHandle returning = instance.function("returning").handle();
        double t = measure(throwing);
        double r = measure(returning);
        System.out.printf("throwing: %.1f ns/iteration, returning: %.1f ns/iteration, throw+catch: %.1f ns%n",
                t, r, t - r);
    }

    private static double measure(MethodHandle loop) throws Throwable {
        double[] rounds = new double[10];
        for (int round = -10; round < rounds.length; round++) {
            long start = System.nanoTime();
            int sum = (int) loop.invokeExact(ITERATIONS);
            long elapsed = System.nanoTime() - start;
            if (sum == 42) {
                System.out.print(""); // keep the result alive
            }
            if (round >= 0) {
                rounds[round] = (double) elapsed / ITERATIONS;
            }
        }
        Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }
}
