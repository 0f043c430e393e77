package dev.bgcopy.simulator;

import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyJob4;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The fields of one job (docs/contract.md §4.2, §5), as one value: {@link JobState} copies the
 * current value, changes the copy in a transition and commits it; a committed value is never
 * changed again, so getters read it without a lock. Also the mapping to and from the store's record.
 */
final class JobData {

    final UUID id;
    final Instant creationTime;

    BgJobState state = BgJobState.SUSPENDED;
    String displayName;
    String description = "";
    CallerIdentity owner;
    BgJobPriority priority = BgJobPriority.NORMAL;
    int notifyFlags = BgNotify.DEFAULT_MASK;
    /** Not stored: a registration ends with its process. */
    IBackgroundCopyCallback callback;
    /** Null until SetNoProgressTimeout: the dialect's default for the priority applies. */
    Long noProgressTimeout;
    long minimumRetryDelay;
    long errorCount;
    /** SetNotifyCmdLine (BITS). */
    BgNotifyCmdLine notifyCmdLine = BgNotifyCmdLine.NONE;
    /** The wire options: headers, credentials, security flags, proxy, client certificate. */
    HttpOptions httpOptions = HttpOptions.NONE;
    /** The IBackgroundCopyJob5 properties, the HTTP method and the BITS 10.3 header mode. */
    JobProperties properties = JobProperties.NONE;
    /** IBackgroundCopyJob3::SetFileACLFlags: which owner and access information Complete copies (§4.13). */
    int fileAclFlags;
    /** IBackgroundCopyJob4::SetPeerCachingFlags (§4.14). */
    int peerCachingFlags;
    /** IBackgroundCopyJob4::SetMaximumDownloadTime in seconds; 0 is no limit (§4.14). */
    long maximumDownloadTime = IBackgroundCopyJob4.DEFAULT_MAXIMUM_DOWNLOAD_TIME;
    /** Time spent CONNECTING or TRANSFERRING since the last Resume, before the current such period. */
    long downloadMillis;
    /** When the current CONNECTING/TRANSFERRING period began, or null outside one. */
    Instant downloadingSince;
    /** The error record (§5.4) and the index of its file, or -1. */
    SimulatedError error;
    int errorFile = -1;
    Instant modificationTime;
    Instant transferCompletionTime = BgJobTimes.FILETIME_ZERO;
    Instant retryAt;
    Instant noProgressSince;
    /** Orders QUEUED jobs FIFO; renewed on every entry into QUEUED. */
    long queueSequence;
    private List<FileData> files = new ArrayList<>();

    JobData(UUID id, Instant creationTime) {
        this.id = id;
        this.creationTime = creationTime;
    }

    /** A copy to change: the file list is new, its files are shared until {@link #editFile}. */
    JobData copy() {
        JobData c = new JobData(id, creationTime);
        c.state = state;
        c.displayName = displayName;
        c.description = description;
        c.owner = owner;
        c.priority = priority;
        c.notifyFlags = notifyFlags;
        c.callback = callback;
        c.noProgressTimeout = noProgressTimeout;
        c.minimumRetryDelay = minimumRetryDelay;
        c.errorCount = errorCount;
        c.notifyCmdLine = notifyCmdLine;
        c.httpOptions = httpOptions;
        c.properties = properties;
        c.fileAclFlags = fileAclFlags;
        c.peerCachingFlags = peerCachingFlags;
        c.maximumDownloadTime = maximumDownloadTime;
        c.downloadMillis = downloadMillis;
        c.downloadingSince = downloadingSince;
        c.error = error;
        c.errorFile = errorFile;
        c.modificationTime = modificationTime;
        c.transferCompletionTime = transferCompletionTime;
        c.retryAt = retryAt;
        c.noProgressSince = noProgressSince;
        c.queueSequence = queueSequence;
        c.files = new ArrayList<>(files);
        return c;
    }

    List<FileData> files() {
        return files;
    }

    FileData file(int index) {
        return files.get(index);
    }

    /** The file at {@code index}, copied into this value so it may be changed. */
    FileData editFile(int index) {
        FileData copy = files.get(index).copy();
        files.set(index, copy);
        return copy;
    }

    void addFile(FileData file) {
        files.add(file);
    }

    long effectiveNoProgressTimeout(DialectRules rules) {
        return noProgressTimeout != null ? noProgressTimeout : rules.defaultNoProgressTimeout(priority);
    }

    BgJobProgress progress() {
        long total = 0;
        long transferred = 0;
        long filesDone = 0;
        boolean unknown = false;
        for (FileData f : files) {
            if (f.bytesTotal() == BgJobProgress.BG_SIZE_UNKNOWN) {
                unknown = true;
            } else {
                total += f.bytesTotal();
            }
            transferred += f.bytesTransferred();
            if (f.isDone()) {
                filesDone++;
            }
        }
        return new BgJobProgress(unknown ? BgJobProgress.BG_SIZE_UNKNOWN : total, transferred, files.size(), filesDone);
    }

    BgJobTimes times() {
        return new BgJobTimes(creationTime, modificationTime, transferCompletionTime);
    }

    // ---- the store's record ----

    JobStore.StoredJob stored(boolean durable) {
        List<JobStore.StoredFile> storedFiles = new ArrayList<>(files.size());
        for (FileData f : files) {
            storedFiles.add(f.stored(durable));
        }
        Failure failure = error == null ? null : error.failure();
        JobStore.StoredError storedError = failure == null ? null : new JobStore.StoredError(failure.code().value(),
                failure.bitsContext(), failure.isTransient(), failure.description(), errorFile);
        return new JobStore.StoredJob(id, displayName, description, owner.user(), state, priority, notifyFlags,
                noProgressTimeout, minimumRetryDelay, errorCount, creationTime, modificationTime,
                transferCompletionTime, retryAt, noProgressSince, storedError, storedFiles, notifyCmdLine,
                httpOptions, properties.stored(), new JobStore.StoredBits3(fileAclFlags, peerCachingFlags,
                        maximumDownloadTime, downloadMillis, validatedFiles()));
    }

    private Set<Integer> validatedFiles() {
        Set<Integer> validated = new HashSet<>();
        for (FileData f : files) {
            if (f.validated()) {
                validated.add(f.index);
            }
        }
        return validated;
    }

    /**
     * The maximum download time's deadline (§4.14): when the time spent CONNECTING or TRANSFERRING since the last
     * Resume reaches the limit; null outside those states or without a limit.
     */
    Instant downloadDeadline() {
        if (downloadingSince == null || maximumDownloadTime == 0) {
            return null;
        }
        return downloadingSince.plusMillis(maximumDownloadTime * 1000 - downloadMillis);
    }

    /**
     * A job read back from the store. A transfer that was running when the old engine stopped is queued
     * again; its files resume from their stored byte counts.
     */
    static JobData restored(JobStore.StoredJob stored, long queueSequence, ErrorRecords errors) {
        JobData d = new JobData(stored.id(), stored.creationTime());
        d.displayName = stored.displayName();
        d.description = stored.description();
        d.owner = CallerIdentity.user(stored.owner());
        d.priority = stored.priority();
        d.notifyFlags = stored.notifyFlags();
        d.noProgressTimeout = stored.noProgressTimeoutSeconds();
        d.minimumRetryDelay = stored.minimumRetryDelaySeconds();
        d.errorCount = stored.errorCount();
        d.modificationTime = stored.modificationTime();
        d.transferCompletionTime = stored.transferCompletionTime();
        d.retryAt = stored.retryAt();
        d.noProgressSince = stored.noProgressSince();
        d.notifyCmdLine = stored.notifyCmdLine();
        d.httpOptions = stored.httpOptions();
        d.properties = stored.properties();
        JobStore.StoredBits3 bits3 = stored.bits3();
        d.fileAclFlags = bits3.fileAclFlags();
        d.peerCachingFlags = bits3.peerCachingFlags();
        d.maximumDownloadTime = bits3.maximumDownloadTime();
        d.downloadMillis = bits3.downloadMillis();
        for (JobStore.StoredFile f : stored.files()) {
            d.files.add(FileData.restored(d.files.size(), f, bits3.validatedFiles().contains(d.files.size())));
        }
        JobStore.StoredError e = stored.error();
        if (e != null) {
            d.errorFile = e.fileIndex() >= 0 && e.fileIndex() < d.files.size() ? e.fileIndex() : -1;
            d.error = errors.record(new Failure(HResult.of(e.code()), e.bitsContext(), e.isTransient(), null,
                    e.description()), d, d.errorFile);
        }
        BgJobState restored = stored.state();
        if (restored == BgJobState.CONNECTING || restored == BgJobState.TRANSFERRING) {
            restored = BgJobState.QUEUED;
        }
        d.state = restored;
        if (restored == BgJobState.QUEUED) {
            d.queueSequence = queueSequence;
        }
        return d;
    }

    /** Makes the {@code IBackgroundCopyError} of a failure of file {@code fileIndex} (or -1) of a job. */
    interface ErrorRecords {
        SimulatedError record(Failure failure, JobData job, int fileIndex);
    }
}
