package dev.bgcopy.cli.internal;

import dev.bgcopy.api.Dialect;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes ({@code --backend}, {@code --store}, {@code --dialect},
 * {@code --verbose}), accepted before or after the command name.
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

    /** {@code --verbose}. */
    public boolean verbose() {
        return verbose;
    }
}
