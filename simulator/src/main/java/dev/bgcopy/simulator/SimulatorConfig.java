package dev.bgcopy.simulator;

import dev.bgcopy.api.Dialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How a simulated service behaves: its dialect, clock, network and limits — the simulator's
 * counterpart of what configures the Windows services (which service answers, DO's internal retry
 * configuration, BITS Group Policy limits such as the per-job file limit). Immutable; build one with
 * {@link #builder()}, start from a preset ({@link #defaults()}, {@link #deterministic()}), and derive
 * changed copies with {@link #toBuilder()}.
 *
 * <pre>{@code
 * SimulatorConfig config = SimulatorConfig.deterministic().toBuilder()
 *         .dialect(Dialect.BITS)
 *         .maxConcurrentTransfers(1)
 *         .build();
 * }</pre>
 *
 * <p>Without a {@link VirtualClock} the engine uses the system clock; without a {@link ScriptedNetwork}
 * it transfers over real sockets (Apache HttpClient 5, blocking) and the local file system. Either
 * can be swapped alone: a virtual clock with a real loopback server is a common test setup.
 */
public final class SimulatorConfig {

    /** Default {@link Builder#maxConcurrentTransfers}: 4 transfers at once. */
    public static final int DEFAULT_MAX_CONCURRENT_TRANSFERS = 4;
    /** Default {@link Builder#minimumRetryDelay}: 600 s between a transient error and the retry (docs/contract.md §4.9). */
    public static final Duration DEFAULT_MINIMUM_RETRY_DELAY = Duration.ofSeconds(600);
    /** Default {@link Builder#readTimeout}: 60 s without a byte before a transfer counts as stalled. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Default {@link Builder#connectTimeout}: 30 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link Builder#progressNotificationInterval}: at most one progress JobModification per 500 ms (real time). */
    public static final Duration DEFAULT_PROGRESS_NOTIFICATION_INTERVAL = Duration.ofMillis(500);
    /** Default {@link Builder#callbackRetryInterval}: a failed JobError/JobTransferred is redelivered after 1 s. */
    public static final Duration DEFAULT_CALLBACK_RETRY_INTERVAL = Duration.ofSeconds(1);
    /** Default {@link Builder#maxRangesPerFile}: 10,000 ranges. */
    public static final int DEFAULT_MAX_RANGES_PER_FILE = 10_000;
    /** A durable store checkpoints a transfer at least every this many bytes (4 MiB). */
    public static final long DEFAULT_CHECKPOINT_BYTES = 4L << 20;
    /** A durable store checkpoints a transfer at least this often (2 s of real time). */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private final Dialect dialect;
    private final VirtualClock virtualClock;
    private final ScriptedNetwork scriptedNetwork;
    private final int maxConcurrentTransfers;
    private final long maxBackgroundBandwidth;
    private final long maxForegroundBandwidth;
    private final Duration minimumRetryDelay;
    private final Duration readTimeout;
    private final Duration connectTimeout;
    private final Duration progressNotificationInterval;
    private final Duration callbackRetryInterval;
    private final int maxRangesPerFile;
    private final int maxFilesPerJob;
    private final Path store;
    private final long checkpointBytes;
    private final Duration checkpointInterval;
    private final CallerIdentity caller;
    private final SSLContext sslContext;
    private final java.security.KeyStore trustedCertificates;
    private final boolean manualScheduling;
    private final Path certificateDirectory;
    private final NetworkCost networkCost;
    private final Map<String, String> proxyEnvironment;

    private SimulatorConfig(Builder b) {
        this.dialect = b.dialect;
        this.virtualClock = b.virtualClock;
        this.scriptedNetwork = b.scriptedNetwork;
        this.maxConcurrentTransfers = b.maxConcurrentTransfers;
        this.maxBackgroundBandwidth = b.maxBackgroundBandwidth;
        this.maxForegroundBandwidth = b.maxForegroundBandwidth;
        this.minimumRetryDelay = b.minimumRetryDelay;
        this.readTimeout = b.readTimeout;
        this.connectTimeout = b.connectTimeout;
        this.progressNotificationInterval = b.progressNotificationInterval;
        this.callbackRetryInterval = b.callbackRetryInterval;
        this.maxRangesPerFile = b.maxRangesPerFile;
        this.maxFilesPerJob = b.maxFilesPerJob;
        this.store = b.store;
        this.checkpointBytes = b.checkpointBytes;
        this.checkpointInterval = b.checkpointInterval;
        this.caller = b.caller;
        this.sslContext = b.sslContext;
        this.trustedCertificates = b.trustedCertificates;
        this.manualScheduling = b.manualScheduling;
        this.certificateDirectory = b.certificateDirectory;
        this.networkCost = b.networkCost != null ? b.networkCost : NetworkCost.unrestricted();
        this.proxyEnvironment = b.proxyEnvironment;
    }

    /**
     * The cost of the network jobs' cost flags are compared with (docs/contract.md §4.17); unrestricted unless
     * {@link Builder#networkCost} gave one a test can change.
     */
    public NetworkCost networkCost() {
        return networkCost;
    }

    /** A builder with every default: DO dialect, system clock, real network. */
    public static Builder builder() {
        return new Builder();
    }

    /** The preset for real transfers: DO dialect, system clock, real network, every default. */
    public static SimulatorConfig defaults() {
        return builder().build();
    }

    /**
     * The preset for tests: DO dialect, a fresh {@link VirtualClock} and a fresh {@link ScriptedNetwork},
     * every JobModification delivered (no rate limit) and failed callbacks redelivered after 10 ms.
     */
    public static SimulatorConfig deterministic() {
        return builder()
                .virtualClock(VirtualClock.create())
                .scriptedNetwork(new ScriptedNetwork())
                .progressNotificationInterval(Duration.ZERO)
                .callbackRetryInterval(Duration.ofMillis(10))
                .build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The error-code dialect (DO or BITS). */
    public Dialect dialect() {
        return dialect;
    }

    /** The virtual clock, or empty for the system clock. */
    public Optional<VirtualClock> virtualClock() {
        return Optional.ofNullable(virtualClock);
    }

    /** The scripted network, or empty for real sockets. */
    public Optional<ScriptedNetwork> scriptedNetwork() {
        return Optional.ofNullable(scriptedNetwork);
    }

    /** How many jobs transfer at the same time. */
    public int maxConcurrentTransfers() {
        return maxConcurrentTransfers;
    }

    /** The cap, in bytes per second, on the sum of every non-FOREGROUND transfer; 0 = none. */
    public long maxBackgroundBandwidth() {
        return maxBackgroundBandwidth;
    }

    /** The cap, in bytes per second, on the sum of every FOREGROUND transfer; 0 = none. */
    public long maxForegroundBandwidth() {
        return maxForegroundBandwidth;
    }

    /** The wait between a transient error and the retry (BITS: the default of {@code SetMinimumRetryDelay}). */
    public Duration minimumRetryDelay() {
        return minimumRetryDelay;
    }

    /** How long a transfer may receive nothing before it counts as stalled (a transient error). */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The TCP connect timeout for real transfers. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The minimum real time between two progress-only JobModification callbacks of one job. */
    public Duration progressNotificationInterval() {
        return progressNotificationInterval;
    }

    /**
     * The time after which a failed JobError / JobTransferred callback is delivered again (R59): on the
     * {@link #virtualClock()} when there is one, else real time.
     */
    public Duration callbackRetryInterval() {
        return callbackRetryInterval;
    }

    /** The largest range list AddFileWithRanges accepts. */
    public int maxRangesPerFile() {
        return maxRangesPerFile;
    }

    /** The per-job file limit ({@code BG_E_TOO_MANY_FILES_IN_JOB}), 0 for none. */
    public int maxFilesPerJob() {
        return maxFilesPerJob;
    }

    /**
     * The directory of the durable job store (one SQLite database), or empty for a manager whose jobs
     * live only as long as it does.
     */
    public Optional<Path> store() {
        return Optional.ofNullable(store);
    }

    /**
     * The per-user directory that stands for the Windows certificate stores of the client-certificate methods
     * (docs/contract.md §4.12): {@code <directory>/<location>/<STORE>/*.p12}. Default: {@code certificates}
     * in the user's bgcopy data directory ({@link dev.bgcopy.api.downloads.AppDirs#dataDirectory()}).
     */
    public Path certificateDirectory() {
        return certificateDirectory != null ? certificateDirectory
                : dev.bgcopy.api.downloads.AppDirs.dataDirectory().resolve("certificates");
    }

    /**
     * The variables that hold the user's proxy settings, which jobs with proxy usage {@code PRECONFIG} (the
     * default) or {@code AUTODETECT} follow: {@code http_proxy}, {@code https_proxy}/{@code HTTPS_PROXY},
     * {@code all_proxy}/{@code ALL_PROXY} and {@code no_proxy}/{@code NO_PROXY}, as curl reads them
     * (docs/contract.md §4.9). Default: the process environment.
     */
    public Map<String, String> proxyEnvironment() {
        return proxyEnvironment != null ? proxyEnvironment : System.getenv();
    }

    /** Bytes after which a running transfer is forced to disk and its offset recorded in the store. */
    public long checkpointBytes() {
        return checkpointBytes;
    }

    /** Real time after which a running transfer is forced to disk and its offset recorded in the store. */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** The caller identity a new manager starts with. */
    public CallerIdentity caller() {
        return caller;
    }

    /**
     * Whether the scheduler (starting queued jobs, firing retries, timeouts and expiry) runs only inside
     * {@link SimulatorManager#runUntilIdle()} instead of on its own.
     */
    public boolean manualScheduling() {
        return manualScheduling;
    }

    /** The TLS context for https, or empty for the JDK default (the default trust store, certificates verified). */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /**
     * The certificates set by {@link Builder#trustStore}, or null: the engine checks server certificates against
     * them itself, so that a job's {@code BG_SSL_*} flags, CRL check and client certificate apply.
     */
    java.security.KeyStore trustedCertificates() {
        return trustedCertificates;
    }

    /** A TLS context set whole by {@link Builder#sslContext}, whose trust the engine cannot read, or null. */
    SSLContext opaqueSslContext() {
        return trustedCertificates == null ? sslContext : null;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SimulatorConfig{dialect=").append(dialect);
        if (virtualClock != null) {
            s.append(", virtualClock");
        }
        if (scriptedNetwork != null) {
            s.append(", scriptedNetwork");
        }
        if (maxConcurrentTransfers != DEFAULT_MAX_CONCURRENT_TRANSFERS) {
            s.append(", maxConcurrentTransfers=").append(maxConcurrentTransfers);
        }
        if (maxBackgroundBandwidth != 0) {
            s.append(", maxBackgroundBandwidth=").append(maxBackgroundBandwidth);
        }
        if (maxForegroundBandwidth != 0) {
            s.append(", maxForegroundBandwidth=").append(maxForegroundBandwidth);
        }
        if (!minimumRetryDelay.equals(DEFAULT_MINIMUM_RETRY_DELAY)) {
            s.append(", minimumRetryDelay=").append(minimumRetryDelay);
        }
        if (manualScheduling) {
            s.append(", manualScheduling");
        }
        if (!readTimeout.equals(DEFAULT_READ_TIMEOUT)) {
            s.append(", readTimeout=").append(readTimeout);
        }
        if (store != null) {
            s.append(", store=").append(store);
        }
        return s.append('}').toString();
    }

    /** Builds a {@link SimulatorConfig}; every setter checks its argument at once. */
    public static final class Builder {
        private Dialect dialect = Dialect.DO;
        private VirtualClock virtualClock;
        private ScriptedNetwork scriptedNetwork;
        private int maxConcurrentTransfers = DEFAULT_MAX_CONCURRENT_TRANSFERS;
        private long maxBackgroundBandwidth;
        private long maxForegroundBandwidth;
        private Duration minimumRetryDelay = DEFAULT_MINIMUM_RETRY_DELAY;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration progressNotificationInterval = DEFAULT_PROGRESS_NOTIFICATION_INTERVAL;
        private Duration callbackRetryInterval = DEFAULT_CALLBACK_RETRY_INTERVAL;
        private int maxRangesPerFile = DEFAULT_MAX_RANGES_PER_FILE;
        private int maxFilesPerJob;
        private Path store;
        private long checkpointBytes = DEFAULT_CHECKPOINT_BYTES;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private CallerIdentity caller = CallerIdentity.user(defaultUser());
        private SSLContext sslContext;
        private java.security.KeyStore trustedCertificates;
        private boolean manualScheduling;
        private Path certificateDirectory;
        private NetworkCost networkCost;
        private Map<String, String> proxyEnvironment;

        private Builder() {
        }

        private Builder(SimulatorConfig c) {
            this.dialect = c.dialect;
            this.virtualClock = c.virtualClock;
            this.scriptedNetwork = c.scriptedNetwork;
            this.maxConcurrentTransfers = c.maxConcurrentTransfers;
            this.maxBackgroundBandwidth = c.maxBackgroundBandwidth;
            this.maxForegroundBandwidth = c.maxForegroundBandwidth;
            this.minimumRetryDelay = c.minimumRetryDelay;
            this.readTimeout = c.readTimeout;
            this.connectTimeout = c.connectTimeout;
            this.progressNotificationInterval = c.progressNotificationInterval;
            this.callbackRetryInterval = c.callbackRetryInterval;
            this.maxRangesPerFile = c.maxRangesPerFile;
            this.maxFilesPerJob = c.maxFilesPerJob;
            this.store = c.store;
            this.checkpointBytes = c.checkpointBytes;
            this.checkpointInterval = c.checkpointInterval;
            this.caller = c.caller;
            this.sslContext = c.sslContext;
            this.trustedCertificates = c.trustedCertificates;
            this.manualScheduling = c.manualScheduling;
            this.certificateDirectory = c.certificateDirectory;
            this.networkCost = c.networkCost;
            this.proxyEnvironment = c.proxyEnvironment;
        }

        /** The network's cost the jobs' cost flags are compared with; a test keeps it to change it. */
        public Builder networkCost(NetworkCost value) {
            this.networkCost = Objects.requireNonNull(value, "networkCost");
            return this;
        }

        private static String defaultUser() {
            String user = System.getProperty("user.name");
            return user == null || user.isBlank() ? "user" : user;
        }

        /** DO (default) or BITS error codes and method set. */
        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /**
         * Caps the bytes per second read from the network by all non-FOREGROUND transfers together (the
         * Delivery Optimization policy {@code DOMaxBackgroundDownloadBandwidth}, BITS's
         * {@code MaxTransferRateOnSchedule}); 0 = no cap (the default).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder maxBackgroundBandwidth(long bytesPerSecond) {
            this.maxBackgroundBandwidth = bandwidth(bytesPerSecond, "maxBackgroundBandwidth");
            return this;
        }

        /**
         * Caps the bytes per second read from the network by all FOREGROUND transfers together (the
         * Delivery Optimization policy {@code DOMaxForegroundDownloadBandwidth}); 0 = no cap (the default).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder maxForegroundBandwidth(long bytesPerSecond) {
            this.maxForegroundBandwidth = bandwidth(bytesPerSecond, "maxForegroundBandwidth");
            return this;
        }

        private static long bandwidth(long bytesPerSecond, String name) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException(name + " is negative: " + bytesPerSecond);
            }
            return bytesPerSecond;
        }

        /** The clock to use, or null for the system clock. */
        public Builder virtualClock(VirtualClock value) {
            this.virtualClock = value;
            return this;
        }

        /** The network to use, or null for real sockets. */
        public Builder scriptedNetwork(ScriptedNetwork value) {
            this.scriptedNetwork = value;
            return this;
        }

        /** How many jobs transfer at once; at least 1. */
        public Builder maxConcurrentTransfers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConcurrentTransfers < 1: " + value);
            }
            this.maxConcurrentTransfers = value;
            return this;
        }

        /** The wait between a transient error and the retry; not negative. */
        public Builder minimumRetryDelay(Duration value) {
            this.minimumRetryDelay = nonNegative(value, "minimumRetryDelay");
            return this;
        }

        /** How long a transfer may receive nothing before it counts as stalled; positive. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = positive(value, "readTimeout");
            return this;
        }

        /** The TCP connect timeout; positive. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /** Minimum real time between progress-only JobModification callbacks; zero for every chunk. */
        public Builder progressNotificationInterval(Duration value) {
            this.progressNotificationInterval = nonNegative(value, "progressNotificationInterval");
            return this;
        }

        /**
         * The time before a failed JobError/JobTransferred callback is redelivered, on the virtual clock
         * when one is set, else real time; not negative.
         */
        public Builder callbackRetryInterval(Duration value) {
            this.callbackRetryInterval = nonNegative(value, "callbackRetryInterval");
            return this;
        }

        /** The largest range list AddFileWithRanges accepts; at least 1. */
        public Builder maxRangesPerFile(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxRangesPerFile < 1: " + value);
            }
            this.maxRangesPerFile = value;
            return this;
        }

        /** The per-job file limit, 0 for none. */
        public Builder maxFilesPerJob(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxFilesPerJob < 0: " + value);
            }
            this.maxFilesPerJob = value;
            return this;
        }

        /**
         * Keeps jobs and partial downloads in a SQLite store in {@code directory} (created owner-only),
         * so that they survive restarts and crashes; {@code null} for an in-memory manager (the default).
         */
        public Builder store(Path directory) {
            this.store = directory == null ? null : directory.toAbsolutePath().normalize();
            return this;
        }

        /** How many bytes a transfer may write between two checkpoints (default 4 MiB). */
        public Builder checkpointBytes(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("checkpointBytes is not positive: " + value);
            }
            this.checkpointBytes = value;
            return this;
        }

        /** How much real time may pass between two checkpoints of a transfer (default 2 s). */
        public Builder checkpointInterval(Duration value) {
            this.checkpointInterval = positive(value, "checkpointInterval");
            return this;
        }

        /** The caller identity a new manager starts with (default: the current OS user, not an administrator). */
        public Builder caller(CallerIdentity value) {
            this.caller = Objects.requireNonNull(value, "caller");
            return this;
        }

        /**
         * The TLS context for https (e.g. one trusting a corporate CA), or null for the JDK default.
         * Certificates and host names are always verified. The engine uses such a context as it is for every
         * job: a job's {@code BG_SSL_*} flags, CRL check and client certificate need the trust as certificates,
         * given by {@link #trustStore} instead (docs/contract.md §4.12 "On the wire (SIM)").
         */
        public Builder sslContext(SSLContext value) {
            this.sslContext = value;
            this.trustedCertificates = null;
            return this;
        }

        /**
         * Trusts, for https, exactly the certificates of {@code file}: a PKCS#12 or JKS key store, or PEM
         * certificates (one or more CAs; no password). It replaces the JDK's trusted CAs, as an
         * {@link #sslContext} would; the last of the two set wins. The way to trust a private CA.
         *
         * @param password the key store's password, or null for none
         * @throws IllegalArgumentException when the file is missing, not a key store or PEM certificates,
         *         holds no certificate, or the password does not open it (the message never holds the password)
         */
        public Builder trustStore(Path file, char[] password) {
            this.trustedCertificates = TrustStores.load(Objects.requireNonNull(file, "file"), password);
            this.sslContext = TrustStores.sslContext(trustedCertificates, file);
            return this;
        }

        /**
         * With true, the scheduler runs only inside {@link SimulatorManager#runUntilIdle()}: after
         * {@code resume()} a job is exactly QUEUED, after {@code advance(...)} a due retry is still
         * TRANSIENT_ERROR, until the test calls {@code runUntilIdle()}. Transfers already running still
         * finish on their own. Default false: the scheduler runs by itself, as a service does.
         */
        public Builder manualScheduling(boolean value) {
            this.manualScheduling = value;
            return this;
        }

        /** The directory of client certificates ({@link SimulatorConfig#certificateDirectory()}); null for the default. */
        public Builder certificateDirectory(Path directory) {
            this.certificateDirectory = directory == null ? null : directory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * The variables to read the user's proxy settings from instead of the process environment (copied), e.g.
         * {@code Map.of()} for none, so that a test or an embedding application does not depend on the
         * environment it runs in; null for the process environment (the default).
         */
        public Builder proxyEnvironment(Map<String, String> variables) {
            this.proxyEnvironment = variables == null ? null : Map.copyOf(variables);
            return this;
        }

        /** The configuration. */
        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " is negative: " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " is not positive: " + value);
            }
            return value;
        }
    }
}
