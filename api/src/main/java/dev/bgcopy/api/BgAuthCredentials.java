package dev.bgcopy.api;

/**
 * {@code BG_AUTH_CREDENTIALS} (docs/contract.md §6.11): what {@link IBackgroundCopyJob2#setCredentials} stores,
 * one entry per target and scheme. Natively the user name and password live in a union switched by
 * {@code Scheme}; every scheme uses its {@code Basic} member, so here they are one field.
 *
 * <p>{@link #toString()} never shows the password ({@link BgBasicCredentials#toString()}). Components may
 * be null: a null target or scheme stands for a native value outside the enumeration, which
 * {@code SetCredentials} refuses with {@code BG_E_INVALID_AUTH_TARGET} / {@code BG_E_INVALID_AUTH_SCHEME}.
 *
 * @param target {@code Target}
 * @param scheme {@code Scheme}
 * @param basic {@code Credentials.Basic}: the user name and password
 */
public record BgAuthCredentials(BgAuthTarget target, BgAuthScheme scheme, BgBasicCredentials basic) {

    /** Credentials with a user name and a password (copied). */
    public static BgAuthCredentials of(BgAuthTarget target, BgAuthScheme scheme, String userName, char[] password) {
        return new BgAuthCredentials(target, scheme, new BgBasicCredentials(userName, password));
    }
}
