package dev.bgcopy.api;

import java.util.Optional;

/**
 * {@code BG_ERROR_CONTEXT}: where a job's failure happened (docs/contract.md §6.5). Delivery Optimization
 * reports only {@link #REMOTE_FILE} (for HTTP 403) and {@link #NONE} (everything else, §8 I-15).
 */
public enum BgErrorContext implements NativeEnum {
    /** {@code BG_ERROR_CONTEXT_NONE} (0). */
    NONE(0),
    /** {@code BG_ERROR_CONTEXT_UNKNOWN} (1). */
    UNKNOWN(1),
    /** {@code BG_ERROR_CONTEXT_GENERAL_QUEUE_MANAGER} (2). */
    GENERAL_QUEUE_MANAGER(2),
    /** {@code BG_ERROR_CONTEXT_QUEUE_MANAGER_NOTIFICATION} (3). */
    QUEUE_MANAGER_NOTIFICATION(3),
    /** {@code BG_ERROR_CONTEXT_LOCAL_FILE} (4). */
    LOCAL_FILE(4),
    /** {@code BG_ERROR_CONTEXT_REMOTE_FILE} (5). */
    REMOTE_FILE(5),
    /** {@code BG_ERROR_CONTEXT_GENERAL_TRANSPORT} (6). */
    GENERAL_TRANSPORT(6),
    /** {@code BG_ERROR_CONTEXT_REMOTE_APPLICATION} (7). */
    REMOTE_APPLICATION(7),
    /**
     * {@code BG_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK} (8; bits10_3.h): the application's server-certificate
     * callback declined the certificate, or could not be asked (docs/contract.md §4.22).
     */
    SERVER_CERTIFICATE_CALLBACK(8);

    private final int nativeValue;

    BgErrorContext(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The context with native value {@code value}, if any. */
    public static Optional<BgErrorContext> fromNative(int value) {
        return NativeEnum.find(BgErrorContext.class, value);
    }
}
