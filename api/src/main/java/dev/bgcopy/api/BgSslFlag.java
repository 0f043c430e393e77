package dev.bgcopy.api;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code BG_SSL_*} bits of {@link IBackgroundCopyJobHttpOptions#setSecurityFlags} (docs/contract.md §6.11):
 * certificate revocation checking and the certificate errors a job may ignore. Verification is always on;
 * each {@code IGNORE} flag waives only its own error.
 */
public enum BgSslFlag implements NativeEnum {
    /** {@code BG_SSL_ENABLE_CRL_CHECK} (0x0001): check the server certificate against revocation lists. */
    ENABLE_CRL_CHECK(0x0001),
    /** {@code BG_SSL_IGNORE_CERT_CN_INVALID} (0x0002): accept a certificate issued for another host name. */
    IGNORE_CERT_CN_INVALID(0x0002),
    /** {@code BG_SSL_IGNORE_CERT_DATE_INVALID} (0x0004): accept an expired or not yet valid certificate. */
    IGNORE_CERT_DATE_INVALID(0x0004),
    /** {@code BG_SSL_IGNORE_UNKNOWN_CA} (0x0008): accept a certificate of an untrusted authority. */
    IGNORE_UNKNOWN_CA(0x0008),
    /** {@code BG_SSL_IGNORE_CERT_WRONG_USAGE} (0x0010): accept a certificate not meant for server authentication. */
    IGNORE_CERT_WRONG_USAGE(0x0010);

    /** Every {@code BG_SSL_*} bit. */
    public static final int MASK = 0x001F;

    private final int nativeValue;

    BgSslFlag(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The bits of {@code flags}. */
    public static int toMask(Collection<BgSslFlag> flags) {
        int mask = 0;
        for (BgSslFlag f : flags) {
            mask |= f.nativeValue;
        }
        return mask;
    }

    /** The flags set in {@code mask}; other bits are ignored. */
    public static Set<BgSslFlag> fromMask(int mask) {
        EnumSet<BgSslFlag> set = EnumSet.noneOf(BgSslFlag.class);
        for (BgSslFlag f : values()) {
            if ((mask & f.nativeValue) != 0) {
                set.add(f);
            }
        }
        return set;
    }
}
