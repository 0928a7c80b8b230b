package dev.wasm2jar.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.bench.Engine;
import dev.wasm2jar.bench.kernel.Kernel;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on a small JMH JSON file written by hand. No timing. */
class ReportTest {
    private static String run(String kernel, String engine, String score, String error) {
        return """
                {"benchmark": "dev.wasm2jar.bench.KernelBenchmark.run", "mode": "avgt", "threads": 1, "forks": 1,
                 "jvm": "/usr/bin/java", "jvmArgs": ["-Xmx2g", "-Dbench.native=/tmp/native"],
                 "jdkVersion": "25", "vmName": "VM", "vmVersion": "25+1",
                 "warmupIterations": 2, "warmupTime": "1 s", "warmupBatchSize": 1,
                 "measurementIterations": 3, "measurementTime": "1 s", "measurementBatchSize": 1,
                 "params": {"kernel": "%s", "engine": "%s"},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreConfidence": [0, 0],
                   "scorePercentiles": {}, "scoreUnit": "ms/op", "rawData": [[1.0]]},
                 "secondaryMetrics": {}}""".formatted(kernel, engine, score, error);
    }

    private static final String JSON = "[" + String.join(",",
            run("fib", "native", "2.0", "0.1"), run("fib", "wasm2jar", "4.0", "0.2"),
            run("sort", "native", "10.0", "1.0"), run("sort", "wasm2jar", "10.0", "\"NaN\""),
            run("fib", "graalwasm", "8.0", "0.5")) + "]";

    @Test
    void ratiosAndGeometricMeans() {
        Results r = Results.read(JSON);
        assertEquals(2.0, r.ratio(Kernel.FIB, Engine.WASM2JAR, Engine.NATIVE), 1e-12);
        Results.Geomean g = r.geomean(Engine.WASM2JAR, Engine.NATIVE);
        assertEquals(Math.sqrt(2.0 * 1.0), g.value(), 1e-12);
        assertEquals(2, g.kernels());
        Results.Geomean peer = r.geomean(Engine.WASM2JAR, Engine.GRAALWASM);
        assertEquals(0.5, peer.value(), 1e-12);
        assertEquals(1, peer.kernels(), "only the kernels both engines ran");
    }

    @Test
    void markdownMarksMissingResultsAndMissingErrors() {
        String md = Report.markdown(Results.read(JSON), "chart.svg", null, null);
        assertTrue(md.contains("| fib | 32 | 2.00 ± 0.10 | 4.00 ± 0.20 (2.00×) | 8.00 ± 0.50 (4.00×) |"), md);
        assertTrue(md.contains("| sort | 200000 | 10.0 ± 1.00 | 10.0 (1.00×) | **failed** |"), md);
        assertTrue(md.contains("- graalwasm: **0.50×** over 1 kernel"), md);
        assertTrue(md.contains("`-Xmx2g -Dbench.native=…`"), md);
    }

    @Test
    void ratiosKeepTwoSignificantDigitsBelowOneTenth() {
        assertEquals("0.0066×", Report.ratio(0.00662));
        assertEquals("0.39×", Report.ratio(0.3912));
        assertEquals("41.6×", Report.ratio(41.63));
        assertEquals("1236×", Report.ratio(1236.2));
    }

    @Test
    void spliceReplacesOnlyTheMarkedSection() {
        String readme = "# x\n" + Report.BEGIN + "\nold\n" + Report.END + "\nrest\n";
        assertEquals("# x\n" + Report.BEGIN + "\nnew\n" + Report.END + "\nrest\n", Report.splice(readme, "new\n"));
    }

    @Test
    void chartIsSvgWithOneBarPerResult() {
        String svg = Chart.svg(Results.read(JSON), "t");
        assertTrue(svg.startsWith("<svg"));
        assertTrue(svg.contains("graalwasm failed"), "sort has no graalwasm result");
    }
}
