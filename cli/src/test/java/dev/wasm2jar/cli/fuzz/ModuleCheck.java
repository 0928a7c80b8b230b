package dev.wasm2jar.cli.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Checks one module: made by {@code wasm-opt -ttf} from its {@link Recipe}, run by binaryen's interpreter and by
 * wasm2jar, and their accounts compared line by line ({@link Observed#matches}).
 */
final class ModuleCheck {
    /** Lines of context shown around the first difference. */
    private static final int CONTEXT = 3;

    /** Runs wasm2jar's side: a function of the module's bytes, so that the caller can bound its time. */
    interface Runner {
        List<Observed> run(Callable<List<Observed>> ours) throws Exception;
    }

    private ModuleCheck() {}

    /**
     * Checks module {@code recipe} with its files in {@code dir}; when it fails, the module and both accounts stay
     * in {@code failures}.
     */
    static Outcome check(Recipe recipe, Path dir, Path failures, Runner runner) throws IOException {
        Path input = dir.resolve("input.bin");
        Path module = dir.resolve("module.wasm");
        Files.write(input, recipe.bytes());
        Files.deleteIfExists(module);
        boolean referenceTypes = recipe.referenceTypes();
        if (!Tools.generate(input, recipe.features(referenceTypes), recipe.passes(), module)) {
            return Outcome.skipped(recipe, "wasm-opt -ttf failed");
        }
        if (referenceTypes && !Tools.validWasm2(module)) {
            // binaryen 108 writes typed function references for some reference-type code: not WebAssembly 2.0.
            referenceTypes = false;
            if (!Tools.generate(input, recipe.features(false), recipe.passes(), module)) {
                return Outcome.skipped(recipe, "wasm-opt -ttf failed");
            }
        }
        Tools.Output reference = Tools.interpret(module, recipe.features(referenceTypes));
        if (reference.exitCode() != 0) {
            return Outcome.skipped(recipe, "wasm-opt --fuzz-exec-before failed (exit " + reference.exitCode() + ")");
        }
        List<Expected> expected = Expected.parse(reference.stdout());
        byte[] wasm = Files.readAllBytes(module);
        List<Observed> observed;
        try {
            observed = runner.run(() -> Wasm2jarRun.run(wasm));
        } catch (Exception | StackOverflowError | OutOfMemoryError | LinkageError e) {
            keep(recipe, module, reference.stdout(), e.toString(), failures);
            return Outcome.failed(recipe, "wasm2jar: " + e);
        }
        String difference = difference(expected, observed);
        if (difference != null) {
            keep(recipe, module, reference.stdout(), observed.stream().map(Observed::toString)
                    .collect(Collectors.joining("\n")), failures);
            return Outcome.failed(recipe, difference);
        }
        int traps = (int) expected.stream().filter(e -> e.kind() == Expected.Kind.TRAP).count();
        return new Outcome(recipe, Outcome.Verdict.PASSED, "", referenceTypes, expected.size(), traps);
    }

    /** The first line where the accounts differ, with some lines before it, or null if they agree. */
    static String difference(List<Expected> expected, List<Observed> observed) {
        int n = Math.min(expected.size(), observed.size());
        int at = 0;
        while (at < n && observed.get(at).matches(expected.get(at))) {
            at++;
        }
        if (at == n && expected.size() == observed.size()) {
            return null;
        }
        StringBuilder s = new StringBuilder("line " + (at + 1) + " differs");
        for (int i = Math.max(0, at - CONTEXT); i < at; i++) {
            s.append("\n      both:     ").append(expected.get(i));
        }
        s.append("\n      binaryen: ").append(at < expected.size() ? expected.get(at) : "(nothing more)");
        s.append("\n      wasm2jar: ").append(at < observed.size() ? observed.get(at) : "(nothing more)");
        return s.toString();
    }

    private static void keep(Recipe recipe, Path module, String reference, String ours, Path failures)
            throws IOException {
        Files.createDirectories(failures);
        String name = recipe.seed() + "-" + recipe.index();
        Files.copy(module, failures.resolve(name + ".wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(failures.resolve(name + ".binaryen.txt"), reference);
        Files.writeString(failures.resolve(name + ".wasm2jar.txt"), ours + "\n");
    }
}
