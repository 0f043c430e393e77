package dev.bgcopy.api;

/**
 * {@code IBackgroundCopyCallback} (IID {@code 97EA99C7-0186-4AD4-8DF9-C5B4E0ED6B22}) and
 * {@code IBackgroundCopyCallback2} (IID {@code 659CDEAC-489E-11D9-A9CD-000D56965251}): what the service
 * calls when a job changes (docs/contract.md §3.9, §4.7). Implemented by the application and registered with
 * {@link IBackgroundCopyJob#setNotifyInterface}; each event is delivered only when its
 * {@link BgNotify} flag is set.
 *
 * <p>Calls arrive on a service thread, never inside the API call that caused them, in event order
 * per job. The job, error and file passed in are valid for the duration of the call. Return
 * {@link HResult#S_OK}; a failure from {@link #jobError} (or an exception, counted as
 * {@link HResult#E_FAIL}) makes the service deliver it again later (R59). Every method defaults to
 * {@code S_OK}, so an application overrides only what it needs:
 *
 * <pre>{@code
 * job.setNotifyInterface(new IBackgroundCopyCallback() {
 *     public HResult jobTransferred(IBackgroundCopyJob j) { done.countDown(); return HResult.S_OK; }
 * });
 * }</pre>
 */
public interface IBackgroundCopyCallback {

    /** {@code JobTransferred} (slot 3): the job entered TRANSFERRED ({@link BgNotify#JOB_TRANSFERRED}). */
    default HResult jobTransferred(IBackgroundCopyJob job) {
        return HResult.S_OK;
    }

    /** {@code JobError} (slot 4): the job entered ERROR, never for TRANSIENT_ERROR ({@link BgNotify#JOB_ERROR}). */
    default HResult jobError(IBackgroundCopyJob job, IBackgroundCopyError error) {
        return HResult.S_OK;
    }

    /**
     * {@code JobModification} (slot 5): bytes moved, a file was added, a property or the state changed
     * ({@link BgNotify#JOB_MODIFICATION}). The native {@code dwReserved} is always 0 and is omitted.
     */
    default HResult jobModification(IBackgroundCopyJob job) {
        return HResult.S_OK;
    }

    /**
     * {@code IBackgroundCopyCallback2::FileTransferred} (slot 6): one file finished
     * ({@link BgNotify#FILE_TRANSFERRED}).
     */
    default HResult fileTransferred(IBackgroundCopyJob job, IBackgroundCopyFile file) {
        return HResult.S_OK;
    }
}
