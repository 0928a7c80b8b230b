package dev.wasm2jar.cli.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The counts of a fuzz run, and the index of every module that failed or was skipped. */
final class Summary {
    private final long seed;
    private final int from;
    private final int count;
    private final List<Integer> failed = new ArrayList<>();
    private final List<Integer> skipped = new ArrayList<>();
    private final List<Integer> nanBits = new ArrayList<>();
    private int passed;
    private int referenceTypes;
    private long lines;
    private long traps;
    private String abandoned;

    Summary(long seed, int from, int count) {
        this.seed = seed;
        this.from = from;
        this.count = count;
    }

    /** Counts one module's outcome; returns how many modules are done. */
    synchronized int add(Outcome outcome) {
        switch (outcome.verdict()) {
            case PASSED -> {
                passed++;
                referenceTypes += outcome.referenceTypes() ? 1 : 0;
                lines += outcome.lines();
                traps += outcome.traps();
            }
            case NAN_BITS -> {
                passed++;
                nanBits.add(outcome.recipe().index());
                lines += outcome.lines();
                traps += outcome.traps();
            }
            case FAILED -> failed.add(outcome.recipe().index());
            case SKIPPED -> skipped.add(outcome.recipe().index());
        }
        return passed + failed.size() + skipped.size();
    }

    synchronized void abandon(String why) {
        abandoned = why;
    }

    synchronized List<Integer> failed() {
        List<Integer> all = new ArrayList<>(failed);
        all.sort(null);
        if (abandoned != null) {
            all.add(-1);
        }
        return all;
    }

    synchronized String details() {
        String s = "fuzz: seed " + seed + ", modules " + from + " to " + (from + count - 1) + "; passed modules: "
                + referenceTypes + " with reference types, " + lines + " lines compared, " + traps + " traps";
        if (!nanBits.isEmpty()) {
            s += "\nfuzz: passed only without NaNs, whose bits the spec leaves open (seed " + seed + "): "
                    + sorted(nanBits);
        }
        if (!failed.isEmpty()) {
            s += "\nfuzz: failed (seed " + seed + "): " + sorted(failed);
        }
        if (!skipped.isEmpty()) {
            s += "\nfuzz: skipped, binaryen could not make or run them (seed " + seed + "): " + sorted(skipped);
        }
        if (abandoned != null) {
            s += "\nfuzz: " + abandoned;
        }
        return s;
    }

    /** The closing line: {@code fuzz: N passed, M failed, K skipped}. */
    synchronized String line() {
        return "fuzz: " + passed + " passed, " + failed.size() + " failed, " + skipped.size() + " skipped";
    }

    private static String sorted(List<Integer> indexes) {
        return indexes.stream().sorted().map(String::valueOf).collect(Collectors.joining(" "));
    }
}
