package dev.wasm2jar.cli.hostile;

import dev.wasm2jar.compiler.CompilationException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Compiles mutants of the spec suite's modules ({@link Mutator}) with every feature enabled, loads and verifies the
 * classes of those that compile, and counts as failures every other outcome than success or a clean
 * {@link MalformedException}, {@link InvalidException}, {@link UnsupportedFeatureException} or
 * {@link CompilationException} with a message: a
 * VerifyError, ClassFormatError, an internal exception, a StackOverflowError, an OutOfMemoryError or a hang. Mutant
 * {@code i} of seed {@code s} is always the same bytes. Run by {@code bin/mutate [N] [--seed S]}.
 */
public final class MutationRun {
    /** Longer than any module of the suite takes, even on a loaded machine. */
    private static final long TIMEOUT_SECONDS = 60;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "mutant");
        thread.setDaemon(true);
        return thread;
    });

    /** With {@code -Dmutate.show=TEXT}, passing mutants whose outcome contains TEXT are listed too. */
    private static final String SHOW = System.getProperty("mutate.show");

    private MutationRun() {}

    public static void main(String[] args) throws IOException {
        int count = 1000;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seed")) {
                seed = Long.parseLong(args[++i]);
            } else {
                count = Integer.parseInt(args[i]);
            }
        }
        Path suite = Path.of(System.getProperty("spectest.dir", "../shared/spectest"));
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        List<String> failures = run(modules(suite), count, seed, System.out, outcomes);
        System.out.println("outcomes: " + outcomes);
        System.out.println("mutate: " + (count - failures.size()) + " passed, " + failures.size() + " failed (seed "
                + seed + ")");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** The binary modules of wasm-2.0 and wasm-3.0*, in a fixed order: all with a header, valid or not. */
    static List<Path> modules(Path suite) throws IOException {
        try (Stream<Path> files = Files.walk(suite)) {
            return files.filter(p -> p.toString().endsWith(".wasm"))
                    .filter(p -> suite.relativize(p).getName(0).toString().startsWith("wasm-"))
                    .filter(p -> p.toFile().length() >= 8) // the suite's few empty or header-less files: no module
                    .sorted().toList();
        }
    }

    /** Runs mutants 0 to {@code count - 1} of {@code seed} and returns their failures, each printed to {@code log}. */
    static List<String> run(List<Path> modules, int count, long seed, PrintStream log) throws IOException {
        return run(modules, count, seed, log, new java.util.HashMap<>());
    }

    /** {@link #run(List, int, long, PrintStream)}, counting the passing outcomes by kind into {@code outcomes}. */
    static List<String> run(List<Path> modules, int count, long seed, PrintStream log, Map<String, Integer> outcomes)
            throws IOException {
        if (modules.isEmpty()) {
            throw new IOException("no modules to mutate");
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Random random = new Random(seed * 1_000_003L + i);
            Path module = modules.get(random.nextInt(modules.size()));
            Mutator.Mutant mutant = Mutator.mutate(Files.readAllBytes(module), random);
            String[] kind = new String[1];
            String problem = check(mutant.bytes(), kind);
            if (problem == null) {
                outcomes.merge(kind[0], 1, Integer::sum);
                if (SHOW != null && kind[0].contains(SHOW)) {
                    log.println("seed " + seed + " mutant " + i + ": " + module.getFileName() + " "
                            + mutant.mutation() + ": " + kind[0]);
                }
            } else {
                String failure = "seed " + seed + " mutant " + i + ": " + module.getFileName() + " "
                        + mutant.mutation() + ": " + problem;
                failures.add(failure);
                log.println(failure);
            }
        }
        return failures;
    }

    /** Null when {@code wasm} compiles and its classes verify, or is refused cleanly; else what went wrong. */
    static String check(byte[] wasm) {
        return check(wasm, new String[1]);
    }

    /** {@link #check(byte[])}, setting {@code kind[0]} to the passing outcome's kind. */
    static String check(byte[] wasm, String[] kind) {
        Future<String> outcome = THREADS.submit(() -> outcome(wasm, kind));
        try {
            return outcome.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            return "no answer within " + TIMEOUT_SECONDS + " s";
        } catch (Exception e) {
            return "harness: " + e;
        }
    }

    private static String outcome(byte[] wasm, String[] kind) {
        CompiledModule compiled;
        try {
            compiled = Compiler.compile(wasm, new CompilerOptions("mutant.Module", EnumSet.allOf(Feature.class)));
        } catch (MalformedException | InvalidException | CompilationException | UnsupportedFeatureException e) {
            // The decoder turns the parser's own runtime exceptions into MalformedExceptions naming them.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            kind[0] = e.getClass().getSimpleName() + (root.getClass().getName().startsWith("java.")
                    ? " (from the parser's " + root.getClass().getSimpleName() + ")" : "");
            return e.getMessage() == null || e.getMessage().isBlank() ? "no message: " + e : null;
        } catch (Throwable t) {
            return describe(t);
        }
        try {
            ClassLoader loader = new FilesLoader(compiled.files());
            for (String file : compiled.files().keySet()) {
                if (file.endsWith(".class")) {
                    Class.forName(file.substring(0, file.length() - 6).replace('/', '.'), true, loader);
                }
            }
            compiled.load();
            kind[0] = "compiled";
        } catch (Throwable t) {
            return "compiled, but loading: " + describe(t);
        }
        return null;
    }

    private static String describe(Throwable t) {
        StackTraceElement[] where = t.getStackTrace();
        return t + (where.length > 0 ? " at " + where[0] : "");
    }

    /** Defines the compiled classes, so that initializing each verifies it. */
    private static final class FilesLoader extends ClassLoader {
        private final Map<String, byte[]> files;

        FilesLoader(Map<String, byte[]> files) {
            super(MutationRun.class.getClassLoader());
            this.files = files;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = files.get(name.replace('.', '/') + ".class");
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
