package dev.wasm2jar.cli.spectest;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.LargeStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Finds scripts and runs each on a thread of its own with a large stack ({@link LargeStack}) and an optional time
 * limit. Both the {@code spectest} command and the JUnit suite run scripts through here.
 */
public final class SpecSuite {
    /**
     * The stack of a script's thread: 8 MiB. The suite needs little depth (it passes with 1 MiB), but every
     * assert_exhaustion fills the whole stack: call, call_indirect, fac and skip-stack-guard-page took 0.9 s with
     * 4 MiB, 1.7 s with 16 MiB and 24 s (and 5.7 GB of memory) with the command line's 512 MiB.
     */
    static final long STACK_SIZE = 8L << 20;

    private SpecSuite() {}

    /** The JSON scripts among {@code paths}: files as given, and every {@code *.json} under a directory, sorted. */
    public static List<Path> findScripts(List<Path> paths) throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                            .sorted(Comparator.comparing(Path::toString))
                            .forEach(scripts::add);
                }
            } else if (Files.isRegularFile(path)) {
                scripts.add(path);
            } else {
                throw new java.nio.file.NoSuchFileException(path.toString());
            }
        }
        return scripts;
    }

    /**
     * Reads and runs one script. A script that cannot be read is an error with no results; one still running after
     * {@code timeout} (null for none) fails the command in progress and every command after it, and its thread is
     * abandoned (a daemon; wasm code has no safe point to stop at). Modules are compiled with {@code language} as
     * their features: the version of WebAssembly the script was written for ({@link Feature#WASM_2_0} ...).
     */
    public static FileResult run(Path file, Duration timeout, Set<Feature> language) {
        return run(file, timeout, language, false);
    }

    /** {@link #run(Path, Duration, Set)}, compiling every module with {@code metering} or without. */
    public static FileResult run(Path file, Duration timeout, Set<Feature> language, boolean metering) {
        SpecScript script;
        try {
            script = SpecScript.read(file);
        } catch (IOException | RuntimeException e) {
            return new FileResult(file, List.of(), "cannot read the script: " + e.getMessage());
        }
        SpecRunner runner = new SpecRunner(script, language, metering);
        FutureTask<FileResult> task = new FutureTask<>(runner::run);
        LargeStack.newThread("spectest " + file.getFileName(), task, STACK_SIZE).start();
        try {
            return timeout == null ? task.get() : task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            SpecCommand stuck = runner.current();
            String where = stuck == null ? "" : " at line " + stuck.line();
            long ms = timeout.toMillis();
            String limit = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
            return unfinished(script, runner.results(), "timed out after " + limit + where);
        } catch (ExecutionException e) {
            return unfinished(script, runner.results(), "harness error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unfinished(script, runner.results(), "interrupted");
        }
    }

    /** The results of a script that stopped early: every command that did not finish fails with {@code why}. */
    private static FileResult unfinished(SpecScript script, List<CommandResult> done, String why) {
        List<CommandResult> all = new ArrayList<>(done);
        List<SpecCommand> commands = script.commands();
        for (int i = done.size(); i < commands.size(); i++) {
            all.add(CommandResult.failed(commands.get(i), "not finished: " + why, null));
        }
        return new FileResult(script.file(), all, why);
    }
}
