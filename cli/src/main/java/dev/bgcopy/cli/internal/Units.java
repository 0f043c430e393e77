package dev.bgcopy.cli.internal;

import java.time.Duration;
import java.util.Locale;

/** Byte counts, rates and durations as people read them ({@code 12.5 MiB}, {@code 80.3 MiB/s}, {@code 1m05s}). */
public final class Units {

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

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

    /** {@code part} of {@code total} as a percentage with one decimal ({@code 40.2%}). */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
