package dev.wasm2jar.bench.report;

import dev.wasm2jar.bench.Engine;
import dev.wasm2jar.bench.kernel.Kernel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.jr.ob.JSON;

/** The scores of one JMH JSON file, by kernel and engine, with what the report needs to say about the runs. */
final class Results {
    /**
     * One benchmark's primary metric in ms/op. {@code error} is JMH's half-width of the 99.9% confidence interval, NaN
     * when there were too few samples for one.
     */
    record Score(double ms, double error, String mode, int forks, int warmups, String warmupTime, int measurements,
            String measurementTime, List<String> jvmArgs) {
        boolean hasError() {
            return !Double.isNaN(error);
        }
    }

    final Map<Kernel, Map<Engine, Score>> scores = new EnumMap<>(Kernel.class);
    final Set<Engine> engines = new LinkedHashSet<>();
    String jdk = "";
    String vm = "";

    @SuppressWarnings("unchecked")
    static Results read(String json) {
        Results results = new Results();
        for (Object o : JSON.std.listFrom(json)) {
            Map<String, Object> run = (Map<String, Object>) o;
            Map<String, Object> params = (Map<String, Object>) run.get("params");
            Map<String, Object> metric = (Map<String, Object>) run.get("primaryMetric");
            if (!"ms/op".equals(metric.get("scoreUnit"))) {
                throw new IllegalArgumentException("expected ms/op, not " + metric.get("scoreUnit"));
            }
            Kernel kernel = Kernel.of((String) params.get("kernel"));
            Engine engine = Engine.of((String) params.get("engine"));
            List<String> args = new ArrayList<>();
            for (Object a : (List<Object>) run.get("jvmArgs")) {
                args.add((String) a);
            }
            Score score = new Score(number(metric.get("score")), number(metric.get("scoreError")),
                    (String) run.get("mode"), (int) number(run.get("forks")), (int) number(run.get("warmupIterations")),
                    (String) run.get("warmupTime"), (int) number(run.get("measurementIterations")),
                    (String) run.get("measurementTime"), args);
            results.scores.computeIfAbsent(kernel, k -> new EnumMap<>(Engine.class)).put(engine, score);
            results.engines.add(engine);
            results.jdk = (String) run.get("jdkVersion");
            results.vm = run.get("vmName") + " " + run.get("vmVersion");
        }
        return results;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN; // JMH writes "NaN" as a string
    }

    Score score(Kernel kernel, Engine engine) {
        Map<Engine, Score> byEngine = scores.get(kernel);
        return byEngine == null ? null : byEngine.get(engine);
    }

    /** Kernels that were run at all, in {@link Kernel} order. */
    List<Kernel> kernels() {
        return List.copyOf(scores.keySet());
    }

    /** Engines in {@link Engine} order, native first. */
    List<Engine> engines() {
        return engines.stream().sorted().toList();
    }

    /** time(a) / time(b) for a kernel, or NaN when either failed. */
    double ratio(Kernel kernel, Engine a, Engine b) {
        Score x = score(kernel, a);
        Score y = score(kernel, b);
        return x == null || y == null ? Double.NaN : x.ms() / y.ms();
    }

    /** The geometric mean of {@link #ratio} over the kernels where both engines have a score, and how many. */
    record Geomean(double value, int kernels) {}

    Geomean geomean(Engine a, Engine b) {
        double logSum = 0;
        int n = 0;
        for (Kernel k : kernels()) {
            double r = ratio(k, a, b);
            if (!Double.isNaN(r)) {
                logSum += Math.log(r);
                n++;
            }
        }
        return new Geomean(n == 0 ? Double.NaN : Math.exp(logSum / n), n);
    }
}
