package dev.bgcopy.api;

import java.util.Optional;

/**
 * The {@code BG_HTTP_REDIRECT_POLICY_*} field of the security flags (docs/contract.md §6.11): bits
 * {@link #MASK} hold one of these values; {@link #ALLOW_HTTPS_TO_HTTP} is a separate bit outside it.
 */
public enum BgHttpRedirectPolicy implements NativeEnum {
    /** {@code BG_HTTP_REDIRECT_POLICY_ALLOW_SILENT} (0x0000, the default): follow redirects. */
    ALLOW_SILENT(0x0000),
    /** {@code BG_HTTP_REDIRECT_POLICY_ALLOW_REPORT} (0x0100): follow, and make the final URL the file's remote name. */
    ALLOW_REPORT(0x0100),
    /** {@code BG_HTTP_REDIRECT_POLICY_DISALLOW} (0x0200): a redirect puts the job in ERROR. */
    DISALLOW(0x0200);

    /** {@code BG_HTTP_REDIRECT_POLICY_MASK} (0x0700): the bits that hold the policy. */
    public static final int MASK = 0x0700;
    /** {@code BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP} (0x0800): an https URL may redirect to http. */
    public static final int ALLOW_HTTPS_TO_HTTP = 0x0800;

    private final int nativeValue;

    BgHttpRedirectPolicy(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The policy held in {@code flags & MASK}, or empty for a value the enumeration does not define. */
    public static Optional<BgHttpRedirectPolicy> ofFlags(int flags) {
        return NativeEnum.find(BgHttpRedirectPolicy.class, flags & MASK);
    }
}
