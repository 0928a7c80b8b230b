package dev.wasm2jar.cli;

import dev.wasm2jar.cli.spectest.CommandResult;
import dev.wasm2jar.cli.spectest.CommandResult.Outcome;
import dev.wasm2jar.cli.spectest.FileResult;
import dev.wasm2jar.cli.spectest.SpecSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wasm2jar spectest FILE.json|DIR...}: run spec-test scripts and count what passes. */
@Command(name = "spectest", customSynopsis = "wasm2jar spectest [--timeout SECONDS] FILE.json|DIR...",
        description = {"Runs WebAssembly spec-test scripts (wast2json .json files).", "",
                "Runs spec-test scripts in wast2json's format (module files lie beside each script); a directory means"
                        + " every .json file under it. Every module is compiled by wasm2jar. Prints a line per script and"
                        + " last 'spectest: N passed, M failed, K skipped', counting every action and assertion."
                        + " Text-format modules are read with wabt's wat2wasm (skipped when it is not installed)."
                        + " Exits with 1 when anything failed. With --verbose, every failure is printed with file,"
                        + " line, reason and stack trace."})
final class SpectestCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "FILE.json|DIR", arity = "0..*", hidden = true)
    private List<String> paths = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "give up on a script after this long (default: no limit)")
    private String timeout;

    @Override
    public Integer call() throws Exception {
        Console console = main.console();
        if (paths.isEmpty()) {
            throw new CliException("spectest needs at least one .json file or directory");
        }
        Duration limit = timeout(timeout);
        List<Path> scripts = SpecSuite.findScripts(paths.stream().map(Path::of).toList());

        long passed = 0;
        long failed = 0;
        long skipped = 0;
        int setupFailures = 0;
        int errors = 0;
        for (Path script : scripts) {
            FileResult result = SpecSuite.run(script, limit);
            if (console.verbose()) {
                printDetails(result, console);
            }
            console.out().println(result.summary());
            passed += result.passed();
            failed += result.failed();
            skipped += result.skipped();
            setupFailures += result.setupFailures().size();
            errors += result.error() == null ? 0 : 1;
        }
        if (setupFailures > 0 || errors > 0) {
            console.out().println("also failed: " + setupFailures + " module or register commands, " + errors
                    + " scripts that could not be read or did not finish");
        }
        console.out().println("spectest: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return failed > 0 || setupFailures > 0 || errors > 0 ? CliException.FAILURE : 0;
    }

    private static void printDetails(FileResult result, Console console) {
        Map<String, Integer> skips = new TreeMap<>();
        for (CommandResult r : result.results()) {
            if (r.outcome() == Outcome.FAILED) {
                console.out().println(result.file() + ":" + r.command().line() + ": " + r.command().describe() + ": "
                        + r.reason());
                if (r.cause() != null) {
                    Errors.printStackTrace(r.cause(), console.out());
                }
            } else if (r.outcome() == Outcome.SKIPPED) {
                skips.merge(r.reason(), 1, Integer::sum);
            } else if (r.note() != null) {
                console.out().println(result.file() + ":" + r.command().line() + ": note: " + r.note());
            }
        }
        skips.forEach((reason, n) -> console.out().println(result.file() + ": skipped " + n + ": " + reason));
    }

    private static Duration timeout(String text) {
        if (text == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(text);
            if (seconds <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new CliException("--timeout needs a positive number of seconds, not '" + text + "'");
        }
    }
}
