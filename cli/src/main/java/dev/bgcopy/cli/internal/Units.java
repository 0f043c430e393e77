package dev.bgcopy.cli.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Byte counts, rates and durations as people read them ({@code 12.5 MiB}, {@code 80.3 MiB/s}, {@code 1m05s}),
 * and the one rule by which sizes ({@link Sizes}) and rates ({@link Rates}) are read: {@code KiB}, {@code MiB},
 * {@code GiB} and the single letters {@code k}, {@code M}, {@code G} (as dd and curl read them) count powers of
 * 1024; {@code kB}, {@code MB}, {@code GB} count powers of 1000; no unit or {@code B} is bytes.
 */
public final class Units {

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /** An amount and its unit, lower-cased, for {@link #scaled}. */
    static final String AMOUNT = "(\\d+(?:\\.\\d+)?)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)";

    private Units() {
    }

    /** A {@code UINT64} byte count (raw bits, unsigned) with a binary unit. */
    public static String bytes(long raw) {
        if (raw >= 0 && raw < 1024) {
            return raw + " B";
        }
        double value = raw >= 0 ? raw : (double) (raw >>> 1) * 2.0;
        int unit = 0;
        while (value >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BINARY[unit]);
    }

    /** Bytes per second with a binary unit. */
    public static String rate(double bytesPerSecond) {
        if (!Double.isFinite(bytesPerSecond) || bytesPerSecond < 0) {
            return "? B/s";
        }
        return bytes((long) bytesPerSecond) + "/s";
    }

    /** {@code 0.8s}, {@code 42s}, {@code 3m07s}, {@code 2h05m}. */
    public static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /**
     * {@code number} (digits, with an optional decimal fraction) times {@code unit} (a lower-cased unit of
     * {@link #AMOUNT}), fractions of a byte dropped; empty when the result exceeds {@code Long.MAX_VALUE}.
     */
    static OptionalLong scaled(String number, String unit) {
        long factor = switch (unit) {
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "kb" -> 1000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1L;
        };
        BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.DOWN);
        return bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? OptionalLong.empty() : OptionalLong.of(bytes.longValueExact());
    }

    /** {@code part} of {@code total} as a percentage with one decimal ({@code 40.2%}). */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
