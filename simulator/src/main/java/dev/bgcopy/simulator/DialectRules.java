package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile3;
import dev.bgcopy.api.IBackgroundCopyFile4;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.IBackgroundCopyFile6;
import dev.bgcopy.api.IBackgroundCopyJob3;
import dev.bgcopy.api.IBackgroundCopyJob4;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions2;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.SemanticError;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every difference between the Delivery Optimization and the BITS dialect of the simulator
 * (docs/contract.md §1.2), in one place: which methods and interfaces exist, the codes, the defaults
 * and the automatic transitions that differ. Everything else reads these rules instead of asking
 * which dialect it runs.
 */
enum DialectRules {

    /** Windows' Delivery Optimization ({@code CLSID_DeliveryOptimization}). */
    DO(Dialect.DO),
    /** Windows' BITS ({@code CLSID_BackgroundCopyManager}). */
    BITS(Dialect.BITS);

    /** DO cancels a job 30 days after its creation (R109). */
    static final Duration DO_RETENTION = Duration.ofDays(30);
    /** BITS' default {@code JobInactivityTimeout} Group Policy: 90 days without a modification. */
    static final Duration BITS_INACTIVITY_TIMEOUT = Duration.ofDays(90);
    static final long BITS_DEFAULT_NO_PROGRESS_TIMEOUT = 1_209_600L;
    static final long DO_FOREGROUND_NO_PROGRESS_TIMEOUT = 3_600L;
    static final long DO_BACKGROUND_NO_PROGRESS_TIMEOUT = 86_400L;

    private final Dialect dialect;

    DialectRules(Dialect dialect) {
        this.dialect = dialect;
    }

    static DialectRules of(Dialect dialect) {
        return dialect == Dialect.BITS ? BITS : DO;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The dialect's code for a condition both dialects know (docs/contract.md §7.4). */
    HResult code(SemanticError error) {
        return error.in(dialect);
    }

    /** A BITS-only method called in the DO dialect: {@code E_NOTIMPL} (docs/contract.md §4.9). */
    void requireBitsMethod(String method) {
        if (this != BITS) {
            throw new BackgroundCopyException(method, HResult.E_NOTIMPL,
                    "not documented for Delivery Optimization (docs/contract.md §1.2)");
        }
    }

    /** A DO interface used in the BITS dialect: {@code E_NOINTERFACE}. */
    void requireDoInterface(String method) {
        if (this != DO) {
            throw new BackgroundCopyException(method, HResult.E_NOINTERFACE, "BITS has no Delivery Optimization interfaces");
        }
    }

    /**
     * A BITS interface the DO reference does not document ({@code IBackgroundCopyJob2} to {@code IBackgroundCopyJob4},
     * {@code IBackgroundCopyJobHttpOptions}, {@code IBackgroundCopyFile3}, {@code IBackgroundCopyFile4}) used in the DO
     * dialect: {@code E_NOINTERFACE}.
     */
    void requireBitsInterface(String method) {
        if (this != BITS) {
            throw new BackgroundCopyException(method, HResult.E_NOINTERFACE,
                    "the Delivery Optimization reference does not document " + method.substring(0, method.indexOf("::")));
        }
    }

    /** Whether {@code QueryInterface} finds {@code iface} on a job or a file. */
    boolean exposes(Class<?> iface) {
        boolean doOnly = iface == IDeliveryOptimizationJob2.class || iface == IDeliveryOptimizationFile.class
                || iface == IDeliveryOptimizationFile2.class;
        boolean bitsOnly = iface == IBackgroundCopyJob2.class || iface == IBackgroundCopyJobHttpOptions.class
                || iface == IBackgroundCopyFile6.class || iface == IBackgroundCopyJobHttpOptions2.class
                || iface == IBackgroundCopyJobHttpOptions3.class
                || iface == IBackgroundCopyJob3.class || iface == IBackgroundCopyJob4.class
                || iface == IBackgroundCopyFile3.class || iface == IBackgroundCopyFile4.class;
        return this == DO ? !bitsOnly : !doOnly;
    }

    /**
     * Whether {@code IBackgroundCopyJob5} supports a property: BITS every id bits5_0.h defines, DO the cost flags
     * and the notification CLSID only (DO:bits-job-property-id marks the others "Not supported").
     */
    boolean supportsJobProperty(BitsJobPropertyId id) {
        return this == BITS || id.equals(BitsJobPropertyId.COST_FLAGS) || id.equals(BitsJobPropertyId.NOTIFICATION_CLSID);
    }

    /** Whether {@code FileRangesTransferred} is delivered (DO marks BG_NOTIFY_FILE_RANGES_TRANSFERRED "Not supported"). */
    boolean deliversFileRanges() {
        return this == BITS;
    }

    /** Whether a full local path is a remote name (BITS, after the BG_FILE_INFO page; DO takes URLs only). */
    boolean acceptsLocalPathRemoteNames() {
        return this == BITS;
    }

    Set<Feature> features() {
        return this == DO
                ? EnumSet.of(Feature.ADD_FILE_WITH_RANGES, Feature.DO_EXTENSIONS, Feature.CALLBACKS, Feature.JOB_PROPERTIES)
                : EnumSet.of(Feature.BITS_METHODS, Feature.HTTP_OPTIONS, Feature.BITS3_INTERFACES, Feature.CALLBACKS,
                        Feature.JOB_PROPERTIES, Feature.ON_DEMAND_RANGES, Feature.HTTP_OPTIONS_10);
    }

    /** CreateJob with an upload type: DO rejects the argument, BITS lacks the implementation. */
    HResult unsupportedJobType(BgJobType type) {
        return this == DO ? HResult.E_INVALIDARG : HResult.E_NOTIMPL;
    }

    /** A1: the state a started job enters first (BITS connects first). */
    BgJobState startedState() {
        return this == BITS ? BgJobState.CONNECTING : BgJobState.TRANSFERRING;
    }

    /** A8: when a job expires. */
    Instant expiry(Instant creationTime, Instant modificationTime) {
        return this == DO ? creationTime.plus(DO_RETENTION) : modificationTime.plus(BITS_INACTIVITY_TIMEOUT);
    }

    /** The no-progress timeout of a job that never set one (R65). */
    long defaultNoProgressTimeout(BgJobPriority priority) {
        if (this == BITS) {
            return BITS_DEFAULT_NO_PROGRESS_TIMEOUT;
        }
        return priority == BgJobPriority.FOREGROUND ? DO_FOREGROUND_NO_PROGRESS_TIMEOUT : DO_BACKGROUND_NO_PROGRESS_TIMEOUT;
    }

    /** A5: the error a job gets when nothing moved for {@code timeout} seconds after {@code last}. */
    Failure noProgressFailure(Failure last, long timeout) {
        return this == DO
                ? new Failure(HResult.DO_E_DOWNLOAD_NO_PROGRESS, last.bitsContext(), false, null,
                        "no progress for " + timeout + " s; last failure: " + last.description())
                : new Failure(last.code(), last.bitsContext(), false, null,
                        "no progress for " + timeout + " s: " + last.description());
    }

    /**
     * The shortest retry delay: 5 s in both dialects. Microsoft's {@code IBackgroundCopyJob::SetMinimumRetryDelay}
     * pages (bits.h, and the Delivery Optimization edition of the interface) raise a smaller value to 5 s.
     */
    static final long MIN_RETRY_DELAY_SECONDS = 5;

    /**
     * A4: BITS waits the job's {@code MinimumRetryDelay}; DO its own retry configuration; neither less
     * than {@link #MIN_RETRY_DELAY_SECONDS}, so that no server can make a job retry in a loop.
     */
    long retryDelaySeconds(long jobMinimumRetryDelay, Duration configured) {
        long delay = this == BITS ? jobMinimumRetryDelay : configured.toSeconds();
        return Math.max(MIN_RETRY_DELAY_SECONDS, delay);
    }

    /**
     * What Complete returns (§5.2 note 4). Only an unfinished file has temporary data left to delete, so
     * a failed delete always comes with a partial completion: reported first, it says files stayed behind.
     */
    HResult completeResult(boolean deleteFailed, boolean partial) {
        if (this == BITS && deleteFailed) {
            return HResult.BG_S_UNABLE_TO_DELETE_FILES;
        }
        if (this == BITS && partial) {
            return HResult.BG_S_PARTIAL_COMPLETE;
        }
        return HResult.S_OK;
    }

    /** The scheduler's rank, lower first: DO knows only FOREGROUND and the rest; BITS all four priorities. */
    int schedulingRank(BgJobPriority priority) {
        if (this == DO) {
            return priority == BgJobPriority.FOREGROUND ? 0 : 1;
        }
        return priority.nativeValue();
    }

    /** What an unexpected engine fault is reported as. */
    HResult internalError() {
        return this == DO ? HResult.DO_E_FATAL_CORE_ERROR : HResult.E_FAIL;
    }

    /** The error context as the dialect reports it: DO says REMOTE_FILE only for HTTP 403 (§8 I-15). */
    BgErrorContext context(Failure failure) {
        if (this == BITS) {
            return failure.bitsContext();
        }
        return failure.code().equals(HResult.BG_E_HTTP_ERROR_403) ? BgErrorContext.REMOTE_FILE : BgErrorContext.NONE;
    }
}
