package dev.bgcopy.cli.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses byte counts: {@code 1048576}, {@code 64k}, {@code 8M}, {@code 256MiB}, {@code 1G} (binary units). */
public final class Sizes implements CommandLine.ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

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
        int shift = switch (m.group(2)) {
            case "k", "kb", "kib" -> 10;
            case "m", "mb", "mib" -> 20;
            case "g", "gb", "gib" -> 30;
            default -> 0;
        };
        try {
            long amount = Long.parseLong(m.group(1));
            if (amount > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return amount << shift;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is too large");
        }
    }
}
