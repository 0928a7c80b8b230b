package dev.wasm2jar.bench.report;

import dev.wasm2jar.bench.Checksums;
import dev.wasm2jar.bench.Engine;
import dev.wasm2jar.bench.Kernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one JMH JSON file into a Markdown report (time per call for each engine, ratio to native per kernel,
 * geometric means) and an SVG chart of the same numbers, and optionally splices the report into a README between
 * {@code <!-- benchmarks:begin -->} and {@code <!-- benchmarks:end -->}.
 *
 * <pre>Report RESULTS.json --md OUT.md --svg OUT.svg [--svg-link PATH] [--readme README.md] [--checksums FILE.tsv]
 *        [--env ENV.txt] [--title TITLE]</pre>
 */
public final class Report {
    static final String BEGIN = "<!-- benchmarks:begin -->";
    static final String END = "<!-- benchmarks:end -->";

    private Report() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            usage();
        }
        Path json = Path.of(args[0]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        Results results = Results.read(Files.readString(json));
        String title = options.getOrDefault("title", "wasm2jar benchmarks");
        Path svg = Path.of(options.getOrDefault("svg", json.toString().replaceFirst("\\.json$", "") + ".svg"));
        Files.writeString(svg, Chart.svg(results, title + " (" + results.vm + ")"));
        String check = options.containsKey("checksums")
                ? Checksums.table(Checksums.read(Path.of(options.get("checksums")))) : null;
        String env = options.containsKey("env") ? Files.readString(Path.of(options.get("env"))) : null;
        String markdown = markdown(results, options.getOrDefault("svg-link", svg.toString()), check, env);
        if (options.containsKey("md")) {
            Files.writeString(Path.of(options.get("md")), markdown);
        }
        if (options.containsKey("readme")) {
            Path readme = Path.of(options.get("readme"));
            Files.writeString(readme, splice(Files.readString(readme), markdown));
        }
        System.out.print(markdown);
    }

    static String markdown(Results r, String svgLink, String check, String env) {
        List<Engine> engines = r.engines();
        StringBuilder s = new StringBuilder();
        s.append("![time relative to native per kernel and engine](").append(svgLink).append(")\n\n");
        s.append("| kernel | size |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (Engine e : engines) {
            s.append(' ').append(e.id()).append(e == Engine.NATIVE ? " (ms/call)" : "").append(" |");
            rule.append("---:|");
        }
        s.append('\n').append(rule).append('\n');
        for (Kernel k : r.kernels()) {
            s.append("| ").append(k.id()).append(" | ").append(k.size()).append(" |");
            for (Engine e : engines) {
                s.append(' ').append(cell(r, k, e)).append(" |");
            }
            s.append('\n');
        }
        s.append("| **geomean vs native** | |");
        for (Engine e : engines) {
            Results.Geomean g = r.geomean(e, Engine.NATIVE);
            s.append(e == Engine.NATIVE ? " 1× |" : " **" + ratio(g.value()) + "**" + kernels(g, r) + " |");
        }
        s.append("\n\nEach cell is milliseconds per call ± the half-width of JMH's 99.9% confidence interval, then "
                + "the time relative to native. Geometric means are over the kernels both engines ran.\n\n");
        if (engines.contains(Engine.WASM2JAR)) {
            s.append("wasm2jar against each engine (geometric mean of wasm2jar's time divided by the other's; "
                    + "below 1× wasm2jar is faster):\n\n");
            for (Engine e : engines) {
                if (e == Engine.WASM2JAR) {
                    continue;
                }
                Results.Geomean g = r.geomean(Engine.WASM2JAR, e);
                s.append("- ").append(e.id()).append(": **").append(ratio(g.value())).append("**")
                        .append(" over ").append(g.kernels()).append(g.kernels() == 1 ? " kernel\n" : " kernels\n");
            }
            s.append('\n');
        }
        s.append(runs(r));
        if (env != null) {
            s.append("\nThe machine during the run:\n\n```\n").append(env.strip()).append("\n```\n");
        }
        if (check != null) {
            s.append("\nChecksums compared in each trial's setup, every engine against native in the same JVM "
                    + "(`=` is the same bits; a differing engine's trial fails and is not timed):\n\n").append(check.strip()).append('\n');
        }
        return s.toString();
    }

    private static String cell(Results r, Kernel k, Engine e) {
        Results.Score score = r.score(k, e);
        if (score == null) {
            return r.score(k, Engine.NATIVE) == null && e != Engine.NATIVE ? "–" : "**failed**";
        }
        String time = ms(score.ms()) + (score.hasError() ? " ± " + ms(score.error()) : "");
        return e == Engine.NATIVE ? time : time + " (" + ratio(r.ratio(k, e, Engine.NATIVE)) + ")";
    }

    private static String kernels(Results.Geomean g, Results r) {
        return g.kernels() == r.kernels().size() ? "" : " (" + g.kernels() + " kernels)";
    }

    /** What each engine's runs were: JDK, JMH mode and iterations, JVM flags beyond the common ones. */
    private static String runs(Results r) {
        StringBuilder s = new StringBuilder();
        s.append("JDK ").append(r.jdk).append(" (").append(r.vm).append("), JMH 1.37, one thread.\n\n");
        s.append("| engine | JMH mode | forks | warm-up | measurement | JVM flags |\n|---|---|---:|---|---|---|\n");
        for (Engine e : r.engines()) {
            Results.Score any = r.scores.values().stream().map(m -> m.get(e)).filter(x -> x != null).findFirst()
                    .orElseThrow();
            boolean single = any.mode().equals("ss");
            s.append("| ").append(e.id()).append(" | ").append(single ? "single call" : "average time")
                    .append(" | ").append(any.forks()).append(" | ")
                    .append(any.warmups()).append(single ? " calls" : " × " + any.warmupTime()).append(" | ")
                    .append(any.measurements()).append(single ? " calls" : " × " + any.measurementTime())
                    .append(" | `").append(String.join(" ", flags(any.jvmArgs()))).append("` |\n");
        }
        return s.toString();
    }

    /** JVM flags without long paths, which say nothing and make the table unreadable. */
    private static List<String> flags(List<String> args) {
        return args.stream().map(a -> a.replaceAll("=(/[^ ]*)+", "=…")).toList();
    }

    static String splice(String readme, String markdown) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the README has no " + BEGIN + " ... " + END + " section");
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + markdown + readme.substring(end);
    }

    static String ms(double ms) {
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        return ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }

    static String ratio(double r) {
        if (Double.isNaN(r)) {
            return "–";
        }
        if (r >= 100) {
            return String.format(Locale.ROOT, "%.0f×", r);
        }
        return r >= 10 ? String.format(Locale.ROOT, "%.1f×", r) : String.format(Locale.ROOT, "%.2f×", r);
    }

    private static void usage() {
        System.err.println("usage: Report RESULTS.json [--md OUT.md] [--svg OUT.svg] [--svg-link PATH] "
                + "[--readme README.md] [--checksums FILE.tsv] [--env ENV.txt] [--title TITLE]");
        System.exit(2);
    }
}
