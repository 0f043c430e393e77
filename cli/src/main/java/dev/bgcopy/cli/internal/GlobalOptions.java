package dev.bgcopy.cli.internal;

import dev.bgcopy.api.Dialect;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes ({@code --backend}, {@code --store}, {@code --dialect},
 * {@code --max-transfers}, {@code --max-rate}, {@code --max-foreground-rate}, {@code --ca-file}, {@code --verbose}), accepted
 * before or after the command name.
 */
public final class GlobalOptions {

    /** The {@code --store} value that asks for the in-memory simulator: jobs end with the command. */
    public static final String IN_MEMORY = ":memory:";

    @Option(names = "--backend", paramLabel = "do|bits|simulator", scope = ScopeType.INHERIT,
            description = "Transfer service: do (Windows Delivery Optimization), bits (Windows BITS) or simulator. "
                    + "Default: do where available, else simulator.")
    Backend backend;

    @Option(names = "--store", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Simulator only: the directory of its durable job store (default: the per-user "
                    + "application-data directory), or " + IN_MEMORY + " for jobs that end with the command.")
    String store;

    @Option(names = "--dialect", paramLabel = "do|bits", scope = ScopeType.INHERIT,
            description = "Simulator only: report DO_E_* (do, default) or BG_E_* (bits) codes.")
    Dialect dialect;

    @Option(names = "--max-transfers", paramLabel = "N", scope = ScopeType.INHERIT, converter = PositiveCount.class,
            description = "Simulator only: how many jobs transfer at once (default 4). A FOREGROUND job never "
                    + "waits: a lower-priority transfer yields its slot and resumes later.")
    Integer maxTransfers;

    @Option(names = "--max-rate", paramLabel = "RATE", scope = ScopeType.INHERIT, converter = Rates.class,
            description = "Simulator only: cap all non-FOREGROUND transfers together at RATE, e.g. 20MiB/s, "
                    + "500KiB/s, 1.5MB/s (MB = 10^6, MiB = 2^20 bytes; a bare number is bytes/s; 0 = no cap). "
                    + "On do and bits the caps are the service's policies (DOMaxBackgroundDownloadBandwidth, "
                    + "BITS MaxTransferRateOnSchedule), so the option is refused there.")
    Long maxRate;

    @Option(names = "--max-foreground-rate", paramLabel = "RATE", scope = ScopeType.INHERIT, converter = Rates.class,
            description = "Simulator only: cap all FOREGROUND transfers together at RATE, as --max-rate "
                    + "(DOMaxForegroundDownloadBandwidth on do).")
    Long maxForegroundRate;

    @Option(names = "--ca-file", paramLabel = "PEM", scope = ScopeType.INHERIT,
            description = "Simulator only: trust, for https, the CA certificates of this PEM file (one or more) "
                    + "instead of the JVM's CAs: the way to reach a server of a private CA. On do and bits, "
                    + "trust is Windows' certificate store, so the option is refused there.")
    String caFile;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of a failure, and the bgcopy modules' log (dev.bgcopy.*, "
                    + "DEBUG and up) on stderr.")
    boolean verbose;

    /** {@code --backend}, or null for the default. */
    public Backend backend() {
        return backend;
    }

    /** {@code --store}, or null for the default. */
    public String store() {
        return store;
    }

    /** {@code --dialect}, or null for the default. */
    public Dialect dialect() {
        return dialect;
    }

    /** {@code --max-transfers}, or null for the default. */
    public Integer maxTransfers() {
        return maxTransfers;
    }

    /** {@code --max-rate} in bytes per second, or null for no cap. */
    public Long maxRate() {
        return maxRate;
    }

    /** {@code --max-foreground-rate} in bytes per second, or null for no cap. */
    public Long maxForegroundRate() {
        return maxForegroundRate;
    }

    /** {@code --ca-file}, or null for the JVM's trusted CAs. */
    public String caFile() {
        return caFile;
    }

    /** Parses a count of at least 1. */
    static final class PositiveCount implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int count = Integer.parseInt(value.strip());
                if (count >= 1) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number from 1 to "
                    + Integer.MAX_VALUE);
        }
    }

    /** {@code --verbose}. */
    public boolean verbose() {
        return verbose;
    }
}
