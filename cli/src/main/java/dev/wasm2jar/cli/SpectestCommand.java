package dev.wasm2jar.cli;

import dev.wasm2jar.cli.spectest.CommandResult.Outcome;
import dev.wasm2jar.cli.spectest.CommandResult;
import dev.wasm2jar.cli.spectest.FileResult;
import dev.wasm2jar.cli.spectest.SpecSuite;
import dev.wasm2jar.runtime.Feature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code wasm2jar spectest FILE.json|DIR...}: run spec-test scripts and count what passes. */
final class SpectestCommand implements Command {
    @Override
    public String name() {
        return "spectest";
    }

    @Override
    public String summary() {
        return "run WebAssembly spec-test scripts (wast2json .json files)";
    }

    @Override
    public String usage() {
        return """
                usage: wasm2jar spectest [--wasm 2.0|3.0] [--features LIST] [--timeout SECONDS] [--metering]
                                         FILE.json|DIR...

                Runs spec-test scripts in wast2json's format (module files lie beside each script); a directory
                means every *.json under it. Every module is compiled by wasm2jar, as a module of the WebAssembly
                version the scripts test. Prints a line per script and last 'spectest: N passed, M failed,
                K skipped', counting every action and assertion; 'M failed (U unsupported)' says how many failed
                because a module needs a feature wasm2jar does not compile yet (such a module's assert_invalid or
                assert_malformed is not decided, so never passed). Text-format modules are read with wabt's
                wat2wasm (skipped when it is not installed). Exits with 1 when anything failed.

                options:
                  --wasm VERSION      the version the scripts test: 3.0 (default) or 2.0, whose suite asserts
                                      that some of 3.0's modules are invalid
                  --features LIST     changes that version's features: +name adds one, -name leaves one out
                                      (--features=-simd), plain names start from mvp alone; also all,
                                      default, 2.0, 3.0 (exception handling's legacy scripts need nothing more)
                  --timeout SECONDS   give up on a script after this long (default: no limit)
                  --metering          compile with metering (wasm2jar compile --metering): its polls at calls
                                      and loops must change no result
                  --verbose           print every failure with file, line, reason and stack trace
                """;
    }

    @Override
    public int run(List<String> rawArgs, Console console) throws Exception {
        Args args = Args.parse(name(), rawArgs, Set.of("--timeout", "--wasm", Args.FEATURES), Set.of("--metering"));
        if (args.operands().isEmpty()) {
            throw new CliException("spectest needs at least one .json file or directory");
        }
        Duration timeout = timeout(args.option("--timeout"));
        Set<Feature> language = args.features(language(args.option("--wasm")));
        List<Path> scripts = SpecSuite.findScripts(args.operands().stream().map(Path::of).toList());

        long passed = 0;
        long failed = 0;
        long skipped = 0;
        long unsupported = 0;
        int setupFailures = 0;
        int errors = 0;
        for (Path script : scripts) {
            FileResult result = SpecSuite.run(script, timeout, language, args.has("--metering"));
            if (console.verbose()) {
                printDetails(result, console);
            }
            console.out().println(result.summary());
            passed += result.passed();
            failed += result.failed();
            skipped += result.skipped();
            unsupported += result.unsupported();
            setupFailures += result.setupFailures().size();
            errors += result.error() == null ? 0 : 1;
        }
        if (setupFailures > 0 || errors > 0) {
            console.out().println("also failed: " + setupFailures + " module or register commands, " + errors
                    + " scripts that could not be read or did not finish");
        }
        console.out().println("spectest: " + FileResult.counts(passed, failed, unsupported, skipped));
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

    private static Set<Feature> language(String version) {
        if (version == null || version.equals("3.0")) {
            return Feature.WASM_3_0;
        }
        if (version.equals("2.0")) {
            return Feature.WASM_2_0;
        }
        throw new CliException("--wasm takes 2.0 or 3.0, not '" + version + "'");
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
