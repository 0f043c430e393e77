package dev.bgcopy.simulator;

import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.HResult;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The redirects one request follows under its job's {@code BG_HTTP_REDIRECT_POLICY_*} (docs/contract.md §4.12
 * "On the wire (SIM)", SetSecurityFlags page): ALLOW_SILENT follows; ALLOW_REPORT follows and makes the final URL
 * the file's remote name; DISALLOW fails the job with {@code HRESULT_FROM_WIN32(HTTP_STATUS_…)} of the redirect
 * and makes the URL it pointed to the remote name. Whatever the policy, a redirect is never followed more than
 * {@link #MAX_REDIRECTS} hops, back to a URL already visited, from https to http (unless
 * {@code BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP}), or to another scheme than http and https.
 */
final class RedirectPolicy {

    /**
     * Redirect hops followed before the request fails: WinHTTP's default
     * ({@code WinHttpRequestOption_MaxAutomaticRedirects}, 10), which BITS uses.
     */
    static final int MAX_REDIRECTS = 10;

    private final BgSecurityFlags flags;
    private final Set<URI> visited = new HashSet<>();
    private URI current;
    private int hops;

    RedirectPolicy(URI first, BgSecurityFlags flags) {
        this.flags = flags;
        this.current = first;
        visited.add(first);
    }

    /** The statuses followed as redirects; under DISALLOW also 300, which the page lists among its codes. */
    boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308
                || (status == 300 && flags.redirectPolicy() == BgHttpRedirectPolicy.DISALLOW);
    }

    /**
     * The URL to ask next after {@code status} with {@code location} (the {@code Location} value, or null).
     *
     * @throws RedirectException when the redirect is not followed, with the code and remote name it leaves
     */
    URI follow(int status, String location) throws RedirectException {
        if (location == null) {
            throw refused(status, "a redirect without a Location", null);
        }
        URI to;
        try {
            to = current.resolve(location.trim());
        } catch (IllegalArgumentException malformed) {
            throw refused(status, "a redirect to a malformed Location", null);
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        boolean webUrl = (scheme.equals("http") || scheme.equals("https"))
                && to.getRawUserInfo() == null && to.getHost() != null && Arguments.validPort(to.getPort());
        boolean downgrade = "https".equalsIgnoreCase(current.getScheme()) && scheme.equals("http") && !flags.allowHttpsToHttp();
        if (flags.redirectPolicy() == BgHttpRedirectPolicy.DISALLOW) {
            // Only a URL the job could have followed becomes the remote name: a hostile Location must not turn the
            // job into a download of a local file (file:) or over plain http on its next attempt.
            throw new RedirectException(HResult.fromWin32(status), status,
                    "the job's redirect policy is BG_HTTP_REDIRECT_POLICY_DISALLOW", webUrl && !downgrade ? to.toString() : null);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(status, "a redirect to an unsupported scheme (only http and https are followed)", null);
        }
        if (downgrade) {
            throw refused(status, "a redirect from https to http", null);
        }
        if (!webUrl) {
            throw refused(status, "a redirect to a URL with user information, no host or an invalid port", null);
        }
        if (hops == MAX_REDIRECTS) {
            throw refused(status, "more than " + MAX_REDIRECTS + " redirects", null);
        }
        if (!visited.add(to)) {
            throw refused(status, "a redirect loop (back to a URL already visited)", null);
        }
        hops++;
        current = to;
        return to;
    }

    /** The remote name the answer of {@link #follow followed} redirects gives the file: the final URL under ALLOW_REPORT, else null. */
    URI reportedRemote() {
        return hops > 0 && flags.redirectPolicy() == BgHttpRedirectPolicy.ALLOW_REPORT ? current : null;
    }

    private static RedirectException refused(int status, String reason, String renamedTo) {
        return new RedirectException(HResult.fromHttpStatus(status), status, reason, renamedTo);
    }

    /**
     * A redirect that is not followed: the job fails fatally with {@link #code} (the redirect's HTTP status as
     * {@code BG_E_HTTP_ERROR_<n>}, or the DISALLOW policy's code) and a description that says why.
     */
    static final class RedirectException extends IOException {
        private static final long serialVersionUID = 1L;
        final transient HResult code;
        /** The remote name the file takes (DISALLOW: the URL the redirect pointed to), or null. */
        final String renamedTo;

        RedirectException(HResult code, int status, String reason, String renamedTo) {
            super("the server answered HTTP " + status + ", " + reason + ", which is not followed");
            this.code = code;
            this.renamedTo = renamedTo;
        }
    }
}
