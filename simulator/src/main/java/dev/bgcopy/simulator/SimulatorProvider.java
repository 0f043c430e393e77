package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link BackgroundCopyProvider} named {@code simulator}, found by {@link java.util.ServiceLoader}.
 * Public only because the service loader requires it: use {@code BackgroundCopy.open("simulator", options)}
 * or {@link Simulator} instead.
 *
 * <p>Options: {@code dialect} = {@code do} (default) or {@code bits}; {@code store} = the absolute path of a
 * directory holding a durable job store (default: none, jobs live as long as the manager). Any other option or value fails
 * with {@code E_INVALIDARG}. Always available, at priority 1000 (after the Windows services).
 */
public final class SimulatorProvider implements BackgroundCopyProvider {

    /** The provider name. */
    public static final String NAME = "simulator";
    /** The option selecting the error-code dialect. */
    public static final String OPTION_DIALECT = "dialect";
    /** The option naming the directory of a durable job store. */
    public static final String OPTION_STORE = "store";

    private static final String OPEN = "BackgroundCopyProvider::open";

    /** For the service loader. */
    public SimulatorProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public IBackgroundCopyManager open(Map<String, String> options) {
        SimulatorConfig.Builder config = SimulatorConfig.builder();
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (OPTION_STORE.equals(option.getKey())) {
                config.store(storeDirectory(option.getValue()));
                continue;
            }
            if (!OPTION_DIALECT.equals(option.getKey())) {
                throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG,
                        "unknown simulator option '" + option.getKey() + "' (known: " + OPTION_DIALECT + ", " + OPTION_STORE + ")");
            }
            String value = option.getValue() == null ? "" : option.getValue().toLowerCase(Locale.ROOT);
            switch (value) {
                case "do" -> config.dialect(Dialect.DO);
                case "bits" -> config.dialect(Dialect.BITS);
                default -> throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG,
                        "dialect must be 'do' or 'bits', not '" + option.getValue() + "'");
            }
        }
        return Simulator.newManager(config.build());
    }

    private static Path storeDirectory(String value) {
        if (value == null || value.isBlank()) {
            throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG, "store must name a directory");
        }
        try {
            Path path = Path.of(value);
            if (!path.isAbsolute()) {
                throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG, "store must be an absolute path, not '" + value + "'");
            }
            return path;
        } catch (InvalidPathException e) {
            throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG, "store is not a valid path: '" + value + "'");
        }
    }
}
