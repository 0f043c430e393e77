package dev.bgcopy.cli.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses byte counts: {@code 1048576}, {@code 64k}, {@code 8M}, {@code 256MiB}, {@code 1G}, {@code 1.5MB}, by
 * the units of {@link Units} (the same as {@link Rates}); fractions of a byte are dropped.
 */
public final class Sizes implements CommandLine.ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile(Units.AMOUNT);

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** The byte count written as {@code text}. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a size: use e.g. 1048576, 64k, 8M or 256MiB");
        }
        return Units.scaled(m.group(1), m.group(2))
                .orElseThrow(() -> new CommandLine.TypeConversionException("'" + text + "' is too large"));
    }
}
