package dev.bgcopy.api;

import java.util.Optional;

/** {@code BG_JOB_PROXY_USAGE} (docs/contract.md §6.5), for the BITS-only proxy settings. */
public enum BgJobProxyUsage implements NativeEnum {
    /** {@code BG_JOB_PROXY_USAGE_PRECONFIG} (0): the system's proxy settings. */
    PRECONFIG(0),
    /** {@code BG_JOB_PROXY_USAGE_NO_PROXY} (1). */
    NO_PROXY(1),
    /** {@code BG_JOB_PROXY_USAGE_OVERRIDE} (2): the job's own proxy and bypass lists. */
    OVERRIDE(2),
    /** {@code BG_JOB_PROXY_USAGE_AUTODETECT} (3). */
    AUTODETECT(3);

    private final int nativeValue;

    BgJobProxyUsage(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The usage with native value {@code value}, if any. */
    public static Optional<BgJobProxyUsage> fromNative(int value) {
        return NativeEnum.find(BgJobProxyUsage.class, value);
    }
}
