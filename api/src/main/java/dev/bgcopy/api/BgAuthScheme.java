package dev.bgcopy.api;

import java.util.Optional;

/** {@code BG_AUTH_SCHEME} (docs/contract.md §6.11): the HTTP authentication scheme a set of credentials is for. */
public enum BgAuthScheme implements NativeEnum {
    /** {@code BG_AUTH_SCHEME_BASIC} (1): user name and password sent as they are (RFC 7617). */
    BASIC(1),
    /** {@code BG_AUTH_SCHEME_DIGEST} (2): challenge and response (RFC 7616). */
    DIGEST(2),
    /** {@code BG_AUTH_SCHEME_NTLM} (3). */
    NTLM(3),
    /** {@code BG_AUTH_SCHEME_NEGOTIATE} (4): SPNEGO (Kerberos or NTLM). */
    NEGOTIATE(4),
    /** {@code BG_AUTH_SCHEME_PASSPORT} (5): the retired Microsoft Passport scheme. */
    PASSPORT(5);

    private final int nativeValue;

    BgAuthScheme(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** Whether {@code SetCredentials} requires a user name and a password for this scheme (Basic and Digest). */
    public boolean requiresUserAndPassword() {
        return this == BASIC || this == DIGEST;
    }

    /** The scheme with native value {@code value}, if any. */
    public static Optional<BgAuthScheme> fromNative(int value) {
        return NativeEnum.find(BgAuthScheme.class, value);
    }
}
