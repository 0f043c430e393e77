package dev.bgcopy.tck.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes the TCK report: for every rule of docs/contract.md §9, the tests carrying its number (tag
 * {@code R<n>} or a display name starting {@code "R<n> "}) and how each ended, then the rules no test
 * covered and the rules only a native binding can check. Registered with the JUnit Platform launcher
 * through ServiceLoader, so any module whose tests run TCK contracts gets
 * {@code target/tck-report.md} (override with {@code -Dtck.report=path}). Writes nothing for a test
 * run without rule-tagged tests.
 */
public final class TckReportListener implements TestExecutionListener {

    private record Outcome(String implementation, String test, String result, String detail) {
    }

    private final Map<String, TestIdentifier> ruleTests = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private volatile TestPlan plan;
    private volatile Instant started;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = Instant.now();
        ruleTests.clear();
        outcomes.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (plan == null) {
            return;
        }
        if (id.isTest()) {
            note(id, "skipped", reason);
        } else {
            for (TestIdentifier d : plan.getDescendants(id)) {
                if (d.isTest()) {
                    note(d, "skipped", reason);
                }
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> note(id, "passed", "");
            case ABORTED -> note(id, "skipped", "aborted: " + firstLine(result.getThrowable().map(Throwable::getMessage).orElse("")));
            case FAILED -> note(id, "FAILED", firstLine(result.getThrowable().map(Throwable::toString).orElse("")));
        }
    }

    private void note(TestIdentifier id, String result, String detail) {
        if (rulesOf(id).isEmpty()) {
            return;
        }
        ruleTests.put(id.getUniqueId(), id);
        outcomes.put(id.getUniqueId(), new Outcome(implementationOf(id), testName(id), result, detail));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (ruleTests.isEmpty()) {
            return;
        }
        Path path = Path.of(System.getProperty("tck.report", "target/tck-report.md"));
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TCK report to " + path, e);
        }
    }

    private String render() {
        Map<Integer, List<Outcome>> byRule = new TreeMap<>();
        Set<String> implementations = new TreeSet<>();
        for (Map.Entry<String, TestIdentifier> e : ruleTests.entrySet()) {
            Outcome o = outcomes.get(e.getKey());
            implementations.add(o.implementation());
            for (int rule : rulesOf(e.getValue())) {
                byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(o);
            }
        }
        Map<String, int[]> totals = new LinkedHashMap<>();
        for (Outcome o : outcomes.values()) {
            int[] t = totals.computeIfAbsent(o.implementation(), k -> new int[3]);
            t[o.result().equals("passed") ? 0 : o.result().equals("FAILED") ? 1 : 2]++;
        }
        StringBuilder md = new StringBuilder();
        md.append("# TCK report\n\n");
        md.append("Run finished ").append(Instant.now()).append(" (").append(Duration.between(started, Instant.now()).toSeconds())
                .append(" s). Rules: docs/contract.md §9, ").append(Rules.count()).append(" rules. tck.tries=")
                .append(System.getProperty("tck.tries", "100")).append(".\n\n");
        md.append("| Implementation | passed | FAILED | skipped |\n|---|---|---|---|\n");
        totals.forEach((impl, t) -> md.append("| ").append(impl).append(" | ").append(t[0]).append(" | ")
                .append(t[1]).append(" | ").append(t[2]).append(" |\n"));
        List<Integer> failedRules = new ArrayList<>();
        List<Integer> uncovered = new ArrayList<>();
        List<Integer> onlySkipped = new ArrayList<>();
        md.append("\n## Rules\n\n| Rule | Mode | Summary | Test | Implementation | Result |\n|---|---|---|---|---|---|\n");
        for (Rules.Rule rule : Rules.all().values()) {
            List<Outcome> list = byRule.getOrDefault(rule.number(), List.of());
            if (list.isEmpty()) {
                uncovered.add(rule.number());
                md.append("| ").append(rule.id()).append(" | ").append(rule.mode()).append(" | ").append(cell(rule.summary()))
                        .append(" | — | — | **NOT COVERED** |\n");
                continue;
            }
            list = new ArrayList<>(new java.util.TreeMap<String, Outcome>(list.stream().collect(java.util.stream.Collectors.toMap(
                    o -> o.implementation() + "\u0000" + o.test(), o -> o, (a, b) -> a.result().equals("FAILED") ? a : b))).values());
            boolean anyFailed = list.stream().anyMatch(o -> o.result().equals("FAILED"));
            boolean anyPassed = list.stream().anyMatch(o -> o.result().equals("passed"));
            if (anyFailed) {
                failedRules.add(rule.number());
            } else if (!anyPassed) {
                onlySkipped.add(rule.number());
            }
            boolean first = true;
            for (Outcome o : list) {
                md.append("| ").append(first ? rule.id() : "").append(" | ").append(first ? rule.mode() : "").append(" | ")
                        .append(first ? cell(rule.summary()) : "").append(" | ").append(cell(o.test())).append(" | ")
                        .append(o.implementation()).append(" | ").append(o.result())
                        .append(o.detail().isEmpty() ? "" : ": " + cell(o.detail())).append(" |\n");
                first = false;
            }
        }
        int ran = byRule.size();
        md.insert(md.indexOf("\n## Rules\n"), "\nRules with at least one test in this run: " + ran + " of " + Rules.count()
                + "; failed: " + failedRules.size() + "; only skipped: " + onlySkipped.size()
                + "; not covered: " + uncovered.size() + ".\n");
        md.append("\n## Failed rules\n\n").append(failedRules.isEmpty() ? "none" : ids(failedRules)).append("\n");
        md.append("\n## Rules not covered by any test in this run\n\n").append(uncovered.isEmpty() ? "none" : ids(uncovered)).append("\n");
        md.append("\n## Rules whose tests were all skipped in this run\n\n");
        if (onlySkipped.isEmpty()) {
            md.append("none\n");
        }
        for (int rule : onlySkipped) {
            Outcome first = byRule.get(rule).get(0);
            md.append("- R").append(rule).append(" (").append(first.implementation()).append("): ").append(first.detail()).append("\n");
        }
        return md.toString();
    }

    private static String ids(List<Integer> rules) {
        StringBuilder sb = new StringBuilder();
        for (int r : rules) {
            sb.append(sb.length() == 0 ? "" : ", ").append('R').append(r);
        }
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** A one-line digest of a failure: whitespace collapsed, at most 400 characters. */
    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 400 ? line.substring(0, 397) + "..." : line;
    }

    private static Set<Integer> rulesOf(TestIdentifier id) {
        Set<Integer> rules = new TreeSet<>();
        for (TestTag tag : id.getTags()) {
            Rules.ofTag(tag.getName()).ifPresent(rules::add);
        }
        Rules.ofLabel(id.getDisplayName()).ifPresent(rules::add);
        return rules;
    }

    /**
     * The implementation a test ran against: the names of its enclosing test classes (e.g.
     * {@code SimulatorTckTest > DoDialect}), since contract methods are declared by the kit's interfaces.
     */
    private String implementationOf(TestIdentifier id) {
        List<String> names = new ArrayList<>();
        Optional<TestIdentifier> parent = plan.getParent(id);
        while (parent.isPresent() && plan.getParent(parent.get()).isPresent()) {
            TestIdentifier p = parent.get();
            if (p.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                names.add(0, p.getDisplayName());
            }
            parent = plan.getParent(p);
        }
        return names.isEmpty() ? "?" : String.join(" > ", names);
    }

    private static String testName(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        String method = source.filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName()).orElse("");
        return method.isEmpty() ? id.getDisplayName() : method;
    }
}
