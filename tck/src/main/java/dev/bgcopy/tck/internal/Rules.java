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
 * The catalog of CONTRACT §9 rules R1-R111 (number, mode, summary), read from {@code rules.tsv}.
 */
public final class Rules {

    /** The number of rules in CONTRACT §9. */
    public static final int COUNT = 111;

    private static final Pattern TAG = Pattern.compile("R(\\d{1,3})");
    private static final Pattern LABEL = Pattern.compile("^R(\\d{1,3})\\b.*");

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

    /** Every rule by number, 1..111. */
    public static Map<Integer, Rule> all() {
        return RULES;
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
        try (InputStream in = Rules.class.getResourceAsStream("rules.tsv")) {
            if (in == null) {
                throw new IllegalStateException("rules.tsv is missing from the tck jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                int number = Integer.parseInt(parts[0]);
                rules.put(number, new Rule(number, parts[1], parts[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(rules);
    }
}
