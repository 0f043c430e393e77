package dev.bgcopy.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code BG_BASIC_CREDENTIALS} (docs/contract.md §6.11): a user name and a password, the only member of the
 * {@code BG_AUTH_CREDENTIALS_UNION}. Either may be null (NTLM and Negotiate then use the logged-on user).
 *
 * <p>The password is kept as a {@code char[]} copy so that its owner can {@link #clear()} it, and it never
 * appears in {@link #toString()}: only whether one is present. {@link #password()} hands out a copy.
 */
public final class BgBasicCredentials {

    /** {@code BG_BASIC_CREDENTIALS.UserName}: at most 300 characters (BITS:ns-bits1_5-bg_basic_credentials). */
    public static final int MAX_USER_NAME = 300;
    /** {@code BG_BASIC_CREDENTIALS.Password}: at most 65,536 characters (same page). */
    public static final int MAX_PASSWORD = 65_536;

    private final String userName;
    private final char[] password;

    /**
     * @param userName the user name, or null for the session's default credentials
     * @param password the password, or null; copied
     */
    public BgBasicCredentials(String userName, char[] password) {
        this.userName = userName;
        this.password = password == null ? null : password.clone();
    }

    /** The user name, or null. */
    public String userName() {
        return userName;
    }

    /** A copy of the password, or null. */
    public char[] password() {
        return password == null ? null : password.clone();
    }

    /** Whether a password (possibly empty) is present. */
    public boolean hasPassword() {
        return password != null;
    }

    /** The password's length in characters, or -1 without one. */
    public int passwordLength() {
        return password == null ? -1 : password.length;
    }

    /** Overwrites this object's copy of the password with zeros; the user name stays. */
    public void clear() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BgBasicCredentials other && Objects.equals(userName, other.userName)
                && Arrays.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userName, password == null ? -1 : password.length);
    }

    /** The user name and whether a password is set; never the password. */
    @Override
    public String toString() {
        return "BgBasicCredentials[userName=" + userName + ", password=" + (password == null ? "null" : "<redacted>") + "]";
    }
}
