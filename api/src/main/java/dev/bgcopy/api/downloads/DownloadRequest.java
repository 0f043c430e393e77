package dev.bgcopy.api.downloads;

import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgSslFlag;
import java.util.Collection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link Downloads#start} should fetch: the arguments of {@code IBackgroundCopyManager::CreateJob},
 * {@code IBackgroundCopyJob::AddFile} / {@code IDeliveryOptimizationJob::AddFileWithRanges},
 * {@code SetPriority} and {@code SetNoProgressTimeout} in one immutable value, checked when built; plus the
 * {@linkplain #wire() wire options} (headers, credentials, proxy, TLS checks, redirect policy) of
 * {@code IBackgroundCopyJob2}, {@code IBackgroundCopyJobHttpOptions} and {@code SetProxySettings}.
 *
 * <pre>{@code
 * DownloadRequest request = DownloadRequest.builder(URI.create("https://example.com/app-2.4.zip"), Path.of("/opt/app/app-2.4.zip"))
 *         .name("app-2.4")
 *         .sha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
 *         .priority(BgJobPriority.FOREGROUND)
 *         .noProgressTimeout(Duration.ofMinutes(2))
 *         .file(URI.create("https://example.com/app-2.4.sig"), Path.of("/opt/app/app-2.4.sig"), null)
 *         .build();
 * }</pre>
 */
public final class DownloadRequest {

    /** The longest name: the limit of {@code CreateJob}'s display name (256 UTF-16 units). */
    public static final int MAX_NAME_LENGTH = 256;

    private final String name;
    private final String displayName;
    private final List<DownloadFile> files;
    private final List<BgFileRange> ranges;
    private final BgJobPriority priority;
    private final Duration noProgressTimeout;
    private final WireOptions wire;

    private DownloadRequest(String name, String displayName, List<DownloadFile> files, Builder b) {
        this.name = name;
        this.displayName = displayName;
        this.files = List.copyOf(files);
        this.ranges = List.copyOf(b.ranges);
        this.priority = b.priority;
        this.noProgressTimeout = b.noProgressTimeout;
        this.wire = b.wire.build();
    }

    /** A builder for a download of {@code source} to {@code destination}, the first file of the job. */
    public static Builder builder(URI source, Path destination) {
        return new Builder(source, destination);
    }

    /** The name the download is found again by ({@link Downloads#find}). */
    public String name() {
        return name;
    }

    /** The job's display name ({@code CreateJob}, {@code GetDisplayName}); the name unless one was given. */
    public String displayName() {
        return displayName;
    }

    /** The files, the first one first; never empty. */
    public List<DownloadFile> files() {
        return files;
    }

    /** The byte ranges of the first file, or empty for the whole file. */
    public List<BgFileRange> ranges() {
        return ranges;
    }

    /** The job's priority ({@code SetPriority}). */
    public BgJobPriority priority() {
        return priority;
    }

    /** The job's no-progress timeout ({@code SetNoProgressTimeout}), or empty for the service's default. */
    public Optional<Duration> noProgressTimeout() {
        return Optional.ofNullable(noProgressTimeout);
    }

    /**
     * The wire options applied to the job before it starts; {@link WireOptions#NONE} when none were given.
     * {@link Downloads#start} clears their passwords once the service holds them, so a request with
     * credentials starts one download only.
     */
    public WireOptions wire() {
        return wire;
    }

    /**
     * One file of a download: the remote {@code RemoteName}, the final {@code LocalName} and the SHA-256
     * the bytes must have before they are put there.
     *
     * <pre>{@code
     * for (DownloadFile file : request.files()) {
     *     System.out.println(file.source() + " -> " + file.destination() + file.sha256().map(h -> " " + h).orElse(""));
     * }
     * }</pre>
     *
     * @param source the URL to fetch ({@code http}, {@code https} or {@code file}, as the service allows)
     * @param destination the absolute path the verified file is moved to
     * @param sha256 the expected SHA-256 in lower-case hex, or empty for no check
     */
    public record DownloadFile(URI source, Path destination, Optional<String> sha256) {

        /** Checks every field: non-null, an absolute destination, a 64-digit hex digest. */
        public DownloadFile {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(sha256, "sha256");
            if (!source.isAbsolute()) {
                throw new IllegalArgumentException("source must be an absolute URL, not '" + source + "'");
            }
            if (!destination.isAbsolute()) {
                throw new IllegalArgumentException("destination must be an absolute path, not '" + destination + "'");
            }
            if (destination.getFileName() == null) {
                throw new IllegalArgumentException("destination must name a file, not '" + destination + "'");
            }
            sha256 = sha256.map(DownloadFile::checkedSha256);
        }

        private static String checkedSha256(String hex) {
            if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("sha256 must be 64 hexadecimal digits, not '" + hex + "'");
            }
            return hex.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Collects a {@link DownloadRequest}; {@link #build()} checks it, nothing before.
     *
     * <pre>{@code
     * DownloadRequest.Builder builder = DownloadRequest.builder(URI.create("https://example.com/a.bin"), Path.of("/data/a.bin"));
     * builder.name("a").ranges(List.of(new BgFileRange(0, 1024)));   // only the first KiB (DO's AddFileWithRanges)
     * DownloadRequest request = builder.build();
     * }</pre>
     */
    public static final class Builder {
        private final URI source;
        private final Path destination;
        private final List<MoreFile> more = new ArrayList<>();
        private String name;
        private String displayName;
        private String sha256;
        private List<BgFileRange> ranges = List.of();
        private BgJobPriority priority = BgJobPriority.NORMAL;
        private Duration noProgressTimeout;
        private WireOptions.Builder wire = WireOptions.builder();

        private Builder(URI source, Path destination) {
            this.source = source;
            this.destination = destination;
        }

        /**
         * The name, unique among the application's live downloads (at most {@value #MAX_NAME_LENGTH}
         * characters). Default: the first destination's file name.
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * The job's display name, what the service's own tools show (at most {@value #MAX_NAME_LENGTH}
         * characters); default: the name. For a caller whose names are keys rather than words, e.g. a
         * destination path.
         */
        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        /** The SHA-256 of the first file in hex (64 digits, either case); null for none. */
        public Builder sha256(String sha256) {
            this.sha256 = sha256;
            return this;
        }

        /** The job's priority; default {@link BgJobPriority#NORMAL}. */
        public Builder priority(BgJobPriority priority) {
            this.priority = priority;
            return this;
        }

        /**
         * How long the job may make no progress in TRANSIENT_ERROR before it fails (whole seconds,
         * {@code SetNoProgressTimeout}); default: the service's.
         */
        public Builder noProgressTimeout(Duration timeout) {
            this.noProgressTimeout = timeout;
            return this;
        }

        /**
         * Only these byte ranges of the first file (DO's {@code AddFileWithRanges}); {@link Downloads#start}
         * fails with {@code E_NOINTERFACE} where the service has no ranges (BITS).
         */
        public Builder ranges(List<BgFileRange> ranges) {
            this.ranges = ranges;
            return this;
        }

        /**
         * Adds a custom header sent with every request of every file, resumes and redirects included
         * ({@code IBackgroundCopyJobHttpOptions::SetCustomHeaders}; BITS only: on Delivery Optimization
         * {@link Downloads#start} fails with {@code E_NOINTERFACE} before creating a job).
         *
         * <pre>{@code
         * builder.header("Authorization", "Bearer " + token).header("X-Client", "updater/2.4");
         * }</pre>
         *
         * @throws IllegalArgumentException for a name that is not a token, a value with a control character,
         *         or headers over {@code SetCustomHeaders}' 16,383 characters; the message never holds the value
         */
        public Builder header(String name, String value) {
            wire.header(name, value);
            return this;
        }

        /**
         * The server's credentials ({@code IBackgroundCopyJob2::SetCredentials} with
         * {@code BG_AUTH_TARGET_SERVER}), answered to an HTTP 401; BITS only, as {@link #header}. The password is
         * copied: clear yours once this returns.
         *
         * <pre>{@code
         * char[] password = console.readPassword("password: ");
         * builder.credentials(BgAuthScheme.BASIC, "alice", password);
         * Arrays.fill(password, '\0');
         * }</pre>
         *
         * @throws IllegalArgumentException for Basic or Digest without a user and a password, or over the lengths
         *         {@code BG_BASIC_CREDENTIALS} allows
         */
        public Builder credentials(BgAuthScheme scheme, String userName, char[] password) {
            wire.credentials(BgAuthTarget.SERVER, scheme, userName, password);
            return this;
        }

        /**
         * Which proxy to use ({@code IBackgroundCopyJob::SetProxySettings}); BITS only: on Delivery Optimization
         * {@link Downloads#start} fails with {@code E_NOTIMPL} before creating a job. Default: the system's
         * ({@link BgJobProxyUsage#PRECONFIG}).
         *
         * <pre>{@code
         * builder.proxy(BgJobProxyUsage.OVERRIDE, "http://proxy.example:3128", "<local> *.corp.example");
         * builder.proxy(BgJobProxyUsage.NO_PROXY, null, null);       // always direct
         * }</pre>
         *
         * @param proxyList the proxies for {@link BgJobProxyUsage#OVERRIDE}, else null
         * @param proxyBypassList hosts reached directly, for {@link BgJobProxyUsage#OVERRIDE}, else null
         */
        public Builder proxy(BgJobProxyUsage usage, String proxyList, String proxyBypassList) {
            wire.proxy(usage, proxyList, proxyBypassList);
            return this;
        }

        /**
         * The proxy's credentials ({@code IBackgroundCopyJob2::SetCredentials} with
         * {@code BG_AUTH_TARGET_PROXY}), answered to an HTTP 407; as {@link #credentials}.
         *
         * <pre>{@code
         * builder.proxy(BgJobProxyUsage.OVERRIDE, "proxy.example:3128", null)
         *        .proxyCredentials(BgAuthScheme.BASIC, "alice", password);
         * }</pre>
         */
        public Builder proxyCredentials(BgAuthScheme scheme, String userName, char[] password) {
            wire.credentials(BgAuthTarget.PROXY, scheme, userName, password);
            return this;
        }

        /**
         * The TLS flags ({@code BG_SSL_*} of {@code IBackgroundCopyJobHttpOptions::SetSecurityFlags}): certificate
         * errors to ignore, each flag ignoring only its own error, and {@link BgSslFlag#ENABLE_CRL_CHECK}; BITS
         * only, as {@link #header}. Default: none (every check on, no revocation check).
         *
         * <pre>{@code
         * builder.tlsFlags(Set.of(BgSslFlag.IGNORE_UNKNOWN_CA));      // a test server's self-signed certificate
         * builder.tlsFlags(Set.of(BgSslFlag.ENABLE_CRL_CHECK));
         * }</pre>
         */
        public Builder tlsFlags(Collection<BgSslFlag> flags) {
            wire.tlsFlags(flags);
            return this;
        }

        /**
         * The redirect policy ({@code BG_HTTP_REDIRECT_POLICY_*} of {@code SetSecurityFlags}) and whether https
         * may redirect to http ({@code BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP}); BITS only, as
         * {@link #header}. Default: {@link BgHttpRedirectPolicy#ALLOW_SILENT}, https never to http.
         *
         * <pre>{@code
         * builder.redirectPolicy(BgHttpRedirectPolicy.DISALLOW, false);   // a redirect is an ERROR
         * }</pre>
         */
        public Builder redirectPolicy(BgHttpRedirectPolicy policy, boolean allowHttpsToHttp) {
            wire.redirectPolicy(policy, allowHttpsToHttp);
            return this;
        }

        /**
         * Replaces every wire option given so far with {@code options} (copied), e.g. options a command line
         * or a configuration file produced.
         *
         * <pre>{@code
         * WireOptions wire = WireOptions.builder().header("X-Api-Key", key).build();
         * DownloadRequest a = DownloadRequest.builder(urlA, fileA).wire(wire).build();
         * }</pre>
         */
        public Builder wire(WireOptions options) {
            this.wire = options.toBuilder();
            return this;
        }

        /** Another whole file in the same job, with its SHA-256 in hex or null for none; checked by {@link #build()}. */
        public Builder file(URI source, Path destination, String sha256OrNull) {
            more.add(new MoreFile(source, destination, sha256OrNull));
            return this;
        }

        /**
         * The request.
         *
         * @throws NullPointerException naming the argument that is null
         * @throws IllegalArgumentException naming the argument that is malformed: a relative URL or
         *         destination, a bad digest, an empty or too long name, a negative timeout, two files with
         *         one destination
         */
        public DownloadRequest build() {
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(ranges, "ranges");
            ranges.forEach(r -> Objects.requireNonNull(r, "ranges element"));
            List<DownloadFile> all = new ArrayList<>();
            all.add(new DownloadFile(source, destination, Optional.ofNullable(sha256)));
            for (MoreFile file : more) {
                all.add(new DownloadFile(file.source(), file.destination(), Optional.ofNullable(file.sha256())));
            }
            Set<Path> destinations = new HashSet<>();
            for (DownloadFile file : all) {
                if (!destinations.add(file.destination().normalize())) {
                    throw new IllegalArgumentException("destination '" + file.destination() + "' is used by two files");
                }
            }
            if (noProgressTimeout != null && noProgressTimeout.isNegative()) {
                throw new IllegalArgumentException("noProgressTimeout must not be negative, not " + noProgressTimeout);
            }
            String checkedName = checkName("name", name != null ? name : all.get(0).destination().getFileName().toString());
            String checkedDisplayName = displayName != null ? checkName("displayName", displayName) : checkedName;
            return new DownloadRequest(checkedName, checkedDisplayName, all, this);
        }

        private static String checkName(String argument, String value) {
            if (value.isEmpty() || value.length() > MAX_NAME_LENGTH || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(argument + " must have 1 to " + MAX_NAME_LENGTH
                        + " characters and no NUL, not '" + value + "'");
            }
            return value;
        }

        /** A file given to {@code file(...)}, unchecked until {@code build()}. */
        private record MoreFile(URI source, Path destination, String sha256) {
        }
    }
}
