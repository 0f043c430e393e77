package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link BackgroundCopyProvider} named {@code simulator}, found by {@link java.util.ServiceLoader}.
 * Public only because the service loader requires it: use {@code BackgroundCopy.open("simulator", options)}
 * or {@link Simulator} instead.
 *
 * <p>Options: {@code dialect} = {@code do} (default) or {@code bits}. Any other option or value fails
 * with {@code E_INVALIDARG}. Always available, at priority 1000 (after the Windows services).
 */
public final class SimulatorProvider implements BackgroundCopyProvider {

    /** The provider name. */
    public static final String NAME = "simulator";
    /** The option selecting the error-code dialect. */
    public static final String OPTION_DIALECT = "dialect";

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
            if (!OPTION_DIALECT.equals(option.getKey())) {
                throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG,
                        "unknown simulator option '" + option.getKey() + "' (known: " + OPTION_DIALECT + ")");
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
}
