package dev.bgcopy.api;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * {@code IBackgroundCopyManager} (IID {@code 5CE34C0D-0DC9-4C1F-897C-DAA1B78CEE7C}; docs/contract.md §3.2, §4.1):
 * the entry point of a transfer service, served by the DO coclass ({@code CLSID_DeliveryOptimization}),
 * by BITS ({@code CLSID_BackgroundCopyManager}) or by the pure-Java simulator. Get one from
 * {@link BackgroundCopy#open()}.
 *
 * <p>{@link #close()} releases the manager (and, for the simulator, stops its engine); jobs live on in
 * the service. Thread-safe.
 */
public interface IBackgroundCopyManager extends AutoCloseable {

    /** {@code BG_JOB_ENUM_ALL_USERS} (0x1): {@link #enumJobs(int)} lists every user's jobs (administrators only). */
    int BG_JOB_ENUM_ALL_USERS = 0x0001;

    /**
     * {@code CreateJob} (slot 3): a new SUSPENDED job with no files (R1-R15). {@code E_INVALIDARG} for a
     * null name or one over 256 UTF-16 units, or a type the service does not support.
     */
    IBackgroundCopyJob createJob(String displayName, BgJobType type);

    /**
     * {@code GetJob} (slot 4): the live job with this id (R16-R19). {@code NOT_FOUND} when no such job is
     * in the queue (cancelled, acknowledged and expired jobs are not); {@code E_ACCESSDENIED} when the
     * caller may not see it.
     */
    IBackgroundCopyJob getJob(UUID jobId);

    /**
     * {@code EnumJobs} (slot 5, BITS only; DO: {@code E_NOTIMPL}): the caller's live jobs as of now, or
     * every user's with {@link #BG_JOB_ENUM_ALL_USERS}.
     */
    IEnumBackgroundCopyJobs enumJobs(int flags);

    /** {@link #enumJobs(int)} of the caller's own jobs. */
    default IEnumBackgroundCopyJobs enumJobs() {
        return enumJobs(0);
    }

    /**
     * {@code GetErrorDescription} (slot 6, BITS only; DO: {@code E_NOTIMPL}): text for an
     * {@code HRESULT} in the given language ({@code E_INVALIDARG} for an unknown code).
     */
    String getErrorDescription(HResult hresult, Locale locale);

    /** Which error codes this service reports. */
    Dialect dialect();

    /** The optional parts of the contract this service implements. */
    Set<Feature> supportedFeatures();

    /** Releases the manager; idempotent. Jobs are not cancelled. */
    @Override
    void close();
}
