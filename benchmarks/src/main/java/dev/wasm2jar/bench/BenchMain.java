package dev.wasm2jar.bench;

import dev.wasm2jar.bench.engine.NativeKernel;
import dev.wasm2jar.bench.kernel.Kernel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link KernelBenchmark} engine by engine, each with its own iteration budget and JVM flags, and writes all
 * results into one JMH JSON file.
 *
 * <pre>BenchMain --mode quick|full --out results.json [--kernels fib,sort] [--engines native,wasm2jar]
 *           [--log machine.txt]</pre>
 *
 * <p>With {@code --log}, appends when each engine's runs start and the load average then, and any wait for
 * another JMH run, so that the report can say what else the machine was doing.
 *
 * <p>The JVM flags of every fork are {@link #BASE_FLAGS} plus the native library directory. GraalWasm's forks add
 * JVMCI and the Graal compiler jar (system properties {@code bench.graal.modulePath}, {@code bench.graal.compiler}),
 * so Truffle compiles wasm to machine code instead of only interpreting it.
 */
public final class BenchMain {
    /** The same for every engine: a fixed heap, so that no engine is timed while its heap grows. */
    static final List<String> BASE_FLAGS = List.of("-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED");

    private BenchMain() {}

    /** Iterations for one engine in one mode; times are per iteration, null for single-shot runs. */
    record Budget(Mode mode, int forks, int warmups, int measurements, TimeValue warmupTime,
            TimeValue measurementTime) {}

    static Budget budget(String runMode, Engine engine) {
        boolean quick = runMode.equals("quick");
        return switch (engine) {
            // One call takes seconds: single calls, the setup's checked call serving as the first warm-up.
            case ENDIVE_INTERPRETER -> quick
                    ? new Budget(Mode.SingleShotTime, 1, 0, 3, null, null)
                    : new Budget(Mode.SingleShotTime, 1, 1, 5, null, null);
            // Truffle compiles in the background after call and loop thresholds: more warm-up than HotSpot alone.
            // Its first calls take seconds while jargraal, the Graal compiler run as Java, warms up itself.
            case GRAALWASM -> quick
                    ? new Budget(Mode.AverageTime, 1, 4, 3, TimeValue.seconds(1), TimeValue.milliseconds(500))
                    : new Budget(Mode.AverageTime, 2, 10, 5, TimeValue.seconds(2), TimeValue.seconds(2));
            // Machine code from the start: a short warm-up for the downcall stub and the caches.
            case NATIVE -> quick
                    ? new Budget(Mode.AverageTime, 1, 1, 4, TimeValue.milliseconds(500), TimeValue.milliseconds(500))
                    : new Budget(Mode.AverageTime, 3, 3, 5, TimeValue.seconds(2), TimeValue.seconds(2));
            default -> quick
                    ? new Budget(Mode.AverageTime, 1, 4, 4, TimeValue.milliseconds(500), TimeValue.milliseconds(500))
                    : new Budget(Mode.AverageTime, 3, 5, 5, TimeValue.seconds(2), TimeValue.seconds(2));
        };
    }

    public static void main(String[] args) throws Exception {
        String runMode = "quick";
        Path out = Path.of("results.json");
        Path log = null;
        List<Kernel> kernels = Arrays.asList(Kernel.values());
        List<Engine> engines = Engine.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> runMode = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--log" -> log = Path.of(args[++i]);
                case "--kernels" -> kernels = Arrays.stream(args[++i].split(",")).map(Kernel::of).toList();
                case "--engines" -> engines = Arrays.stream(args[++i].split(",")).map(Engine::of).toList();
                default -> usage();
            }
        }
        if (!runMode.equals("quick") && !runMode.equals("full")) {
            usage();
        }
        String[] kernelIds = kernels.stream().map(Kernel::id).toArray(String[]::new);
        List<RunResult> results = new ArrayList<>();
        for (Engine engine : engines) {
            Budget b = budget(runMode, engine);
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(KernelBenchmark.class.getName() + ".run$")
                    .param("engine", engine.id())
                    .param("kernel", kernelIds)
                    .mode(b.mode())
                    .timeUnit(TimeUnit.MILLISECONDS)
                    .forks(b.forks())
                    .warmupIterations(b.warmups())
                    .measurementIterations(b.measurements())
                    .jvmArgs(jvmFlags(engine).toArray(String[]::new))
                    .shouldFailOnError(false);
            if (b.warmupTime() != null) {
                options.warmupTime(b.warmupTime()).measurementTime(b.measurementTime());
            }
            results.addAll(runWhenFree(new Runner(options.build()), engine, log));
            // After every engine, so that an interrupted run keeps what it measured.
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out.toString()).writeOut(results);
        }
        System.out.println("BenchMain: " + results.size() + " results in " + out);
    }

    /**
     * Runs JMH, waiting while another JMH run on this machine holds JMH's lock ({@code /tmp/jmh.lock}): two
     * benchmark runs at once would spoil both. Gives up after an hour.
     */
    static Collection<RunResult> runWhenFree(Runner runner, Engine engine, Path log)
            throws RunnerException, InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        while (true) {
            note(log, engine.id() + ": starting");
            try {
                return runner.run();
            } catch (RunnerException e) {
                boolean locked = e.getMessage() != null && e.getMessage().contains("JMH lock");
                if (!locked || System.nanoTime() > deadline) {
                    throw e;
                }
                note(log, engine.id() + ": another JMH run holds JMH's lock; trying again in 30 s");
                System.out.println("BenchMain: another JMH run holds its lock; trying again in 30 s");
                Thread.sleep(30_000);
            }
        }
    }

    /** Appends "time, load average: text" to {@code log}, if there is one. */
    private static void note(Path log, String text) throws IOException {
        if (log == null) {
            return;
        }
        Path loadavg = Path.of("/proc/loadavg");
        String load = Files.isReadable(loadavg)
                ? String.join(" ", Arrays.copyOf(Files.readString(loadavg).split(" "), 3))
                : String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now());
        Files.writeString(log, time + " UTC, load average " + load + ": " + text + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    static List<String> jvmFlags(Engine engine) {
        List<String> flags = new ArrayList<>(BASE_FLAGS);
        flags.add("-D" + NativeKernel.DIRECTORY_PROPERTY + "=" + required(NativeKernel.DIRECTORY_PROPERTY));
        String checksums = System.getProperty(KernelBenchmark.CHECKSUMS_PROPERTY);
        if (checksums != null) {
            flags.add("-D" + KernelBenchmark.CHECKSUMS_PROPERTY + "=" + checksums);
        }
        if (engine == Engine.GRAALWASM) {
            flags.addAll(graalFlags());
        }
        return flags;
    }

    /** Truffle's optimizing runtime on a stock JDK: JVMCI on, the Graal compiler jar as an upgraded module. */
    static List<String> graalFlags() {
        return List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + required("bench.graal.compiler"),
                "--module-path=" + required("bench.graal.modulePath"), "--add-modules=ALL-MODULE-PATH",
                "--enable-native-access=org.graalvm.truffle", "--sun-misc-unsafe-memory-access=allow");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (bin/bench sets it)");
        }
        return value;
    }

    private static void usage() {
        System.err.println("usage: BenchMain --mode quick|full --out FILE.json [--kernels a,b] [--engines x,y]");
        System.exit(2);
    }
}
