package dev.bgcopy.api;

/**
 * A condition that DO and BITS report with different {@code HRESULT}s (docs/contract.md §7.4). Code that
 * must work against either service tests {@link #matches(HResult)} instead of one value.
 */
public enum SemanticError {
    /** Operation not allowed in the job's state (e.g. the job is cancelled or acknowledged). */
    INVALID_STATE(HResult.DO_E_INVALID_STATE, HResult.BG_E_INVALID_STATE),
    /** Resume on a job without files (the DO pages' {@code DO_E_EMPTY}, §8 I-1). */
    EMPTY(HResult.DO_E_JOB_EMPTY, HResult.BG_E_EMPTY),
    /** GetJob of an id that is not in the queue (the DO pages' {@code DO_E_NOT_FOUND}, §8 I-2). */
    NOT_FOUND(HResult.DO_E_JOB_NOT_FOUND, HResult.BG_E_NOT_FOUND),
    /** GetError on a job that has no error record. */
    NO_ERROR_INFO(HResult.DO_E_ERROR_INFORMATION_UNAVAILABLE, HResult.BG_E_ERROR_INFORMATION_UNAVAILABLE),
    /** IBackgroundCopyError::GetFile for an error not tied to a file. */
    FILE_NOT_AVAILABLE(HResult.DO_E_FILE_NOT_AVAILABLE, HResult.BG_E_FILE_NOT_AVAILABLE),
    /** A byte range that is not valid. */
    INVALID_RANGE(HResult.DO_E_INVALID_RANGE, HResult.BG_E_INVALID_RANGE),
    /** Byte ranges that overlap or repeat an offset. */
    OVERLAPPING_RANGES(HResult.DO_E_OVERLAPPING_RANGES, HResult.BG_E_OVERLAPPING_RANGES),
    /** The server ignores {@code Range} for a file that needs it. */
    RANGE_UNSUPPORTED(HResult.DO_E_INSUFFICIENT_RANGE_SUPPORT, HResult.BG_E_INSUFFICIENT_RANGE_SUPPORT),
    /** The network is unreachable or the connection was lost (transient). */
    NETWORK_DOWN(HResult.DO_E_BLOCKED_BY_NO_NETWORK, HResult.BG_E_NETWORK_DISCONNECTED),
    /** A job or file property id the service does not know (docs/contract.md §4.17, §4.18). */
    UNKNOWN_PROPERTY_ID(HResult.DO_E_UNKNOWN_PROPERTY_ID, HResult.BG_E_UNKNOWN_PROPERTY_ID),
    /** SetProperty on a property that can only be read (docs/contract.md §4.18). */
    READ_ONLY_PROPERTY(HResult.DO_E_READ_ONLY_PROPERTY, HResult.BG_E_READ_ONLY_PROPERTY),
    /** The job's cost flags keep it off the current network (docs/contract.md §4.17). */
    BLOCKED_BY_COST(HResult.DO_E_BLOCKED_BY_COST_TRANSFER_POLICY, HResult.BG_E_BLOCKED_BY_COST_TRANSFER_POLICY);

    private final HResult deliveryOptimization;
    private final HResult bits;

    SemanticError(HResult deliveryOptimization, HResult bits) {
        this.deliveryOptimization = deliveryOptimization;
        this.bits = bits;
    }

    /** The code {@code dialect} reports for this condition. */
    public HResult in(Dialect dialect) {
        return dialect == Dialect.DO ? deliveryOptimization : bits;
    }

    /**
     * Whether {@code hr} reports this condition in either dialect (the lenient equivalence class of
     * §7.4; {@link #OVERLAPPING_RANGES} also accepts {@link #INVALID_RANGE}'s codes).
     */
    public boolean matches(HResult hr) {
        if (hr.equals(deliveryOptimization) || hr.equals(bits)) {
            return true;
        }
        return this == OVERLAPPING_RANGES && INVALID_RANGE.matches(hr);
    }
}
