package dev.bgcopy.api;

import java.util.Optional;

/**
 * {@code BG_JOB_TYPE} (docs/contract.md §6.5). Delivery Optimization knows only {@link #DOWNLOAD}; the upload
 * types exist in BITS and are refused by {@code CreateJob} elsewhere (§4.1).
 */
public enum BgJobType implements NativeEnum {
    /** {@code BG_JOB_TYPE_DOWNLOAD} (0). */
    DOWNLOAD(0),
    /** {@code BG_JOB_TYPE_UPLOAD} (1), BITS only. */
    UPLOAD(1),
    /** {@code BG_JOB_TYPE_UPLOAD_REPLY} (2), BITS only. */
    UPLOAD_REPLY(2);

    private final int nativeValue;

    BgJobType(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The type with native value {@code value}, if any. */
    public static Optional<BgJobType> fromNative(int value) {
        return NativeEnum.find(BgJobType.class, value);
    }
}
