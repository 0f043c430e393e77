package dev.bgcopy.cli.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses {@code --timeout DURATION}: a sequence of amounts with units {@code ms}, {@code s}, {@code m},
 * {@code h}, {@code d} ({@code 90s}, {@code 1h30m}, {@code 250ms}), a bare number of seconds, or
 * ISO-8601 ({@code PT1M30S}). Negative durations are rejected.
 */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * The duration written as {@code text}.
     *
     * @throws CommandLine.TypeConversionException when the text is not a duration
     */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                Duration d = Duration.parse(text.strip());
                if (d.isNegative()) {
                    throw malformed(text);
                }
                return d;
            } catch (DateTimeParseException e) {
                throw malformed(text);
            }
        }
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(parseAmount(t, text));
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw malformed(text);
            }
            long amount = parseAmount(m.group(1), text);
            try {
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            } catch (ArithmeticException e) {
                throw malformed(text);
            }
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw malformed(text);
        }
        return total;
    }

    /**
     * {@code wait --timeout}: at most {@link #MAX_TIMEOUT}, so that no deadline overflows the clock a
     * wait is measured with.
     */
    public static final class Timeout implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return within(value, Duration.ZERO, MAX_TIMEOUT, "at most 365d");
        }
    }

    /**
     * {@code monitor --interval}: from {@link #MIN_INTERVAL}, so the table is not redrawn in a busy
     * loop, to {@link #MAX_INTERVAL}.
     */
    public static final class Interval implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return within(value, MIN_INTERVAL, MAX_INTERVAL, "from 100ms to 1d");
        }
    }

    /** The longest {@code wait --timeout}: 365 days. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(365);
    /** The shortest {@code monitor --interval}: 100 ms. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** The longest {@code monitor --interval}: 1 day. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);

    /** {@link #parse} of {@code text}, refused outside {@code [min, max]}, which {@code range} says in words. */
    static Duration within(String text, Duration min, Duration max, String range) {
        Duration d = parse(text);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new CommandLine.TypeConversionException("'" + text + "' is out of range: give " + range);
        }
        return d;
    }

    private static long parseAmount(String digits, String whole) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw malformed(whole);
        }
    }

    private static CommandLine.TypeConversionException malformed(String text) {
        return new CommandLine.TypeConversionException(
                "'" + text + "' is not a duration: use e.g. 90s, 5m, 1h30m, 250ms or PT1M");
    }
}
