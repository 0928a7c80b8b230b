package dev.wasm2jar.cli.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Differential fuzzing against binaryen's interpreter, many modules in one JVM: modules {@code from} to
 * {@code from + count - 1} of a seed ({@link Recipe}), each checked by {@link ModuleCheck} on one of
 * {@code threads} threads (binaryen's processes of one module overlap wasm2jar's work on another). wasm2jar's side
 * of each module has {@code timeout} seconds. Prints every failure with the command that repeats it, and a summary.
 * Failing modules are kept in {@code DIR/failures}, with their random input and both accounts; a single module
 * ({@code --index}) in {@code DIR/module}, whatever its outcome.
 * Run by {@code bin/fuzz}:
 *
 * <pre>bin/fuzz [--seed S] [--count N | --index K] [--from K] [--threads T] [--timeout SECONDS] [--keep DIR]
 * bin/fuzz --wasm FILE [--split BYTES]</pre>
 *
 * The second checks one module of one's own, such as a reduced one, and exits 1 where the two differ.
 */
public final class FuzzRun {
    /** Threads whose module ran past its time and could not be stopped; past this many the run gives up. */
    private static final int MAX_STUCK = 4;

    private final long seed;
    private final int threads;
    private final long timeoutSeconds;
    private final Path work;
    private final PrintStream log;
    private final AtomicInteger stuck = new AtomicInteger();

    FuzzRun(long seed, int threads, long timeoutSeconds, Path work, PrintStream log) {
        this.seed = seed;
        this.threads = threads;
        this.timeoutSeconds = timeoutSeconds;
        this.work = work;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        long seed = 1;
        int from = 0;
        int count = 100;
        int threads = Runtime.getRuntime().availableProcessors();
        long timeout = 120;
        Path keep = Path.of("target/fuzz");
        Path wasm = null;
        int splitTarget = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--from" -> from = Integer.parseInt(args[++i]);
                case "--index" -> {
                    from = Integer.parseInt(args[++i]);
                    count = 1;
                }
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--timeout" -> timeout = Long.parseLong(args[++i]);
                case "--keep" -> keep = Path.of(args[++i]);
                case "--wasm" -> wasm = Path.of(args[++i]);
                case "--split" -> splitTarget = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("bin/fuzz: unknown argument " + args[i] + "; usage: bin/fuzz [--seed S] "
                            + "[--count N | --index K] [--from K] [--threads T] [--timeout SECONDS] [--keep DIR]; "
                            + "bin/fuzz --wasm FILE [--split BYTES]");
                    System.exit(2);
                }
            }
        }
        if (!Tools.available()) {
            System.err.println("bin/fuzz: needs wasm-opt (Debian package binaryen) and wasm-validate (wabt)");
            System.exit(1);
        }
        if (wasm != null) {
            FuzzRun run = new FuzzRun(seed, 1, timeout, keep, System.out);
            Path dir = Files.createTempDirectory("fuzz");
            String difference = ModuleCheck.checkFile(wasm, splitTarget, dir, run.new BoundedRunner());
            System.out.println(difference == null ? "fuzz: " + wasm + " agrees" : "fuzz: " + wasm + ": " + difference);
            System.exit(difference == null ? 0 : 1);
        }
        if (count == 1) {
            System.out.println("fuzz: " + Recipe.of(seed, from).describe());
        }
        Summary summary = new FuzzRun(seed, threads, timeout, keep, System.out).run(from, count);
        System.out.println(summary.details());
        System.out.println(summary.line());
        System.exit(summary.failed().isEmpty() ? 0 : 1);
    }

    /** Checks modules {@code from} to {@code from + count - 1}, printing failures and progress as they come. */
    Summary run(int from, int count) throws IOException, InterruptedException {
        Path kept = work.resolve(count == 1 ? "module" : "failures");
        Files.createDirectories(work);
        Summary summary = new Summary(seed, from, count);
        AtomicInteger next = new AtomicInteger(from);
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Path dir = Files.createTempDirectory(work, "worker");
            Thread worker = new Thread(() -> {
                BoundedRunner runner = new BoundedRunner();
                try {
                    for (int k = next.getAndIncrement(); k < from + count && stuck.get() < MAX_STUCK;
                            k = next.getAndIncrement()) {
                        Recipe recipe = Recipe.of(seed, k);
                        Outcome outcome;
                        try {
                            outcome = ModuleCheck.check(recipe, dir, kept, count == 1, runner);
                        } catch (IOException e) {
                            outcome = Outcome.skipped(recipe, e.getMessage());
                        }
                        report(summary.add(outcome), outcome, start);
                    }
                } finally {
                    runner.close();
                }
            }, "fuzz-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (stuck.get() >= MAX_STUCK) {
            summary.abandon(stuck.get() + " modules ran past " + timeoutSeconds + " s; the run stopped");
        }
        return summary;
    }

    private void report(int done, Outcome outcome, long start) {
        synchronized (log) {
            if (outcome.verdict() == Outcome.Verdict.FAILED) {
                log.println("FAILED " + outcome.recipe().reproduce() + ": " + outcome.detail());
            } else if (outcome.verdict() == Outcome.Verdict.NAN_BITS) {
                log.println("NaN bits " + outcome.recipe().reproduce() + ": agrees without NaNs; as made, "
                        + outcome.detail());
            } else if (outcome.verdict() == Outcome.Verdict.SKIPPED) {
                log.println("skipped " + outcome.recipe().reproduce() + ": " + outcome.detail());
            }
            if (done % 500 == 0) {
                log.printf("fuzz: %d modules in %d s%n", done, (System.nanoTime() - start) / 1_000_000_000L);
            }
            log.flush();
        }
    }

    /** wasm2jar's side of a module on a thread of its own, given {@code timeoutSeconds}; one that hangs is left. */
    private final class BoundedRunner implements ModuleCheck.Runner {
        private ExecutorService executor = newExecutor();

        @Override
        public List<Observed> run(Callable<List<Observed>> ours) throws Exception {
            Future<List<Observed>> future = executor.submit(ours);
            try {
                return future.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                executor.shutdownNow();
                executor = newExecutor();
                stuck.incrementAndGet();
                throw new TimeoutException("did not finish in " + timeoutSeconds + " s");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw (Error) e.getCause();
            }
        }

        void close() {
            executor.shutdownNow();
        }

        private static ExecutorService newExecutor() {
            // Deep enough for any call depth binaryen's hang limit allows; a daemon, so that a stuck one ends with
            // the JVM.
            return Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(null, task, "wasm2jar", 256L << 20);
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
