package dev.wasm2jar.bench.report;

import dev.wasm2jar.bench.Engine;
import dev.wasm2jar.bench.kernel.Kernel;
import java.util.List;
import java.util.Locale;

/**
 * An SVG bar chart of time relative to native, per kernel and engine, on a logarithmic axis. Whiskers are the
 * engine's 99.9% confidence interval from JMH divided by the native mean; a kernel an engine failed is marked so.
 */
final class Chart {
    private static final String[] COLORS = {"#444444", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e"};
    private static final int LEFT = 150;
    private static final int PLOT = 640;
    private static final int BAR = 9;
    private static final int GAP = 8;

    private Chart() {}

    static String svg(Results results, String title) {
        List<Engine> engines = results.engines().stream().filter(e -> e != Engine.NATIVE).toList();
        List<Kernel> kernels = results.kernels();
        double max = 1;
        for (Kernel k : kernels) {
            for (Engine e : engines) {
                double hi = high(results, k, e);
                if (!Double.isNaN(hi)) {
                    max = Math.max(max, hi);
                }
            }
        }
        double lo = 0.5;
        double hiAxis = axisEnd(max * 1.3);
        int group = engines.size() * BAR + GAP;
        int top = 58 + 16 * ((engines.size() + 2) / 3);
        int rows = kernels.size() + 1;
        int height = top + rows * group + 40;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", LEFT + PLOT + 70, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                escape(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"36\">time per call relative to native Rust "
                + "(log scale; lower is faster; whiskers: JMH 99.9%% confidence interval)</text>%n"));
        for (int i = 0; i < engines.size(); i++) {
            int x = 10 + (i % 3) * 260;
            int y = 50 + (i / 3) * 16;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y, color(engines.get(i)), x + 16, y + 9,
                    engines.get(i).id()));
        }
        // Grid and axis labels.
        double[] ticks = {0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
        int bottom = top + rows * group;
        for (double t : ticks) {
            if (t < lo || t > hiAxis) {
                continue;
            }
            double x = x(t, lo, hiAxis);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s×</text>%n", x, top - 4, x, bottom,
                    t == 1 ? "#000000" : "#dddddd", x, bottom + 14, trim(t)));
        }
        int y = top;
        for (Kernel k : kernels) {
            s.append(label(k.id(), y, group));
            for (int i = 0; i < engines.size(); i++) {
                s.append(bar(results, k, engines.get(i), y + i * BAR, lo, hiAxis));
            }
            y += group;
        }
        s.append(label("geomean", y, group));
        for (int i = 0; i < engines.size(); i++) {
            Results.Geomean g = results.geomean(engines.get(i), Engine.NATIVE);
            if (!Double.isNaN(g.value())) {
                s.append(rect(engines.get(i), y + i * BAR, g.value(), lo, hiAxis));
                s.append(value(g.value(), g.value(), y + i * BAR, lo, hiAxis));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String label(String text, int y, int group) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 8,
                y + (group - GAP) / 2 + 4, escape(text));
    }

    private static String bar(Results results, Kernel k, Engine e, int y, double lo, double hi) {
        double r = results.ratio(k, e, Engine.NATIVE);
        if (Double.isNaN(r)) {
            boolean nativeRan = results.score(k, Engine.NATIVE) != null;
            return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"%s\">%s failed</text>%n",
                    LEFT + 4, y + BAR - 1, color(e), nativeRan ? e.id() : "native");
        }
        StringBuilder s = new StringBuilder(rect(e, y, r, lo, hi));
        Results.Score score = results.score(k, e);
        double labelAt = r;
        if (score.hasError()) {
            double nativeMs = results.score(k, Engine.NATIVE).ms();
            double a = Math.max(lo, (score.ms() - score.error()) / nativeMs);
            double b = (score.ms() + score.error()) / nativeMs;
            double cy = y + (BAR - 1) / 2.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"black\"/>%n", x(a, lo, hi), cy, x(b, lo, hi), cy));
            labelAt = Math.max(r, b);
        }
        s.append(value(r, labelAt, y, lo, hi));
        return s.toString();
    }

    private static String rect(Engine e, int y, double ratio, double lo, double hi) {
        double x0 = x(lo, lo, hi);
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                x0, y, Math.max(1, x(ratio, lo, hi) - x0), BAR - 1, color(e));
    }

    /** The ratio as text, right of {@code at} (the bar's end, or its whisker's when that is further). */
    private static String value(double ratio, double at, int y, double lo, double hi) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\">%s</text>%n",
                x(at, lo, hi) + 4, y + BAR - 1, Report.ratio(ratio));
    }

    /** The first of 1, 2, 5, 10, 20, 50 ... at or above {@code max}. */
    private static double axisEnd(double max) {
        for (double decade = 1; ; decade *= 10) {
            for (double step : new double[] {1, 2, 5}) {
                if (step * decade >= max) {
                    return step * decade;
                }
            }
        }
    }

    private static double x(double ratio, double lo, double hi) {
        double clamped = Math.max(lo, Math.min(hi, ratio));
        return LEFT + PLOT * (Math.log(clamped) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    }

    private static double high(Results results, Kernel k, Engine e) {
        Results.Score score = results.score(k, e);
        Results.Score reference = results.score(k, Engine.NATIVE);
        if (score == null || reference == null) {
            return Double.NaN;
        }
        return (score.ms() + (score.hasError() ? score.error() : 0)) / reference.ms();
    }

    private static String color(Engine e) {
        return COLORS[e.ordinal() % COLORS.length];
    }

    private static String trim(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
