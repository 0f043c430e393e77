package dev.bgcopy.cli.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses transfer rates into bytes per second: {@code 20MiB/s}, {@code 500KiB/s}, {@code 1.5MB/s}, {@code 500k},
 * {@code 125000}, by the units of {@link Units} (the same as {@link Sizes}); a bare number is bytes per second
 * and {@code /s} is optional. Fractions of a byte are dropped; 0 means no cap.
 */
public final class Rates implements CommandLine.ITypeConverter<Long> {

    private static final Pattern RATE = Pattern.compile(Units.AMOUNT + "(?:/s)?");

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** The bytes per second written as {@code text}. */
    public static long parse(String text) {
        Matcher m = RATE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a rate: use e.g. 20MiB/s, 500KiB/s, 1.5MB/s or 125000 (bytes per second)");
        }
        return Units.scaled(m.group(1), m.group(2)).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + text + "' is too large (at most " + Long.MAX_VALUE + " bytes per second)"));
    }
}
