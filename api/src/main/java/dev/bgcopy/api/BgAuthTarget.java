package dev.bgcopy.api;

import java.util.Optional;

/** {@code BG_AUTH_TARGET} (docs/contract.md §6.11): whom a set of credentials answers. */
public enum BgAuthTarget implements NativeEnum {
    /** {@code BG_AUTH_TARGET_SERVER} (1): the server of the remote file (HTTP 401). */
    SERVER(1),
    /** {@code BG_AUTH_TARGET_PROXY} (2): the proxy (HTTP 407). */
    PROXY(2);

    private final int nativeValue;

    BgAuthTarget(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The target with native value {@code value}, if any. */
    public static Optional<BgAuthTarget> fromNative(int value) {
        return NativeEnum.find(BgAuthTarget.class, value);
    }
}
