package dev.bgcopy.benchmarks;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Prints the markdown tables of {@code benchmarks/run.sh}: the whole-process download runs (min / median /
 * max of the server-side transfer time, CPU and max RSS per client, with the median ratios against the
 * case's reference client), then the JMH results: averages, the binding's {@code GetProgress} (direct
 * and hopping) against its floor, and the percentiles of the sampled benchmarks. Then the notes of the run (cases that
 * could not run, and why).
 *
 * <p>Usage: {@code ReportTable RUNS.tsv JMH.json NOTES.txt [FOREGROUND.tsv]}; a missing file is skipped.
 */
public final class ReportTable {

    /** The client each case is set against: curl for one file, {@code wget -i} (the target) for many. */
    private static final Map<String, String> REFERENCE = Map.of("throughput", "curl", "many", "wget -i");

    private static final long CAP_BYTES_PER_SECOND = 20L << 20;

    private ReportTable() {
    }

    /** One line of runs.tsv. */
    record Run(String caseName, String client, double spanSeconds, double requestTimeSum, long bytes, int requests,
               double cpuSeconds, long maxRssKiB) {

        static Run parse(String line) {
            String[] f = line.split("\t");
            return new Run(f[0], f[1], Double.parseDouble(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5]),
                    Integer.parseInt(f[6]), Double.parseDouble(f[7]), Long.parseLong(f[8]));
        }
    }

    public static void main(String[] args) throws IOException {
        StringBuilder report = new StringBuilder();
        Path runs = Path.of(args[0]);
        if (Files.exists(runs)) {
            processTables(Files.readAllLines(runs).stream().skip(1).filter(l -> !l.isBlank()).map(Run::parse).toList(), report);
        }
        if (args.length > 3 && Files.exists(Path.of(args[3]))) {
            foregroundTable(Files.readAllLines(Path.of(args[3])).stream().skip(1).filter(l -> !l.isBlank())
                    .map(l -> l.split("\t")).toList(), report);
        }
        if (args.length > 1 && Files.exists(Path.of(args[1]))) {
            jmhTables(JSON.std.listFrom(Files.readString(Path.of(args[1]))), report);
        }
        if (args.length > 2 && Files.exists(Path.of(args[2]))) {
            for (String note : Files.readAllLines(Path.of(args[2]))) {
                report.append("- ").append(note).append('\n');
            }
        }
        System.out.print(report);
    }

    private static void processTables(List<Run> all, StringBuilder report) {
        Map<String, Map<String, List<Run>>> byCase = new LinkedHashMap<>();
        for (Run run : all) {
            byCase.computeIfAbsent(run.caseName(), c -> new LinkedHashMap<>()).computeIfAbsent(run.client(), c -> new ArrayList<>()).add(run);
        }
        for (Map.Entry<String, Map<String, List<Run>>> entry : byCase.entrySet()) {
            String caseName = entry.getKey();
            Map<String, List<Run>> clients = entry.getValue();
            Run first = clients.values().iterator().next().get(0);
            report.append(String.format(Locale.ROOT, "%n### %s: %d file(s), %s per run%n%n", caseName, first.requests(), mib(first.bytes())));
            if (caseName.equals("cap")) {
                capTable(clients, report);
                continue;
            }
            String referenceName = REFERENCE.getOrDefault(caseName, "curl");
            List<Run> reference = clients.get(referenceName);
            report.append("| client | runs | transfer time, s (min / median / max) | time / ").append(referenceName)
                    .append(" | Σ $request_time, s (median) | CPU user+sys, s (min / median / max) | CPU / ").append(referenceName)
                    .append(" | max RSS, MiB (min / median / max) |\n");
            report.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (Map.Entry<String, List<Run>> client : clients.entrySet()) {
                List<Run> r = client.getValue();
                report.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.3f | %s | %s | %s |%n",
                        client.getKey(), r.size(),
                        spread(r, Run::spanSeconds, "%.3f"), ratio(r, reference, Run::spanSeconds),
                        median(r, Run::requestTimeSum),
                        spread(r, Run::cpuSeconds, "%.2f"), ratio(r, reference, Run::cpuSeconds),
                        spread(r, run -> run.maxRssKiB() / 1024.0, "%.0f")));
            }
        }
    }

    private static void capTable(Map<String, List<Run>> clients, StringBuilder report) {
        report.append("| client | runs | achieved rate = bytes / Σ $request_time, MiB/s (min / median / max) | worst deviation from 20 MiB/s |\n");
        report.append("| --- | ---: | ---: | ---: |\n");
        for (Map.Entry<String, List<Run>> client : clients.entrySet()) {
            List<Run> r = client.getValue();
            ToDoubleFunction<Run> rate = run -> run.bytes() / run.requestTimeSum();
            double worst = r.stream().mapToDouble(run -> Math.abs(rate.applyAsDouble(run) / CAP_BYTES_PER_SECOND - 1)).max().orElse(0);
            report.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f%% |%n", client.getKey(), r.size(),
                    spread(r, run -> rate.applyAsDouble(run) / (1 << 20), "%.2f"), worst * 100));
        }
    }

    /** The rows of foreground.tsv: run, ms to TRANSFERRING, ms to the first byte, ms to the request at nginx, NORMAL jobs left transferring. */
    private static void foregroundTable(List<String[]> rows, StringBuilder report) {
        if (rows.isEmpty()) {
            return;
        }
        report.append(String.format(Locale.ROOT, "%n### foreground: a FOREGROUND job resumed while 4 NORMAL jobs hold the 4 slots, %d runs%n%n",
                rows.size()));
        report.append("| from Resume to | ms (min / median / max) |\n| --- | ---: |\n");
        String[] what = {"", "the job's state TRANSFERRING (in the process)", "its first byte received (in the process)",
                "the start of its request (nginx's log; 1 ms resolution)"};
        for (int column = 1; column <= 3; column++) {
            int c = column;
            report.append("| ").append(what[c]).append(" | ")
                    .append(spread(rows, row -> Double.parseDouble(row[c]), "%.1f")).append(" |\n");
        }
        report.append(String.format(Locale.ROOT, "%nNORMAL jobs still transferring when it started (min / median / max): %s%n",
                spread(rows, row -> Double.parseDouble(row[4]), "%.0f")));
    }

    private static void jmhTables(List<Object> rows, StringBuilder report) {
        Map<String, Double> floors = new LinkedHashMap<>();
        for (Object o : rows) {
            Map<?, ?> row = (Map<?, ?>) o;
            String name = shortName((String) row.get("benchmark"));
            if (name.startsWith("BindingFloor.floor")) {
                floors.put(name, score(row));
            }
        }
        report.append("\n### JMH\n\n| benchmark | mode | value | unit | against the floors |\n| --- | --- | ---: | --- | --- |\n");
        List<Map<?, ?>> sampled = new ArrayList<>();
        for (Object o : rows) {
            Map<?, ?> row = (Map<?, ?>) o;
            if ("sample".equals(row.get("mode"))) {
                sampled.add(row);
                continue;
            }
            String name = shortName((String) row.get("benchmark"));
            Map<?, ?> metric = (Map<?, ?>) row.get("primaryMetric");
            String against = "";
            if (name.startsWith("BindingFloor.measure")) {
                StringBuilder s = new StringBuilder();
                floors.forEach((floor, value) -> s.append(String.format(Locale.ROOT, "%s%.2fx %s", s.length() == 0 ? "" : "; ",
                        score(row) / value, floor.substring("BindingFloor.".length()))));
                against = s.toString();
            }
            report.append(String.format("| %s%s | %s | %s ± %s | %s | %s |%n", name, params(row), row.get("mode"),
                    format(score(row)), metric.get("scoreError") instanceof Number error ? format(error.doubleValue()) : "n/a",
                    metric.get("scoreUnit"), against));
        }
        if (!sampled.isEmpty()) {
            report.append("\n| benchmark (sampled) | samples | p50 | p90 | p99 | p99.9 | max | unit |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
            for (Map<?, ?> row : sampled) {
                Map<?, ?> metric = (Map<?, ?>) row.get("primaryMetric");
                Map<?, ?> p = (Map<?, ?>) metric.get("scorePercentiles");
                Object raw = metric.get("rawDataHistogram");
                report.append(String.format("| %s%s | %s | %s | %s | %s | %s | %s | %s |%n", shortName((String) row.get("benchmark")), params(row),
                        raw == null ? "" : Long.toString(sampleCount(raw)),
                        percentile(p, "50.0"), percentile(p, "90.0"), percentile(p, "99.0"), percentile(p, "99.9"), percentile(p, "100.0"),
                        metric.get("scoreUnit")));
            }
        }
    }

    /** The number of samples in JMH's raw histogram: forks, iterations, then [value, count] pairs. */
    private static long sampleCount(Object histogram) {
        long count = 0;
        for (Object fork : (List<?>) histogram) {
            for (Object iteration : (List<?>) fork) {
                for (Object pair : (List<?>) iteration) {
                    count += ((Number) ((List<?>) pair).get(1)).longValue();
                }
            }
        }
        return count;
    }

    private static String percentile(Map<?, ?> percentiles, String key) {
        Object value = percentiles.get(key);
        return value == null ? "" : format(((Number) value).doubleValue());
    }

    private static <T> String spread(List<T> runs, ToDoubleFunction<T> value, String format) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        return String.format(Locale.ROOT, format + " / " + format + " / " + format, sorted[0], median(sorted), sorted[sorted.length - 1]);
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return median(runs.stream().mapToDouble(value).sorted().toArray());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String ratio(List<Run> runs, List<Run> reference, ToDoubleFunction<Run> value) {
        return reference == null ? "" : String.format(Locale.ROOT, "%.2fx", median(runs, value) / median(reference, value));
    }

    private static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.0f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    private static double score(Map<?, ?> row) {
        return ((Number) ((Map<?, ?>) row.get("primaryMetric")).get("score")).doubleValue();
    }

    private static String shortName(String benchmark) {
        String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
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
