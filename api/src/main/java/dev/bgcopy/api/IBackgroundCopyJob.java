package dev.bgcopy.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code IBackgroundCopyJob} (IID {@code 37668D37-507E-4160-9316-26306D150B12}; docs/contract.md §3.3, §4.2,
 * state machine §5) with DO's {@code IDeliveryOptimizationJob::AddFileWithRanges} (IID
 * {@code EE2584CF-A69C-4848-B633-2649962B3EF7}, §3.4): one background transfer of one or more files.
 *
 * <p>One Java method per vtable slot, in slot order, named after the native method. A failing
 * {@code HRESULT} is thrown as {@link BackgroundCopyException} carrying it; a failing call changes
 * nothing (§4.0). Codes such as {@code INVALID_STATE} differ between DO and BITS: see
 * {@link SemanticError}. Methods that Delivery Optimization does not document (marked "BITS only")
 * fail with {@code E_NOTIMPL} against DO and change nothing ({@link Feature#BITS_METHODS}, R108).
 *
 * <p>Every method may be called from any thread. {@link #getProgress()} and {@link #getState()} are
 * cheap enough to poll in a loop.
 *
 * <pre>{@code
 * try (IBackgroundCopyManager manager = BackgroundCopy.open()) {
 *     IBackgroundCopyJob job = manager.createJob("update", BgJobType.DOWNLOAD);
 *     job.addFileWithRanges("app", "https://example.com/app.zip", "/opt/app/app.zip", List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
 *     job.resume();
 *     while (job.getState() != BgJobState.TRANSFERRED) { ... job.getProgress() ... }
 *     job.complete();
 * }
 * }</pre>
 */
public interface IBackgroundCopyJob extends IUnknown {

    /** {@code DO_UNKNOWN_FILE_SIZE}: the {@code fileSize} to pass when the size is not known ({@code (UINT64)-1}). */
    long DO_UNKNOWN_FILE_SIZE = BgJobProgress.BG_SIZE_UNKNOWN;

    /**
     * {@code AddFileSet} (slot 3, BITS only): {@link #addFile} of every entry, all or nothing.
     */
    void addFileSet(List<BgFileInfo> files);

    /**
     * {@code AddFile} (slot 4, BITS only): appends a whole-file download of {@code remoteUrl} to the
     * absolute path {@code localName}. {@code E_INVALIDARG} for an unsupported scheme or relative path,
     * {@code E_ACCESSDENIED} for an unwritable directory, {@code INVALID_STATE} when terminal.
     */
    void addFile(String remoteUrl, String localName);

    /** {@code EnumFiles} (slot 5): the files, in the order they were added, as of now. */
    IEnumBackgroundCopyFiles enumFiles();

    /**
     * {@code Suspend} (slot 6): stops transfer activity; the job stays SUSPENDED until resumed (R27-R29).
     * {@code INVALID_STATE} when terminal.
     */
    void suspend();

    /**
     * {@code Resume} (slot 7): queues the job for transfer (R21-R25). {@code EMPTY} when it has no file;
     * {@code INVALID_STATE} when terminal.
     */
    void resume();

    /**
     * {@code Cancel} (slot 8): ends the job, deleting its temporary files; it leaves the queue (R30-R34).
     * {@code INVALID_STATE} when already terminal.
     */
    void cancel();

    /**
     * {@code Complete} (slot 9): moves every fully transferred file into place and ends the job
     * (R35-R40). Files not fully transferred are discarded.
     *
     * @return a success code: {@link HResult#S_OK}, or {@link HResult#BG_S_PARTIAL_COMPLETE} (BITS) when
     *         some files were discarded; test it with {@link HResult#isSuccess()}
     */
    HResult complete();

    /** {@code GetId} (slot 10): the job's GUID from CreateJob; never changes. */
    UUID getId();

    /** {@code GetType} (slot 11): always {@link BgJobType#DOWNLOAD} for DO. */
    BgJobType getType();

    /** {@code GetProgress} (slot 12): byte and file counts (§6.10). Lock-free where the implementation allows. */
    BgJobProgress getProgress();

    /** {@code GetTimes} (slot 13): creation, modification and transfer-completion times. */
    BgJobTimes getTimes();

    /** {@code GetState} (slot 14): the current state. DO never reports {@link BgJobState#CONNECTING}. */
    BgJobState getState();

    /**
     * {@code GetError} (slot 15): why the job is (or last was) failing (§5.4).
     *
     * @throws BackgroundCopyException {@code NO_ERROR_INFO} when the job has no error record
     */
    IBackgroundCopyError getError();

    /** {@code GetOwner} (slot 16, BITS only): the owner's identity (a SID string on Windows). */
    String getOwner();

    /** {@code SetDisplayName} (slot 17, BITS only): {@code E_INVALIDARG} for null or over 256 characters. */
    void setDisplayName(String displayName);

    /** {@code GetDisplayName} (slot 18): the name given to CreateJob (or the last SetDisplayName). */
    String getDisplayName();

    /** {@code SetDescription} (slot 19, BITS only): up to 1,024 characters. */
    void setDescription(String description);

    /** {@code GetDescription} (slot 20, BITS only): empty for a new job. */
    String getDescription();

    /** {@code SetPriority} (slot 21): {@code INVALID_STATE} when terminal (R63, R66). */
    void setPriority(BgJobPriority priority);

    /** {@code GetPriority} (slot 22): {@link BgJobPriority#NORMAL} for a new job. */
    BgJobPriority getPriority();

    /**
     * {@code SetNotifyFlags} (slot 23): which events reach the callback, as a {@link BgNotify} mask.
     * {@code E_NOTIMPL} for bits outside {@link BgNotify#VALID_MASK} (R53); {@code INVALID_STATE} when
     * terminal (R54).
     */
    void setNotifyFlags(int notifyFlags);

    /** {@link #setNotifyFlags(int)} from a set of flags. */
    default void setNotifyFlags(Collection<BgNotify> flags) {
        setNotifyFlags(BgNotify.toMask(flags));
    }

    /** {@code GetNotifyFlags} (slot 24): the mask last set; {@link BgNotify#DEFAULT_MASK} for a new job. */
    int getNotifyFlags();

    /**
     * {@code SetNotifyInterface} (slot 25): registers {@code callback}, replacing any earlier one; null
     * clears. Not persisted: lost when this process ends. {@code INVALID_STATE} when terminal.
     */
    void setNotifyInterface(IBackgroundCopyCallback callback);

    /** {@code GetNotifyInterface} (slot 26): the registered callback (the same object), if any. */
    Optional<IBackgroundCopyCallback> getNotifyInterface();

    /** {@code SetMinimumRetryDelay} (slot 27, BITS only): seconds between a transient error and the retry. */
    void setMinimumRetryDelay(long seconds);

    /** {@code GetMinimumRetryDelay} (slot 28, BITS only). */
    long getMinimumRetryDelay();

    /**
     * {@code SetNoProgressTimeout} (slot 29): seconds a job may stay in TRANSIENT_ERROR without progress
     * before it moves to ERROR; 0 means the first failure is final (R47-R50, R65). Any {@code ULONG}.
     */
    void setNoProgressTimeout(long seconds);

    /** {@code GetNoProgressTimeout} (slot 30): the timeout in seconds (defaults in R13). */
    long getNoProgressTimeout();

    /** {@code GetErrorCount} (slot 31, BITS only): how often the job entered ERROR or TRANSIENT_ERROR. */
    long getErrorCount();

    /** {@code SetProxySettings} (slot 32, BITS only). */
    void setProxySettings(BgJobProxyUsage usage, String proxyList, String proxyBypassList);

    /** {@code GetProxySettings} (slot 33, BITS only). */
    BgProxySettings getProxySettings();

    /** {@code TakeOwnership} (slot 34, BITS only): makes the caller the owner. */
    void takeOwnership();

    /**
     * {@code IDeliveryOptimizationJob::AddFileWithRanges} (slot 3 of that interface): appends a file
     * identified by {@code fileId}, optionally limited to byte ranges, with a known size or
     * {@link #DO_UNKNOWN_FILE_SIZE} (R95-R101). {@code E_INVALIDARG} for a null or empty local name or a
     * bad URL, {@code INVALID_RANGE}, {@code OVERLAPPING_RANGES}, {@code INVALID_STATE} when terminal.
     * Where the service has no {@code IDeliveryOptimizationJob} (BITS) it fails with
     * {@code E_NOINTERFACE} ({@link Feature#ADD_FILE_WITH_RANGES}).
     *
     * @param ranges the byte ranges to fetch, in any order, or an empty list for the whole file
     * @param fileSize the file's size in bytes, or {@link #DO_UNKNOWN_FILE_SIZE}
     */
    void addFileWithRanges(String fileId, String remoteUrl, String localName, List<BgFileRange> ranges, long fileSize);
}
