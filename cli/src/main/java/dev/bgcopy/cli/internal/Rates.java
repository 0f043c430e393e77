package dev.bgcopy.cli.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses transfer rates into bytes per second: {@code 20MiB/s}, {@code 500KiB/s}, {@code 1.5MB/s},
 * {@code 125000}. Decimal units count powers of 1000 ({@code kB}, {@code MB}, {@code GB}), binary units
 * powers of 1024 ({@code KiB}, {@code MiB}, {@code GiB}); a bare number is bytes per second and
 * {@code /s} is optional. Fractions of a byte are dropped; 0 means no cap.
 */
public final class Rates implements CommandLine.ITypeConverter<Long> {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(|b|kb|kib|mb|mib|gb|gib)(?:/s)?");

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
        long unit = switch (m.group(2)) {
            case "kb" -> 1000L;
            case "kib" -> 1L << 10;
            case "mb" -> 1_000_000L;
            case "mib" -> 1L << 20;
            case "gb" -> 1_000_000_000L;
            case "gib" -> 1L << 30;
            default -> 1L;
        };
        BigDecimal bytesPerSecond = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit))
                .setScale(0, RoundingMode.DOWN);
        if (bytesPerSecond.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new CommandLine.TypeConversionException("'" + text + "' is too large (at most " + Long.MAX_VALUE
                    + " bytes per second)");
        }
        return bytesPerSecond.longValueExact();
    }
}
