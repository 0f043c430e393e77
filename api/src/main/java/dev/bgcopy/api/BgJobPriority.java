package dev.bgcopy.api;

import java.util.Optional;

/**
 * {@code BG_JOB_PRIORITY} (docs/contract.md §6.5). Delivery Optimization runs {@link #FOREGROUND} jobs in the
 * foreground and treats the other three alike, as background transfers.
 */
public enum BgJobPriority implements NativeEnum {
    /** {@code BG_JOB_PRIORITY_FOREGROUND} (0): competes with applications for bandwidth. */
    FOREGROUND(0),
    /** {@code BG_JOB_PRIORITY_HIGH} (1). */
    HIGH(1),
    /** {@code BG_JOB_PRIORITY_NORMAL} (2): the default for a new job. */
    NORMAL(2),
    /** {@code BG_JOB_PRIORITY_LOW} (3). */
    LOW(3);

    private final int nativeValue;

    BgJobPriority(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The priority with native value {@code value}, if any. */
    public static Optional<BgJobPriority> fromNative(int value) {
        return NativeEnum.find(BgJobPriority.class, value);
    }
}
