package dev.bgcopy.tck.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog of docs/contract.md §9 rules (number, mode, summary), read from the contract itself (packaged into
 * the kit's jar by its build). Numbers are unique but need not be consecutive: §9 reserves a block of numbers for
 * each group of interfaces, so that rules can be added to one group without renumbering another.
 */
public final class Rules {

    private static final Pattern TAG = Pattern.compile("R(\\d{1,3})");
    private static final Pattern LABEL = Pattern.compile("^R(\\d{1,3})\\b.*");

    /** {@code - R<n>. summary — sources — mode}: the form of every rule line in §9. */
    private static final Pattern RULE_LINE = Pattern.compile("^- R(\\d{1,3})\\. (.*) — (.*?) — (.*)$");

    private static final Map<Integer, Rule> RULES = load();

    /** One rule of §9. */
    public record Rule(int number, String mode, String summary) {
        /** {@code R<n>}. */
        public String id() {
            return "R" + number;
        }
    }

    private Rules() {
    }

    /** Every rule by number, in ascending order. */
    public static Map<Integer, Rule> all() {
        return RULES;
    }

    /** How many rules §9 has. */
    public static int count() {
        return RULES.size();
    }

    /** Whether §9 has a rule of this number. */
    public static boolean exists(int number) {
        return RULES.containsKey(number);
    }

    /** The rule number of a tag such as {@code R21}, if it is one. */
    public static Optional<Integer> ofTag(String tag) {
        Matcher m = TAG.matcher(tag);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The rule number a display name starts with ({@code "R21 resume..."}), if any. */
    public static Optional<Integer> ofLabel(String label) {
        Matcher m = LABEL.matcher(label);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static Map<Integer, Rule> load() {
        Map<Integer, Rule> rules = new TreeMap<>();
        try (InputStream in = Rules.class.getResourceAsStream("contract.md")) {
            if (in == null) {
                throw new IllegalStateException("contract.md (docs/contract.md) is missing from the tck jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean inRules = false;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("## ")) {
                    inRules = line.startsWith("## 9.");
                }
                Matcher m = RULE_LINE.matcher(line);
                if (inRules && m.matches()) {
                    int number = Integer.parseInt(m.group(1));
                    Rule previous = rules.put(number, new Rule(number, m.group(4).trim(), m.group(2).replace("`", "").trim()));
                    if (previous != null) {
                        throw new IllegalStateException("docs/contract.md §9 numbers two rules R" + number);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException("docs/contract.md §9 has no rule lines");
        }
        return Collections.unmodifiableMap(rules);
    }
}
