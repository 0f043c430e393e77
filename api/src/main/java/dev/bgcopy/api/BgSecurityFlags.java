package dev.bgcopy.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ULONG} of {@link IBackgroundCopyJobHttpOptions#setSecurityFlags} as one value (docs/contract.md
 * §6.11): the {@link BgSslFlag} bits, the {@link BgHttpRedirectPolicy} and the https-to-http permission.
 *
 * @param ssl the {@code BG_SSL_*} flags
 * @param redirectPolicy the redirect policy
 * @param allowHttpsToHttp {@code BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP}
 */
public record BgSecurityFlags(Set<BgSslFlag> ssl, BgHttpRedirectPolicy redirectPolicy, boolean allowHttpsToHttp) {

    /** A new job's flags (0): full verification, silent redirects, no https to http. */
    public static final BgSecurityFlags DEFAULT = new BgSecurityFlags(Set.of(), BgHttpRedirectPolicy.ALLOW_SILENT, false);

    /** Copies the set. */
    public BgSecurityFlags {
        ssl = Set.copyOf(ssl);
        Objects.requireNonNull(redirectPolicy, "redirectPolicy");
    }

    /** The native mask. */
    public int toMask() {
        return BgSslFlag.toMask(ssl) | redirectPolicy.nativeValue() | (allowHttpsToHttp ? BgHttpRedirectPolicy.ALLOW_HTTPS_TO_HTTP : 0);
    }

    /**
     * The flags of a native mask, or empty when it has a bit no flag defines or a redirect-policy value
     * outside the enumeration ({@code SetSecurityFlags} answers {@code E_NOTIMPL} for both).
     */
    public static Optional<BgSecurityFlags> fromMask(int mask) {
        int known = BgSslFlag.MASK | BgHttpRedirectPolicy.MASK | BgHttpRedirectPolicy.ALLOW_HTTPS_TO_HTTP;
        if ((mask & ~known) != 0) {
            return Optional.empty();
        }
        return BgHttpRedirectPolicy.ofFlags(mask).map(policy -> new BgSecurityFlags(
                BgSslFlag.fromMask(mask), policy,
                (mask & BgHttpRedirectPolicy.ALLOW_HTTPS_TO_HTTP) != 0));
    }
}
