package dev.wasm2jar.cli.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Checks one module: made by {@code wasm-opt -ttf} from its {@link Recipe}, run by binaryen's interpreter and by
 * wasm2jar, and their accounts compared line by line ({@link Observed#matches}).
 *
 * <p>Where the accounts differ, the module is checked again without NaNs ({@link NanFree}: every float NaN
 * computed is made a zero). The spec lets an arithmetic instruction return any quiet NaN, and binaryen 108
 * returns the canonical one where the JVM (x86) keeps an operand's payload; once such bits reach an integer
 * ({@code i32.reinterpret_f32}, a store and a load, a lane of another shape) the accounts may differ with both
 * sides right. A module that agrees in full without NaNs passes as {@linkplain Outcome.Verdict#NAN_BITS NaN bits}
 * and is listed; one that still differs fails, with its first difference as made.
 */
final class ModuleCheck {
    /** Lines of context shown around the first difference. */
    private static final int CONTEXT = 3;

    /** Runs wasm2jar's side: a function of the module's bytes, so that the caller can bound its time. */
    interface Runner {
        List<Observed> run(Callable<List<Observed>> ours) throws Exception;
    }

    /** Both accounts of one module and their first difference, or null where they agree. */
    private record Comparison(String reference, String ours, String difference, int lines, int traps) {}

    private ModuleCheck() {}

    /**
     * Checks module {@code recipe} with its files in {@code dir}; when it fails, or always when {@code keepAll},
     * its random input, the module and both accounts stay in {@code kept}.
     */
    static Outcome check(Recipe recipe, Path dir, Path kept, boolean keepAll, Runner runner) throws IOException {
        Path input = dir.resolve("input.bin");
        Path module = dir.resolve("module.wasm");
        Files.write(input, recipe.bytes());
        Files.deleteIfExists(module);
        Boolean referenceTypes = make(recipe, input, module);
        if (referenceTypes == null) {
            keep(recipe, dir, "", "", kept);
            return Outcome.skipped(recipe, "wasm-opt -ttf failed");
        }
        List<String> features = recipe.features(referenceTypes);
        Comparison made = compare(module, features, recipe.splitTarget(), runner);
        if (made == null) {
            return Outcome.skipped(recipe, "wasm-opt --fuzz-exec-before failed");
        }
        if (made.difference() != null || keepAll) {
            keep(recipe, dir, made.reference(), made.ours(), kept);
        }
        if (made.difference() == null) {
            return new Outcome(recipe, Outcome.Verdict.PASSED, "", referenceTypes, made.lines(), made.traps());
        }
        Path nanFree = dir.resolve("nan-free.wasm");
        if (!NanFree.transform(module, features, dir, nanFree) || referenceTypes && !Tools.standard(nanFree)) {
            // binaryen 108 writes some NaN-free modules of reference-type code with typed function references.
            return Outcome.failed(recipe, made.difference() + "\n      (not checked without NaNs: binaryen could not"
                    + " write that module as WebAssembly 2.0)");
        }
        Comparison withoutNans = compare(nanFree, features, recipe.splitTarget(), runner);
        if (withoutNans != null && withoutNans.difference() == null) {
            return new Outcome(recipe, Outcome.Verdict.NAN_BITS, made.difference(), referenceTypes,
                    withoutNans.lines(), withoutNans.traps());
        }
        return Outcome.failed(recipe, made.difference());
    }

    /**
     * Checks a module of one's own (a reduced one, say) with every feature enabled and {@code splitTarget} (0 for
     * the default): {@code null} where both agree,
     * else the first difference, and whether it is gone without NaNs.
     */
    static String checkFile(Path module, int splitTarget, Path dir, Runner runner) throws IOException {
        List<String> features = Recipe.of(0, 0).features(true);
        Comparison made = compare(module, features, splitTarget, runner);
        if (made == null) {
            return "wasm-opt --fuzz-exec-before failed";
        }
        if (made.difference() == null) {
            return null;
        }
        Path nanFree = dir.resolve("nan-free.wasm");
        if (!NanFree.transform(module, features, dir, nanFree) || !Tools.standard(nanFree)) {
            return made.difference() + "\n(not checked without NaNs: binaryen could not write that module as"
                    + " WebAssembly 2.0)";
        }
        Comparison withoutNans = compare(nanFree, features, splitTarget, runner);
        return made.difference() + (withoutNans != null && withoutNans.difference() == null
                ? "\n(agrees without NaNs)" : "\n(differs without NaNs too)");
    }

    /** Runs the module on both sides and compares; null if binaryen's interpreter fails. */
    private static Comparison compare(Path module, List<String> features, int splitTarget, Runner runner)
            throws IOException {
        Tools.Output reference = Tools.interpret(module, features);
        if (reference.exitCode() != 0) {
            return null;
        }
        List<Expected> expected = Expected.parse(reference.stdout());
        byte[] wasm = Files.readAllBytes(module);
        List<Observed> observed;
        try {
            observed = runner.run(() -> Wasm2jarRun.run(wasm, splitTarget));
        } catch (Exception | Error e) {
            return new Comparison(reference.stdout(), e.toString(), "wasm2jar: " + e, 0, 0);
        }
        String ours = observed.stream().map(Observed::toString).collect(Collectors.joining("\n"));
        int traps = (int) expected.stream().filter(e -> e.kind() == Expected.Kind.TRAP).count();
        return new Comparison(reference.stdout(), ours, difference(expected, observed), expected.size(), traps);
    }

    /**
     * Makes the module as its recipe says, or with less where binaryen 108 cannot: without reference types when it
     * writes typed function references (not WebAssembly 2.0, wabt says), without passes when they crash it (its
     * Flatten pass cannot handle some multi-value locals), without the spec module when binaryen refuses it (the
     * suite has invalid modules too). Returns whether reference types were kept, or null.
     */
    private static Boolean make(Recipe recipe, Path input, Path module) throws IOException {
        for (boolean referenceTypes : recipe.referenceTypes() ? List.of(true, false) : List.of(false)) {
            for (List<String> passes : recipe.passes().isEmpty() ? List.of(recipe.passes())
                    : List.of(recipe.passes(), List.<String>of())) {
                for (Path initial : recipe.initial() == null ? List.<Path>of() : List.of(recipe.initial())) {
                    List<String> withInitial = new ArrayList<>(passes);
                    withInitial.add("--initial-fuzz=" + initial);
                    if (made(input, recipe.features(referenceTypes), withInitial, referenceTypes, module)) {
                        return referenceTypes;
                    }
                }
                if (made(input, recipe.features(referenceTypes), passes, referenceTypes, module)) {
                    return referenceTypes;
                }
            }
        }
        return null;
    }

    private static boolean made(Path input, List<String> features, List<String> flags, boolean referenceTypes,
            Path module) throws IOException {
        return Tools.generate(input, features, flags, module) && (!referenceTypes || Tools.standard(module));
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

    private static void keep(Recipe recipe, Path dir, String reference, String ours, Path kept) throws IOException {
        Files.createDirectories(kept);
        String name = recipe.seed() + "-" + recipe.index();
        Files.copy(dir.resolve("input.bin"), kept.resolve(name + ".input"), StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(dir.resolve("module.wasm"))) {
            Files.copy(dir.resolve("module.wasm"), kept.resolve(name + ".wasm"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(kept.resolve(name + ".binaryen.txt"), reference);
        Files.writeString(kept.resolve(name + ".wasm2jar.txt"), ours + "\n");
    }
}
