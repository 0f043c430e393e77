package dev.bgcopy.benchmarks;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one markdown table from a JMH JSON result file and the {@link ThroughputComparison} result:
 * benchmark, value, unit, reference, ratio. Each latency row is set against the floor measured in
 * the same run (the {@code baseline} of its class with the same parameters); the download against curl.
 *
 * <p>Usage: {@code ReportTable JMH.json [THROUGHPUT.json]}.
 */
public final class ReportTable {

    private ReportTable() {
    }

    public static void main(String[] args) throws IOException {
        List<Object> jmh = JSON.std.listFrom(Files.readString(Path.of(args[0])));
        Map<String, Double> baselines = new HashMap<>();
        for (Object o : jmh) {
            Map<?, ?> row = (Map<?, ?>) o;
            String name = (String) row.get("benchmark");
            if (name.endsWith(".baseline")) {
                baselines.put(classOf(name) + params(row), score(row));
            }
        }
        StringBuilder table = new StringBuilder();
        table.append("| benchmark | value | unit | reference | ratio |\n");
        table.append("| --- | ---: | --- | --- | ---: |\n");
        for (Object o : jmh) {
            Map<?, ?> row = (Map<?, ?>) o;
            String name = (String) row.get("benchmark");
            Map<?, ?> metric = (Map<?, ?>) row.get("primaryMetric");
            String label = shortName(name) + params(row);
            String value = format(score(row)) + " ± " + format(((Number) metric.get("scoreError")).doubleValue());
            Double floor = baselines.get(classOf(name) + params(row));
            boolean isBaseline = name.endsWith(".baseline");
            String reference = floor == null || isBaseline ? "" : format(floor) + " (" + floorName(row) + ")";
            String ratio = floor == null || isBaseline ? "" : String.format(Locale.ROOT, "%.2fx", score(row) / floor);
            table.append(String.format("| %s | %s | %s | %s | %s |%n", label, value, metric.get("scoreUnit"), reference, ratio));
        }
        if (args.length > 1 && Files.exists(Path.of(args[1]))) {
            Map<String, Object> t = JSON.std.mapFrom(Files.readString(Path.of(args[1])));
            double sim = ((Number) t.get("simulatorMedianNanos")).doubleValue() / 1e9;
            double curl = ((Number) t.get("curlMedianNanos")).doubleValue() / 1e9;
            long bytes = ((Number) t.get("bytes")).longValue();
            String what = String.format(Locale.ROOT, "download %d MiB from %s, median of %s", bytes >> 20, t.get("server"), t.get("runs"));
            table.append(String.format(Locale.ROOT, "| simulator %s | %.2f | s | %.2f s (curl -o) | %.2fx |%n", what, sim, curl, sim / curl));
            table.append(String.format(Locale.ROOT, "| simulator throughput | %.0f | MiB/s | %.0f MiB/s (curl -o) | %.2fx |%n",
                    bytes / sim / (1 << 20), bytes / curl / (1 << 20), curl / sim));
            table.append(String.format(Locale.ROOT, "| simulator peak heap (pools' peaks, -Xmx%s) | %.1f | MiB | 64 MiB (target) | %.2fx |%n",
                    t.get("simulatorXmx"), ((Number) t.get("peakHeapBytes")).doubleValue() / (1 << 20),
                    ((Number) t.get("peakHeapBytes")).doubleValue() / (64 << 20)));
            table.append(String.format(Locale.ROOT, "| simulator peak RSS (VmHWM) | %.1f | MiB | | |%n",
                    ((Number) t.get("peakRssKiB")).doubleValue() / 1024));
        }
        System.out.print(table);
    }

    /** What the {@code baseline} of a row's service measures, for the reference column. */
    private static String floorName(Map<?, ?> row) {
        return row.get("params") instanceof Map<?, ?> p && "loopback".equals(p.get("service"))
                ? "floor: bare JNA downcall, same object" : "floor: volatile read";
    }

    private static double score(Map<?, ?> row) {
        return ((Number) ((Map<?, ?>) row.get("primaryMetric")).get("score")).doubleValue();
    }

    private static String classOf(String benchmark) {
        return benchmark.substring(0, benchmark.lastIndexOf('.'));
    }

    private static String shortName(String benchmark) {
        String cls = classOf(benchmark);
        return cls.substring(cls.lastIndexOf('.') + 1).replace("Benchmark", "") + "." + benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static String params(Map<?, ?> row) {
        Object p = row.get("params");
        return p instanceof Map<?, ?> m && !m.isEmpty() ? " " + m : "";
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
