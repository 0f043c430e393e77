package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgBasicCredentials;
import dev.bgcopy.api.BgClientCertificate;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.HttpHeader;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a job says about the wire, as one immutable value on {@link JobData}: the custom headers, the
 * credentials of each target and scheme, the security flags (TLS checks and the redirect policy), the proxy
 * settings and the client certificate (docs/contract.md §4.11, §4.12). The transport reads it as it is; the
 * setters of {@link SimulatedJob} check their arguments with the factories here and store a changed copy.
 *
 * <p>Credentials reach the durable store sealed with its key only ({@link SqliteJobStore}), so a job read back
 * after a restart has them and no file holds a password (docs/contract.md §4.11).
 * {@link #toString()} shows header names and credential keys only.
 *
 * @param customHeaders the text given to SetCustomHeaders, or null
 * @param credentials by target and scheme, in the order set
 * @param securityFlags the SetSecurityFlags value
 * @param proxy the SetProxySettings value
 * @param clientCertificate the certificate found by SetClientCertificateBy*, or null
 */
record HttpOptions(String customHeaders, Map<CredentialKey, BgAuthCredentials> credentials, BgSecurityFlags securityFlags,
                   BgProxySettings proxy, ClientCertificate clientCertificate) {

    /** A new job's options: no headers, no credentials, default flags, the system's proxy, no certificate. */
    static final HttpOptions NONE = new HttpOptions(null, Map.of(), BgSecurityFlags.DEFAULT, BgProxySettings.PRECONFIG, null);

    HttpOptions {
        credentials = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
    }

    /** One custom header line. */
    record Header(String name, String value) {
    }

    /** What a set of credentials answers: a target and a scheme. */
    record CredentialKey(BgAuthTarget target, BgAuthScheme scheme) {
    }

    /** A client certificate: what GetClientCertificate reports and the PKCS#12 file that holds it. */
    record ClientCertificate(BgClientCertificate identity, Path file) {
    }

    /** The custom headers, parsed; empty when none are set. */
    List<Header> headers() {
        return customHeaders == null ? List.of() : parseHeaders(customHeaders);
    }

    /** The credentials for a target and scheme, if set. */
    Optional<BgAuthCredentials> credentials(BgAuthTarget target, BgAuthScheme scheme) {
        return Optional.ofNullable(credentials.get(new CredentialKey(target, scheme)));
    }

    HttpOptions withCustomHeaders(String headers) {
        return new HttpOptions(headers, credentials, securityFlags, proxy, clientCertificate);
    }

    HttpOptions withCredentials(BgAuthCredentials added) {
        Map<CredentialKey, BgAuthCredentials> next = new LinkedHashMap<>(credentials);
        next.put(new CredentialKey(added.target(), added.scheme()), added);
        return new HttpOptions(customHeaders, next, securityFlags, proxy, clientCertificate);
    }

    HttpOptions withoutCredentials(CredentialKey key) {
        Map<CredentialKey, BgAuthCredentials> next = new LinkedHashMap<>(credentials);
        next.remove(key);
        return new HttpOptions(customHeaders, next, securityFlags, proxy, clientCertificate);
    }

    HttpOptions withSecurityFlags(BgSecurityFlags flags) {
        return new HttpOptions(customHeaders, credentials, flags, proxy, clientCertificate);
    }

    HttpOptions withProxy(BgProxySettings settings) {
        return new HttpOptions(customHeaders, credentials, securityFlags, settings, clientCertificate);
    }

    HttpOptions withClientCertificate(ClientCertificate certificate) {
        return new HttpOptions(customHeaders, credentials, securityFlags, proxy, certificate);
    }

    /**
     * What stays when the job changes owner: BITS drops the credentials (SetCredentials page), the custom
     * headers (SetCustomHeaders page) and the client certificate (SetClientCertificateBy* pages).
     */
    HttpOptions withoutOwnerSecrets() {
        return new HttpOptions(null, Map.of(), securityFlags, proxy, null);
    }

    // ---- argument checks of the setters ----

    /**
     * The SetCustomHeaders argument, checked: null or empty removes the headers (null is returned); over
     * 16,383 characters is {@code BG_E_STRING_TOO_LONG}; anything but {@code Name: value} lines, each
     * ended by CR LF (the last one may omit it), is {@code E_INVALIDARG}, a lone CR or LF included.
     */
    static String checkedHeaders(String method, String headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        if (headers.length() > IBackgroundCopyJobHttpOptions.MAX_CUSTOM_HEADERS) {
            throw new BackgroundCopyException(method, HResult.BG_E_STRING_TOO_LONG, "the custom headers are "
                    + headers.length() + " characters long, over " + IBackgroundCopyJobHttpOptions.MAX_CUSTOM_HEADERS);
        }
        parseHeaders(method, headers);
        return headers;
    }

    private static List<Header> parseHeaders(String headers) {
        return parseHeaders("HttpOptions", headers);
    }

    private static List<Header> parseHeaders(String method, String headers) {
        try {
            return HttpHeader.parseAll(headers).stream().map(h -> new Header(h.name(), h.value())).toList();
        } catch (IllegalArgumentException e) {
            throw Arguments.invalid(method, e.getMessage());
        }
    }

    /**
     * The SetCredentials argument, checked in the documented order (target, scheme, lengths, the user and
     * password Basic and Digest need), and copied so that the caller may clear its own password.
     */
    static BgAuthCredentials checkedCredentials(String method, BgAuthCredentials credentials) {
        Arguments.notNull(method, credentials, "credentials");
        checkedKey(method, credentials.target(), credentials.scheme());
        BgBasicCredentials basic = credentials.basic() == null ? new BgBasicCredentials(null, null) : credentials.basic();
        if (basic.userName() != null && basic.userName().length() > BgBasicCredentials.MAX_USER_NAME) {
            throw new BackgroundCopyException(method, HResult.BG_E_USERNAME_TOO_LARGE,
                    "the user name is over " + BgBasicCredentials.MAX_USER_NAME + " characters");
        }
        if (basic.passwordLength() > BgBasicCredentials.MAX_PASSWORD) {
            throw new BackgroundCopyException(method, HResult.BG_E_PASSWORD_TOO_LARGE,
                    "the password is over " + BgBasicCredentials.MAX_PASSWORD + " characters");
        }
        if (credentials.scheme().requiresUserAndPassword() && (basic.userName() == null || !basic.hasPassword())) {
            throw Arguments.invalid(method, credentials.scheme() + " credentials need a user name and a password");
        }
        char[] password = basic.password();
        try {
            return BgAuthCredentials.of(credentials.target(), credentials.scheme(), basic.userName(), password);
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    /** A target and scheme, checked: a null one stands for a value outside its enumeration. */
    static CredentialKey checkedKey(String method, BgAuthTarget target, BgAuthScheme scheme) {
        if (target == null) {
            throw new BackgroundCopyException(method, HResult.BG_E_INVALID_AUTH_TARGET, "not a BG_AUTH_TARGET value");
        }
        if (scheme == null) {
            throw new BackgroundCopyException(method, HResult.BG_E_INVALID_AUTH_SCHEME, "not a BG_AUTH_SCHEME value");
        }
        return new CredentialKey(target, scheme);
    }

    /** The SetSecurityFlags argument: {@code E_NOTIMPL} for an undefined bit or redirect policy. */
    static BgSecurityFlags checkedSecurityFlags(String method, int flags) {
        return BgSecurityFlags.fromMask(flags).orElseThrow(() -> new BackgroundCopyException(method, HResult.E_NOTIMPL,
                String.format("0x%08X holds a bit or a redirect policy the flags do not define", flags)));
    }

    /** Header names and credential keys only: values may be tokens, and passwords are secrets. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        if (customHeaders != null) {
            for (Header h : headers()) {
                names.add(h.name());
            }
        }
        return "HttpOptions[headers=" + names + ", credentials=" + credentials.keySet() + ", securityFlags="
                + securityFlags + ", proxy=" + proxy + ", clientCertificate="
                + (clientCertificate == null ? null : clientCertificate.identity()) + "]";
    }
}
