package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link BackgroundCopyProvider} named {@code simulator}, found by {@link java.util.ServiceLoader}.
 * Public only because the service loader requires it: use {@code BackgroundCopy.open("simulator", options)}
 * or {@link Simulator} instead.
 *
 * <p>Options: {@code dialect} = {@code do} (default) or {@code bits}; {@code store} = the absolute path of a
 * directory holding a durable job store (default: none, jobs live as long as the manager);
 * {@code maxConcurrentTransfers} = how many jobs transfer at once (a positive integer, default 4);
 * {@code maxBackgroundBandwidth} / {@code maxForegroundBandwidth} = the caps of {@link
 * SimulatorConfig.Builder#maxBackgroundBandwidth} / {@link SimulatorConfig.Builder#maxForegroundBandwidth}
 * in bytes per second (a non-negative integer, 0 = no cap, the default); {@code trustStore} = a file of the
 * certificates https trusts instead of the JDK's CAs (PKCS#12, JKS, or PEM certificates; see {@link
 * SimulatorConfig.Builder#trustStore}) and {@code trustStorePassword} its password (never printed). A missing
 * or unreadable file, a wrong password or a file that is no key store fails too. Any other option or value fails
 * with {@code E_INVALIDARG}, and nothing is opened. Always available, at priority 1000 (after the Windows services).
 */
public final class SimulatorProvider implements BackgroundCopyProvider {

    /** The provider name. */
    public static final String NAME = "simulator";
    /** The option selecting the error-code dialect. */
    public static final String OPTION_DIALECT = "dialect";
    /** The option naming the directory of a durable job store. */
    public static final String OPTION_STORE = "store";
    /** The option setting how many jobs transfer at once. */
    public static final String OPTION_MAX_CONCURRENT_TRANSFERS = "maxConcurrentTransfers";
    /** The option capping the non-FOREGROUND transfers, bytes per second. */
    public static final String OPTION_MAX_BACKGROUND_BANDWIDTH = "maxBackgroundBandwidth";
    /** The option capping the FOREGROUND transfers, bytes per second. */
    public static final String OPTION_MAX_FOREGROUND_BANDWIDTH = "maxForegroundBandwidth";
    /** The option naming a file of trusted certificates for https: PKCS#12, JKS or PEM. */
    public static final String OPTION_TRUST_STORE = "trustStore";
    /** The option giving the {@link #OPTION_TRUST_STORE} key store's password. */
    public static final String OPTION_TRUST_STORE_PASSWORD = "trustStorePassword";
    private static final List<String> OPTIONS = List.of(OPTION_DIALECT, OPTION_STORE, OPTION_MAX_CONCURRENT_TRANSFERS,
            OPTION_MAX_BACKGROUND_BANDWIDTH, OPTION_MAX_FOREGROUND_BANDWIDTH, OPTION_TRUST_STORE,
            OPTION_TRUST_STORE_PASSWORD);

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
            String value = option.getValue();
            switch (option.getKey()) {
                case OPTION_STORE -> config.store(storeDirectory(value));
                case OPTION_DIALECT -> config.dialect(dialect(value));
                case OPTION_MAX_CONCURRENT_TRANSFERS -> {
                    long transfers = nonNegativeInteger(OPTION_MAX_CONCURRENT_TRANSFERS, value);
                    if (transfers < 1 || transfers > Integer.MAX_VALUE) {
                        throw invalid(OPTION_MAX_CONCURRENT_TRANSFERS + " must be between 1 and " + Integer.MAX_VALUE
                                + ", not '" + quoted(value) + "'");
                    }
                    config.maxConcurrentTransfers((int) transfers);
                }
                case OPTION_MAX_BACKGROUND_BANDWIDTH ->
                        config.maxBackgroundBandwidth(nonNegativeInteger(OPTION_MAX_BACKGROUND_BANDWIDTH, value));
                case OPTION_MAX_FOREGROUND_BANDWIDTH ->
                        config.maxForegroundBandwidth(nonNegativeInteger(OPTION_MAX_FOREGROUND_BANDWIDTH, value));
                case OPTION_TRUST_STORE, OPTION_TRUST_STORE_PASSWORD -> {
                    // Read together below: the password belongs to the file.
                }
                default -> throw invalid("unknown simulator option '" + quoted(option.getKey()) + "' (known: "
                        + String.join(", ", OPTIONS) + ")");
            }
        }
        trust(config, options);
        return Simulator.newManager(config.build());
    }

    private static void trust(SimulatorConfig.Builder config, Map<String, String> options) {
        String file = options.get(OPTION_TRUST_STORE);
        String password = options.get(OPTION_TRUST_STORE_PASSWORD);
        if (file == null) {
            if (password != null) {
                throw invalid(OPTION_TRUST_STORE_PASSWORD + " needs " + OPTION_TRUST_STORE);
            }
            return;
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw invalid(OPTION_TRUST_STORE + " is not a valid path: '" + Arguments.abbreviate(file) + "'");
        }
        try {
            config.trustStore(path, password == null ? null : password.toCharArray());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static Dialect dialect(String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "do" -> Dialect.DO;
            case "bits" -> Dialect.BITS;
            default -> throw invalid("dialect must be 'do' or 'bits', not '" + quoted(value) + "'");
        };
    }

    /** A plain decimal integer from 0 to 2^63-1: no sign, no unit, no spaces. */
    private static long nonNegativeInteger(String option, String value) {
        if (value != null && !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException tooLarge) {
                throw invalid(option + " is larger than " + Long.MAX_VALUE + ": '" + quoted(value) + "'");
            }
        }
        throw invalid(option + " must be a non-negative integer, not '" + quoted(value) + "'");
    }

    /** An option's value as a message quotes it: control characters escaped, at most 120 characters. */
    private static String quoted(String value) {
        return value == null ? "null" : Arguments.abbreviate(value);
    }

    private static BackgroundCopyException invalid(String message) {
        return new BackgroundCopyException(OPEN, HResult.E_INVALIDARG, message);
    }

    private static Path storeDirectory(String value) {
        if (value == null || value.isBlank()) {
            throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG, "store must name a directory");
        }
        try {
            Path path = Path.of(value);
            if (!path.isAbsolute()) {
                throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG, "store must be an absolute path, not '" + quoted(value) + "'");
            }
            return path;
        } catch (InvalidPathException e) {
            throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG, "store is not a valid path: '" + quoted(value) + "'");
        }
    }
}
