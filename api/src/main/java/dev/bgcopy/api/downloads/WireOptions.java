package dev.bgcopy.api.downloads;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.HttpHeader;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a job says about the wire, as one immutable value applied to a job before it starts: the custom
 * headers ({@code IBackgroundCopyJobHttpOptions::SetCustomHeaders}), the server and proxy credentials
 * ({@code IBackgroundCopyJob2::SetCredentials}), the proxy ({@code IBackgroundCopyJob::SetProxySettings})
 * and the TLS checks and redirect policy ({@code IBackgroundCopyJobHttpOptions::SetSecurityFlags}).
 * {@link DownloadRequest.Builder} fills one for {@link Downloads#start}; code that works on jobs applies one
 * with {@link #applyTo(IBackgroundCopyJob)}.
 *
 * <pre>{@code
 * WireOptions wire = WireOptions.builder()
 *         .header("Authorization", "Bearer " + token)
 *         .proxy(BgJobProxyUsage.OVERRIDE, "http://proxy.example:3128", "<local>")
 *         .proxyCredentials(BgAuthScheme.BASIC, "alice", passwordChars)
 *         .build();
 * Arrays.fill(passwordChars, '\0');            // the builder keeps a copy of its own
 * wire.checkSupportedBy("windows-bits", manager.supportedFeatures());
 * wire.applyTo(job);
 * wire.clearPasswords();                        // the service holds them now
 * }</pre>
 *
 * <p>Passwords are kept as {@code char[]} copies; {@link #clearPasswords()} overwrites them, after which the
 * value can no longer be applied. Neither {@link #toString()} nor any message of this class holds a password
 * or a header's value. Where the service lacks the interface an option needs (Delivery Optimization has
 * neither {@code IBackgroundCopyJob2} nor {@code IBackgroundCopyJobHttpOptions}, nor
 * {@code SetProxySettings}), {@link #checkSupportedBy} fails before any job exists.
 */
public final class WireOptions {

    /** No option: the job keeps the service's defaults. */
    public static final WireOptions NONE = builder().build();

    private final List<HttpHeader> headers;
    private final List<BgAuthCredentials> credentials;
    private final BgProxySettings proxy;
    private final BgSecurityFlags securityFlags;
    private volatile boolean cleared;

    private WireOptions(Builder b) {
        this.headers = List.copyOf(b.headers);
        this.credentials = b.credentials.values().stream().map(WireOptions::copy).toList();
        this.proxy = b.proxy;
        this.securityFlags = b.securityFlags();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options (with copies of the passwords), to change some of them. */
    public Builder toBuilder() {
        requireNotCleared();
        Builder b = new Builder();
        headers.forEach(b::header);
        for (BgAuthCredentials c : credentials) {
            char[] password = c.basic().password();
            try {
                b.credentials(c.target(), c.scheme(), c.basic().userName(), password);
            } finally {
                clear(password);
            }
        }
        b.proxy = proxy;
        if (securityFlags != null) {
            b.tlsFlags(securityFlags.ssl()).redirectPolicy(securityFlags.redirectPolicy(), securityFlags.allowHttpsToHttp());
        }
        return b;
    }

    /** The custom headers, in the order given; empty for none. */
    public List<HttpHeader> headers() {
        return headers;
    }

    /** The proxy settings, or empty to keep the job's ({@code PRECONFIG} for a new job). */
    public Optional<BgProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** The security flags, or empty to keep the job's (0 for a new job). */
    public Optional<BgSecurityFlags> securityFlags() {
        return Optional.ofNullable(securityFlags);
    }

    /** The target, scheme and user of each set of credentials, in the order given; never a password. */
    public List<String> credentialsSummary() {
        return credentials.stream().map(c -> c.target() + " " + c.scheme() + " user " + c.basic().userName()).toList();
    }

    /** Whether there is no option at all. */
    public boolean isEmpty() {
        return headers.isEmpty() && credentials.isEmpty() && proxy == null && securityFlags == null;
    }

    /**
     * Fails when a service with {@code features} lacks an interface these options need, so that a caller can
     * refuse before it creates a job.
     *
     * @param provider the provider's name, for the message
     * @throws BackgroundCopyException {@code E_NOINTERFACE} (method {@code IUnknown::QueryInterface}) for headers,
     *         credentials or security flags without {@link Feature#HTTP_OPTIONS}; {@code E_NOTIMPL} (method
     *         {@code IBackgroundCopyJob::SetProxySettings}) for a proxy without {@link Feature#BITS_METHODS}
     * @throws IllegalStateException after {@link #clearPasswords()}
     */
    public void checkSupportedBy(String provider, Set<Feature> features) {
        requireNotCleared();
        List<String> needed = httpOptionNames();
        if (!needed.isEmpty() && !features.contains(Feature.HTTP_OPTIONS)) {
            throw new BackgroundCopyException("IUnknown::QueryInterface", HResult.E_NOINTERFACE, "provider " + provider
                    + " has no IBackgroundCopyJob2 or IBackgroundCopyJobHttpOptions (BITS has them, Delivery Optimization"
                    + " does not), which " + String.join(", ", needed) + " need");
        }
        if (proxy != null && !features.contains(Feature.BITS_METHODS)) {
            throw new BackgroundCopyException("IBackgroundCopyJob::SetProxySettings", HResult.E_NOTIMPL, "provider "
                    + provider + " has no proxy settings of its own (BITS has them, Delivery Optimization does not)");
        }
    }

    /**
     * Sets every option on {@code job}: {@code SetProxySettings}, {@code SetCustomHeaders},
     * {@code SetSecurityFlags}, then {@code SetCredentials} for each set of credentials. Options not given are
     * left as the job has them.
     *
     * @throws BackgroundCopyException what the service answers, or {@code E_NOINTERFACE} when the job lacks an
     *         interface an option needs; options set before the failing one stay set
     * @throws IllegalStateException after {@link #clearPasswords()}
     */
    public void applyTo(IBackgroundCopyJob job) {
        Objects.requireNonNull(job, "job");
        requireNotCleared();
        if (proxy != null) {
            job.setProxySettings(proxy.usage(), proxy.proxyList(), proxy.proxyBypassList());
        }
        if (!headers.isEmpty() || securityFlags != null) {
            IBackgroundCopyJobHttpOptions http = job.queryInterface(IBackgroundCopyJobHttpOptions.class)
                    .orElseThrow(() -> noInterface("IBackgroundCopyJobHttpOptions"));
            if (!headers.isEmpty()) {
                http.setCustomHeaders(HttpHeader.toCustomHeaders(headers));
            }
            if (securityFlags != null) {
                http.setSecurityFlags(securityFlags);
            }
        }
        if (!credentials.isEmpty()) {
            IBackgroundCopyJob2 job2 = job.queryInterface(IBackgroundCopyJob2.class)
                    .orElseThrow(() -> noInterface("IBackgroundCopyJob2"));
            credentials.forEach(job2::setCredentials);
        }
    }

    /** Overwrites this value's copies of the passwords; afterwards it can no longer be applied. Idempotent. */
    public void clearPasswords() {
        cleared = true;
        credentials.forEach(c -> c.basic().clear());
    }

    /** Header names, credential targets, schemes and users, proxy and flags; never a password or header value. */
    @Override
    public String toString() {
        return "WireOptions[headers=" + headers.stream().map(HttpHeader::name).toList() + ", credentials="
                + credentialsSummary() + ", proxy=" + proxy + ", securityFlags=" + securityFlags + "]";
    }

    private List<String> httpOptionNames() {
        List<String> names = new ArrayList<>();
        if (!headers.isEmpty()) {
            names.add("custom headers");
        }
        if (!credentials.isEmpty()) {
            names.add("credentials");
        }
        if (securityFlags != null) {
            names.add("security flags");
        }
        return names;
    }

    private static BackgroundCopyException noInterface(String iface) {
        return new BackgroundCopyException("IUnknown::QueryInterface", HResult.E_NOINTERFACE,
                "the job has no " + iface);
    }

    private void requireNotCleared() {
        if (cleared) {
            throw new IllegalStateException("these wire options' passwords were cleared after use; build them again");
        }
    }

    /** A copy with a password of its own, so that clearing one never clears the other. */
    private static BgAuthCredentials copy(BgAuthCredentials c) {
        char[] password = c.basic().password();
        try {
            return BgAuthCredentials.of(c.target(), c.scheme(), c.basic().userName(), password);
        } finally {
            clear(password);
        }
    }

    private static void clear(char[] password) {
        if (password != null) {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /**
     * Collects {@link WireOptions}; each method names the native call it leads to.
     *
     * <pre>{@code
     * WireOptions wire = WireOptions.builder()
     *         .header("X-Api-Key", key)
     *         .credentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC, "alice", password)
     *         .tlsFlags(Set.of(BgSslFlag.IGNORE_UNKNOWN_CA))
     *         .redirectPolicy(BgHttpRedirectPolicy.DISALLOW, false)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final List<HttpHeader> headers = new ArrayList<>();
        private final Map<List<Object>, BgAuthCredentials> credentials = new LinkedHashMap<>();
        private BgProxySettings proxy;
        private Set<BgSslFlag> tlsFlags;
        private BgHttpRedirectPolicy redirectPolicy;
        private boolean allowHttpsToHttp;

        private Builder() {
        }

        /**
         * Adds a custom header ({@code SetCustomHeaders}), sent with every request of the job.
         *
         * @throws IllegalArgumentException for a name that is not a token or a value with a control character
         *         ({@link HttpHeader}), or when the headers together exceed
         *         {@value IBackgroundCopyJobHttpOptions#MAX_CUSTOM_HEADERS} characters
         */
        public Builder header(String name, String value) {
            return header(new HttpHeader(name, value));
        }

        /** Adds a custom header; see {@link #header(String, String)}. */
        public Builder header(HttpHeader header) {
            Objects.requireNonNull(header, "header");
            List<HttpHeader> next = new ArrayList<>(headers);
            next.add(header);
            int length = HttpHeader.toCustomHeaders(next).length();
            if (length > IBackgroundCopyJobHttpOptions.MAX_CUSTOM_HEADERS) {
                throw new IllegalArgumentException("the custom headers would be " + length + " characters long, over "
                        + IBackgroundCopyJobHttpOptions.MAX_CUSTOM_HEADERS + " (SetCustomHeaders' limit)");
            }
            headers.add(header);
            return this;
        }

        /**
         * Credentials for {@code target} and {@code scheme} ({@code SetCredentials}); a later call for the same
         * target and scheme replaces them. The password is copied: clear yours when this returns.
         *
         * @param userName the user; null only for NTLM and Negotiate (the logged-on user)
         * @param password the password; null only for NTLM and Negotiate
         * @throws IllegalArgumentException for Basic or Digest without a user and a password, a user over
         *         {@value dev.bgcopy.api.BgBasicCredentials#MAX_USER_NAME} or a password over
         *         {@value dev.bgcopy.api.BgBasicCredentials#MAX_PASSWORD} characters
         */
        public Builder credentials(BgAuthTarget target, BgAuthScheme scheme, String userName, char[] password) {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(scheme, "scheme");
            if (scheme.requiresUserAndPassword() && (userName == null || userName.isEmpty() || password == null)) {
                throw new IllegalArgumentException(scheme + " credentials for the " + target.name().toLowerCase(java.util.Locale.ROOT)
                        + " need a user name and a password");
            }
            if (userName != null && userName.length() > dev.bgcopy.api.BgBasicCredentials.MAX_USER_NAME) {
                throw new IllegalArgumentException("the user name is over " + dev.bgcopy.api.BgBasicCredentials.MAX_USER_NAME
                        + " characters");
            }
            if (password != null && password.length > dev.bgcopy.api.BgBasicCredentials.MAX_PASSWORD) {
                throw new IllegalArgumentException("the password is over " + dev.bgcopy.api.BgBasicCredentials.MAX_PASSWORD
                        + " characters");
            }
            BgAuthCredentials replaced = credentials.put(List.of(target, scheme),
                    BgAuthCredentials.of(target, scheme, userName, password));
            if (replaced != null) {
                replaced.basic().clear();
            }
            return this;
        }

        /**
         * The proxy settings ({@code SetProxySettings}).
         *
         * @param proxyList for {@link BgJobProxyUsage#OVERRIDE}: proxies as {@code host:port} or
         *        {@code http://host:port}, separated by spaces; else null
         * @param proxyBypassList for {@link BgJobProxyUsage#OVERRIDE}: hosts reached directly, {@code <local>}
         *        for names without a dot; else null
         */
        public Builder proxy(BgJobProxyUsage usage, String proxyList, String proxyBypassList) {
            this.proxy = new BgProxySettings(usage, proxyList, proxyBypassList);
            return this;
        }

        /**
         * The TLS flags ({@code BG_SSL_*} of {@code SetSecurityFlags}): {@link BgSslFlag#ENABLE_CRL_CHECK} and the
         * certificate errors to ignore, each ignoring only its own error.
         */
        public Builder tlsFlags(Collection<BgSslFlag> flags) {
            this.tlsFlags = flags.isEmpty() ? EnumSet.noneOf(BgSslFlag.class) : EnumSet.copyOf(flags);
            return this;
        }

        /**
         * The redirect policy ({@code BG_HTTP_REDIRECT_POLICY_*} of {@code SetSecurityFlags}) and whether an
         * https URL may redirect to http ({@code BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP}).
         */
        public Builder redirectPolicy(BgHttpRedirectPolicy policy, boolean allowHttpsToHttp) {
            this.redirectPolicy = Objects.requireNonNull(policy, "policy");
            this.allowHttpsToHttp = allowHttpsToHttp;
            return this;
        }

        /** The options. */
        public WireOptions build() {
            return new WireOptions(this);
        }

        /** The flags when any was given, the defaults standing in for the part not given. */
        private BgSecurityFlags securityFlags() {
            if (tlsFlags == null && redirectPolicy == null) {
                return null;
            }
            return new BgSecurityFlags(tlsFlags == null ? Set.of() : tlsFlags,
                    redirectPolicy == null ? BgHttpRedirectPolicy.ALLOW_SILENT : redirectPolicy, allowHttpsToHttp);
        }
    }
}
