package dev.wasm2jar.bench.nn;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The benchmark's two classifications called alternately in one JVM, {@code N} pairs after {@code N / 4} of warm-up:
 * the median wall time and the mean of the process's CPU time (TensorFlow Lite's threads included; the kernel counts
 * it in ticks, so a mean rather than a median) per classification. On a
 * machine whose load comes and goes, alternating puts both under the same load, and CPU time does not count the
 * waits for a core. bin/nn-bench runs it after JMH.
 *
 * <pre>Interleaved [N]</pre>
 */
public final class Interleaved {
    private Interleaved() {}

    public static void main(String[] args) throws Throwable {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        ClassifyBenchmark benchmark = new ClassifyBenchmark();
        benchmark.setup();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[][] wall = new long[2][n];
        long[][] cpu = new long[2][n];
        for (int i = -n / 4; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                int which = (i + k) & 1; // guest first on even pairs, java first on odd ones
                long w = System.nanoTime();
                long c = os.getProcessCpuTime();
                int best = which == 0 ? benchmark.guest() : benchmark.java();
                if (i >= 0) {
                    cpu[which][i] = os.getProcessCpuTime() - c;
                    wall[which][i] = System.nanoTime() - w;
                }
                if (best != 653) {
                    throw new IllegalStateException("class " + best + ", not 653");
                }
            }
        }
        benchmark.tearDown();
        double[] times = new double[4];
        for (int k = 0; k < 2; k++) {
            Arrays.sort(wall[k]);
            times[k] = wall[k][n / 2] / 1e6;
            times[2 + k] = Arrays.stream(cpu[k]).average().orElse(0) / 1e6;
        }
        System.out.printf("interleaved, %d pairs: median wall guest %.2f ms, java %.2f ms (guest / java = %.3f);"
                + " mean CPU guest %.2f ms, java %.2f ms (%.3f)%n", n, times[0], times[1], times[0] / times[1],
                times[2], times[3], times[2] / times[3]);
    }
}
