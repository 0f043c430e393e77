package dev.bgcopy.simulator;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.BitsJobTransferPolicy;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob4;
import dev.bgcopy.api.SemanticError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The automatic transitions of one job (docs/contract.md §5.3, A1-A10): what the scheduler, the clock
 * and the transfer worker do to it. The job's running transfer lives here; the worker reports to it
 * as its {@link TransferListener}. Every change goes through the {@link JobState}'s commit step for
 * automatic transitions ({@link JobState#record}), under the job's lock.
 */
final class JobAutomation implements TransferListener {

    private static final System.Logger LOG = System.getLogger(JobAutomation.class.getPackageName());

    private final JobState state;
    private final JobContext context;
    private final DialectRules rules;
    // Guarded by the job's lock.
    private TransferTask running;
    private long lastProgressNotice;
    /** When the last progress JobModification went out, on the engine clock, for a job's own notification interval. */
    private Instant lastJobIntervalNotice;
    private volatile boolean hasTask;

    JobAutomation(JobState state, JobContext context) {
        this.state = state;
        this.context = context;
        this.rules = context.rules();
    }

    /** Whether the scheduler may start this job now (a pre-check; {@link #start} decides). */
    boolean isStartable() {
        return state.snapshot().state() == BgJobState.QUEUED && !hasTask;
    }

    /** Asks the running transfer, if any, to stop; returns it. Caller holds the job's lock. */
    TransferTask stopTask() {
        TransferTask task = running;
        if (task != null) {
            task.requestStop();
        }
        return task;
    }

    /** A1: QUEUED → TRANSFERRING (DO) or CONNECTING (BITS), with a new transfer task; null when not startable. */
    TransferTask start() {
        return state.locked(() -> {
            if (state.data().state != BgJobState.QUEUED || running != null || state.completing()) {
                return null;
            }
            if (!costAllows(state.data())) {
                blockByCost(state.data().copy());
                return null;
            }
            JobData next = state.data().copy();
            state.enter(next, rules.startedState());
            if (next.state == BgJobState.TRANSFERRING) {
                next.error = null;
                next.errorFile = -1;
            }
            state.record(next, JobState.Persist.SAVE, "A1 start", JobState.MODIFIED);
            running = new TransferTask(this, context.transferHost(), context.transferSettings(), state.id.toString());
            hasTask = true;
            // The dispatcher computed its next deadline before this start: a new pass takes the job's download deadline (A11).
            context.wake();
            return running;
        });
    }

    /**
     * Fires what is due at {@code now}: the expiry (A8), the no-progress timeout (A5) and the retry of a
     * transient error (A4). Returns the next instant something is due, or null.
     */
    Instant onClock(Instant now) {
        return state.locked(() -> {
            JobData current = state.data();
            if (current.state.isTerminal()) {
                return null;
            }
            Instant expiry = rules.expiry(current.creationTime, current.modificationTime);
            if (!now.isBefore(expiry)) {
                expire();
                return null;
            }
            Instant downloadDeadline = rules.exposes(IBackgroundCopyJob4.class) ? current.downloadDeadline() : null;
            if (downloadDeadline != null && !now.isBefore(downloadDeadline)) {
                maximumDownloadTimeError(current.copy());
                return expiry;
            }
            if ((current.state == BgJobState.CONNECTING || current.state == BgJobState.TRANSFERRING) && !costAllows(current)) {
                blockByCost(current.copy());
                stopTask();
                return earliest(expiry, context.config().networkCost().nextChangeAfter(now));
            }
            if (current.state == BgJobState.TRANSIENT_ERROR && blockedByCost(current)) {
                if (!costAllows(current)) {
                    return earliest(expiry, context.config().networkCost().nextChangeAfter(now));
                }
                JobData next = current.copy();
                state.enter(next, BgJobState.QUEUED);
                state.record(next, JobState.Persist.SAVE, "the network's cost allows the job", JobState.MODIFIED);
                return expiry;
            }
            if (current.state != BgJobState.TRANSIENT_ERROR) {
                return earliest(expiry, downloadDeadline);
            }
            Instant deadline = current.noProgressSince == null ? null
                    : current.noProgressSince.plusSeconds(current.effectiveNoProgressTimeout(rules));
            if (deadline != null && !now.isBefore(deadline)) {
                JobData next = current.copy();
                noProgressError(next);
            } else if (current.retryAt != null && !now.isBefore(current.retryAt)) {
                JobData next = current.copy();
                next.retryAt = null;
                state.enter(next, BgJobState.QUEUED);
                state.record(next, JobState.Persist.SAVE, "A4 retry", JobState.MODIFIED);
            } else {
                return earliest(expiry, earliest(deadline, current.retryAt));
            }
            return expiry;
        });
    }

    /** Whether the job's cost flags include the network's cost state now (docs/contract.md §4.17). */
    private boolean costAllows(JobData job) {
        return BitsJobTransferPolicy.allows(job.properties.costFlags(), context.config().networkCost().costAt(context.now()));
    }

    /** A job waiting for a network its cost flags allow: TRANSIENT_ERROR with no retry time; a cost change ends it. */
    private boolean blockedByCost(JobData job) {
        return job.retryAt == null && job.error != null
                && job.error.failure().code().equals(rules.code(SemanticError.BLOCKED_BY_COST));
    }

    /**
     * The network's cost is not one the job's flags allow: it waits in TRANSIENT_ERROR with the dialect's
     * BLOCKED_BY_COST code, without a retry time and without the no-progress timeout, which counts failures to
     * transfer, not a policy's wait (SIM).
     */
    private void blockByCost(JobData next) {
        int cost = context.config().networkCost().costAt(context.now());
        Failure blocked = Failure.of(rules.code(SemanticError.BLOCKED_BY_COST), BgErrorContext.GENERAL_QUEUE_MANAGER, true,
                "the job's cost flags 0x" + Integer.toHexString(next.properties.costFlags())
                        + " do not include the network's cost state 0x" + Integer.toHexString(cost));
        next.retryAt = null;
        next.noProgressSince = null;
        next.error = state.errorRecord(blocked, next, -1);
        next.errorFile = -1;
        state.enter(next, BgJobState.TRANSIENT_ERROR);
        state.record(next, JobState.Persist.SAVE, "cost policy", JobState.MODIFIED);
    }

    /**
     * MAX_DOWNLOAD_SIZE: once the job's known size or its bytes pass the limit, ERROR with
     * {@code BG_E_MAX_DOWNLOAD_SIZE_LIMIT_REACHED} and the transfer stops (docs/contract.md §4.17). True when it did.
     */
    private boolean overMaximumSize(JobData next, int file) {
        long max = next.properties.maxDownloadSize();
        if (max == 0) {
            return false;
        }
        BgJobProgress progress = next.progress();
        long known = 0;
        for (FileData f : next.files()) {
            if (f.bytesTotal() != BgJobProgress.BG_SIZE_UNKNOWN) {
                known += f.bytesTotal();
            }
        }
        long bytes = Math.max(known, progress.bytesTransferred());
        if (Long.compareUnsigned(bytes, max) <= 0) {
            return false;
        }
        next.noProgressSince = null;
        enterError(next, Failure.of(HResult.BG_E_MAX_DOWNLOAD_SIZE_LIMIT_REACHED, BgErrorContext.REMOTE_FILE, false,
                "the job needs " + bytes + " bytes, over its maximum download size of " + Long.toUnsignedString(max)),
                file, "maximum download size");
        stopTask();
        return true;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    /** A5: TRANSIENT_ERROR → ERROR because nothing moved for the no-progress timeout. */
    private void noProgressError(JobData next) {
        Failure timedOut = rules.noProgressFailure(next.error.failure(), next.effectiveNoProgressTimeout(rules));
        next.retryAt = null;
        enterError(next, timedOut, next.errorFile, "A5 no progress");
    }

    /**
     * A11: the job spent its maximum download time CONNECTING or TRANSFERRING since the last Resume
     * (IBackgroundCopyJob4::SetMaximumDownloadTime): ERROR with {@code BG_E_MAXDOWNLOAD_TIMEOUT}, the transfer stopped.
     */
    private void maximumDownloadTimeError(JobData next) {
        next.retryAt = null;
        next.noProgressSince = null;
        enterError(next, new Failure(HResult.BG_E_MAXDOWNLOAD_TIMEOUT, BgErrorContext.GENERAL_QUEUE_MANAGER, false, null,
                "the job spent its maximum download time of " + next.maximumDownloadTime + " s connecting or transferring"),
                -1, "A11 maximum download time");
        stopTask();
    }

    /** A6 (and A5): ERROR with a new error record and JobError. */
    private void enterError(JobData next, Failure failure, int file, String transition) {
        next.errorCount++;
        next.error = state.errorRecord(failure, next, file);
        next.errorFile = file;
        state.enter(next, BgJobState.ERROR);
        state.record(next, JobState.Persist.SAVE, transition, new JobState.Notice(Notifier.Kind.ERROR, -1), JobState.MODIFIED);
    }

    /** A8: 30 days (DO) or 90 days without modification (BITS): cancelled, partial files deleted, out of the queue. */
    private void expire() {
        JobData next = state.data().copy();
        next.retryAt = null;
        state.enter(next, BgJobState.CANCELLED);
        state.record(next, JobState.Persist.DELETE, "A8 expiry");
        context.removeJob(state.id);
        stopTask();
        state.deleteTemporaryFiles();
    }

    /** A7: the owner logged off: back to QUEUED, and the callback registration ends with the process. */
    void onLogOff(String user) {
        state.locked(() -> {
            JobData next = state.data().copy();
            if (!next.owner.user().equals(user) || next.state.isTerminal()) {
                return null;
            }
            next.callback = null;
            boolean transferring = next.state == BgJobState.CONNECTING || next.state == BgJobState.TRANSFERRING;
            if (transferring) {
                state.enter(next, BgJobState.QUEUED);
            }
            state.record(next, transferring ? JobState.Persist.SAVE : JobState.Persist.NONE, "A7 log-off");
            if (transferring) {
                stopTask();
            }
            return null;
        });
    }

    /** Whether this job's transfer holds a worker slot now, stopping or not. */
    boolean holdsSlot() {
        return hasTask;
    }

    /**
     * A10: a FOREGROUND job needs the slot this job transfers in: back to QUEUED keeping its bytes (the
     * next start resumes them with a Range request); the task stops and frees the slot. False when the
     * job is not transferring (any more).
     */
    boolean yieldSlot() {
        return state.locked(() -> {
            JobData current = state.data();
            if (running == null || running.stopRequested()
                    || (current.state != BgJobState.CONNECTING && current.state != BgJobState.TRANSFERRING)) {
                return false;
            }
            JobData next = current.copy();
            state.enter(next, BgJobState.QUEUED);
            state.record(next, JobState.Persist.SAVE, "A10 yield to foreground", JobState.MODIFIED);
            stopTask();
            return true;
        });
    }

    /**
     * SetSecurityFlags. Turning {@code BG_SSL_ENABLE_CRL_CHECK} on restarts every partly downloaded https file
     * from its first byte, so that no byte reaches it before its server's certificate was checked; a running
     * transfer goes back to QUEUED for that; files already downloaded keep their bytes (SetSecurityFlags page,
     * docs/contract.md §4.12 "On the wire (SIM)").
     */
    void setSecurityFlags(String method, BgSecurityFlags flags) {
        state.locked(() -> {
            state.requireLive(method);
            JobData current = state.data();
            JobData next = current.copy();
            next.httpOptions = next.httpOptions.withSecurityFlags(flags);
            boolean restarted = false;
            if (flags.ssl().contains(BgSslFlag.ENABLE_CRL_CHECK)
                    && !current.httpOptions.securityFlags().ssl().contains(BgSslFlag.ENABLE_CRL_CHECK)) {
                for (FileData f : current.files()) {
                    if (!f.isDone() && f.bytesTransferred() > 0 && "https".equalsIgnoreCase(f.activeRemote().getScheme())) {
                        next.editFile(f.index).restartFromFirstByte();
                        restarted = true;
                    }
                }
            }
            boolean transferring = restarted && running != null && !running.stopRequested()
                    && (current.state == BgJobState.CONNECTING || current.state == BgJobState.TRANSFERRING);
            if (transferring) {
                state.enter(next, BgJobState.QUEUED);
            }
            state.touch(next);
            state.commit(next, JobState.Persist.SAVE, method, JobState.MODIFIED);
            if (transferring) {
                stopTask();
            }
            return null;
        });
    }

    /** The manager closed: stop transferring (the job stays as it is). */
    TransferTask stopForClose() {
        return state.locked(() -> {
            return stopTask();
        });
    }

    // =====================================================================================
    // The transfer worker's reports (TransferListener)
    // =====================================================================================

    @Override
    public FileWork nextWork(TransferTask task) {
        return state.locked(() -> {
            if (!owns(task)) {
                return null;
            }
            if (state.data().properties.onDemand()) {
                return nextOnDemandWork();
            }
            for (FileData f : state.data().files()) {
                if (!f.isDone()) {
                    JobProperties properties = state.data().properties;
                    // Dynamic content and a custom method never resume with Range: the file starts again at byte 0.
                    boolean fromZero = properties.restartsFromZero();
                    return new FileWork(f.index, f.fileId, f.activeRemote(), f.localPath(), f.tempPath(context.localFiles(), state.id), f.ranges,
                            fromZero ? 0 : f.bytesTransferred(), fromZero ? BgJobProgress.BG_SIZE_UNKNOWN : f.resolvedSize(),
                            fromZero ? null : f.validator(), f.tempKey(), state.data().httpOptions, properties.httpMethod(),
                            certificateValidation(properties, f.index));
                }
            }
            return null;
        });
    }

    /**
     * ON_DEMAND_MODE: the requested ranges that are not here yet, file by file, those from the download position
     * first (docs/contract.md §4.19); null when none is left. Caller holds the lock.
     */
    private FileWork nextOnDemandWork() {
        JobData current = state.data();
        for (FileData f : current.files()) {
            List<BgFileRange> gaps = f.pendingRanges();
            if (!gaps.isEmpty()) {
                JobData next = current.copy();
                next.editFile(f.index).startOnDemandWork(gaps);
                state.record(next, JobState.Persist.NONE, "on-demand ranges");
                return new FileWork(f.index, f.fileId, f.activeRemote(), f.localPath(), f.tempPath(context.localFiles(), state.id),
                        gaps, 0, f.resolvedSize(), f.validator(), f.tempKey(), current.httpOptions, current.properties.httpMethod(),
                        certificateValidation(current.properties, f.index));
            }
        }
        return null;
    }

    /** What the handshakes of file {@code file} ask the job's certificate-validation callback with, or null (§4.22). */
    private ServerCertificateValidation.Question certificateValidation(JobProperties properties, int file) {
        ServerCertificateValidation.Registration registration = properties.certificateValidation();
        return registration == null ? null : new ServerCertificateValidation.Question(registration, state.job(), state.fileHandle(file));
    }

    @Override
    public BgJobPriority priority() {
        return state.data().priority;
    }

    @Override
    public boolean onResponse(TransferTask task, int file, long offset, long size, String etag, String lastModified) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            if (next.properties.onDemand()) {
                next.editFile(file).respondedOnDemand(size, etag, lastModified);
            } else {
                next.editFile(file).responded(offset, size, etag, lastModified);
            }
            if (next.state == BgJobState.CONNECTING) {
                enterTransferring(next);
            }
            if (overMaximumSize(next, file)) {
                return null;
            }
            state.touch(next);
            state.record(next, JobState.Persist.SAVE, "A1 connected", JobState.MODIFIED);
            return null;
        });
    }

    @Override
    public boolean onRemoteRenamed(TransferTask task, int file, String remoteName) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            next.editFile(file).redirectedTo(remoteName);
            state.record(next, JobState.Persist.SAVE, "redirect renamed the remote file", JobState.MODIFIED);
            return null;
        });
    }

    private void enterTransferring(JobData next) {
        state.enter(next, BgJobState.TRANSFERRING);
        next.error = null;
        next.errorFile = -1;
    }

    /**
     * A first key is saved with the first checkpoint (until then no byte of the file is trusted, and a
     * restart replaces the unrecorded file); a key that replaces a recorded one is saved at once, so a
     * restart never finds the stored key disagreeing with the file it vouches for.
     */
    @Override
    public boolean onTempCreated(TransferTask task, int file, String key) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            boolean replaced = next.file(file).tempKey() != null;
            next.editFile(file).tempCreated(key);
            state.record(next, replaced ? JobState.Persist.SAVE : JobState.Persist.NONE, "temporary file created");
            return null;
        });
    }

    @Override
    public boolean onDurable(TransferTask task, int file, long durableBytes) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            next.editFile(file).forcedToDisk(durableBytes);
            state.record(next, JobState.Persist.SAVE, "checkpoint");
            return null;
        });
    }

    /** Bytes arrived: progress, MT, the no-progress timer restarts (R48), a rate-limited JobModification. */
    @Override
    public boolean onBytes(TransferTask task, int file, long transferred) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            boolean onDemand = next.properties.onDemand();
            if (onDemand) {
                next.editFile(file).receivedOnDemand(transferred);
            } else {
                next.editFile(file).received(transferred);
            }
            if (next.noProgressSince != null) {
                next.noProgressSince = context.now();
            }
            state.touch(next);
            if (overMaximumSize(next, file)) {
                return null;
            }
            if (progressNoticeDue(next)) {
                List<BgFileRange> arrived = onDemand ? next.editFile(file).takeUnreported() : List.of();
                state.record(next, JobState.Persist.NONE, "progress", JobState.MODIFIED);
                state.postRanges(next, file, arrived);
            } else {
                state.record(next, JobState.Persist.NONE, "progress");
            }
            return null;
        });
    }

    /**
     * Whether a progress JobModification may go out now: at the job's MINIMUM_NOTIFICATION_INTERVAL_MS on the engine
     * clock when it set one (docs/contract.md §4.17), else at the engine's configured interval (real time).
     */
    private boolean progressNoticeDue(JobData job) {
        java.time.Duration own = job.properties.notificationInterval();
        if (own != null) {
            Instant now = context.now();
            if (lastJobIntervalNotice != null && now.isBefore(lastJobIntervalNotice.plus(own))) {
                return false;
            }
            lastJobIntervalNotice = now;
            return true;
        }
        long nowNanos = System.nanoTime();
        long interval = context.config().progressNotificationInterval().toNanos();
        if (interval == 0 || nowNanos - lastProgressNotice >= interval) {
            lastProgressNotice = nowNanos;
            return true;
        }
        return false;
    }

    /** File5's HTTP_RESPONSE_HEADERS: the head of the last HTTP response the file got (docs/contract.md §4.18). */
    @Override
    public boolean onResponseHeaders(TransferTask task, int file, String headers) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            next.editFile(file).headersReceived(headers);
            state.record(next, JobState.Persist.NONE, "response headers");
            return null;
        });
    }

    @Override
    public boolean onSizeKnown(TransferTask task, int file, long size) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            next.editFile(file).sizeKnown(size);
            state.record(next, JobState.Persist.SAVE, "A9 size known", JobState.MODIFIED);
            return null;
        });
    }

    @Override
    public boolean onFileDone(TransferTask task, int file) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            if (next.properties.onDemand()) {
                // The end of a piece of on-demand work: what arrived since the last report; a file only counts as
                // transferred once every byte is here.
                List<BgFileRange> arrived = next.editFile(file).takeUnreported();
                if (next.file(file).isDone()) {
                    state.record(next, JobState.Persist.SAVE, "file transferred", new JobState.Notice(Notifier.Kind.FILE_TRANSFERRED, file));
                } else {
                    state.record(next, JobState.Persist.SAVE, "requested ranges transferred");
                }
                state.postRanges(next, file, arrived);
                return null;
            }
            state.record(next, JobState.Persist.SAVE, "file transferred", new JobState.Notice(Notifier.Kind.FILE_TRANSFERRED, file));
            return null;
        });
    }

    /** A2: every file is here: TRANSFERRED, TransferCompletionTime set, JobTransferred. */
    @Override
    public boolean onAllDone(TransferTask task) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            if (next.state == BgJobState.CONNECTING) {
                enterTransferring(next);
            }
            next.noProgressSince = null;
            if (next.properties.onDemand() && !next.files().stream().allMatch(FileData::isDone)) {
                // RequestFileRanges page: every requested range is here but not every byte: SUSPENDED.
                state.enter(next, BgJobState.SUSPENDED);
                state.record(next, JobState.Persist.SAVE, "requested ranges here", JobState.MODIFIED);
                return null;
            }
            state.enter(next, BgJobState.TRANSFERRED);
            next.transferCompletionTime = next.modificationTime;
            state.record(next, JobState.Persist.SAVE, "A2 transferred", new JobState.Notice(Notifier.Kind.TRANSFERRED, -1), JobState.MODIFIED);
            return null;
        });
    }

    /** A3/A5/A6: classify the failure into TRANSIENT_ERROR or ERROR. */
    @Override
    public void onFailure(TransferTask task, Failure failure, int file) {
        state.locked(() -> {
            if (!owns(task)) {
                return null;
            }
            JobData next = state.data().copy();
            // A job with a custom HTTP method has no resumable errors: ERROR, and Resume starts it again from zero
            // (the SetHttpMethod page).
            if (!failure.isTransient() || next.properties.customMethod()) {
                next.noProgressSince = null;
                enterError(next, failure, file, "A6 failure");
                return null;
            }
            Instant now = context.now();
            if (next.noProgressSince == null) {
                next.noProgressSince = now;
            }
            next.error = state.errorRecord(failure, next, file);
            next.errorFile = file;
            long timeout = next.effectiveNoProgressTimeout(rules);
            if (timeout == 0 || !now.isBefore(next.noProgressSince.plusSeconds(timeout))) {
                noProgressError(next);
                return null;
            }
            next.errorCount++;
            Duration wait = Duration.ofSeconds(rules.retryDelaySeconds(next.minimumRetryDelay,
                    context.config().minimumRetryDelay()));
            if (failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0) {
                wait = failure.retryAfter();
            }
            // Never later than the no-progress deadline, where A5 ends the episode anyway: no wait a server
            // names can overflow the clock.
            Instant deadline = next.noProgressSince.plusSeconds(timeout);
            next.retryAt = wait.compareTo(Duration.between(now, deadline)) >= 0 ? deadline : now.plus(wait);
            state.enter(next, BgJobState.TRANSIENT_ERROR);
            LOG.log(System.Logger.Level.INFO, "job {0}: transient failure {1} ({2}); retry at {3}", state.id,
                    failure.code(), failure.description(), next.retryAt);
            state.record(next, JobState.Persist.SAVE, "A3 transient failure", JobState.MODIFIED);
            return null;
        });
    }

    /** The worker is leaving: release the slot; a job cancelled meanwhile loses its temporary files. */
    @Override
    public void onExit(TransferTask task) {
        context.transferSettings().caps().release(task);
        state.locked(() -> {
            if (running == task) {
                running = null;
                hasTask = false;
            }
            if (state.data().state == BgJobState.CANCELLED) {
                state.deleteTemporaryFiles();
            } else if (!state.data().state.isTerminal()) {
                state.record(state.data().copy(), JobState.Persist.SAVE, "checkpoint"); // the byte counts the next run resumes from
            }
            return null;
        });
    }

    private boolean owns(TransferTask task) {
        return running == task && !task.stopRequested() && !state.data().state.isTerminal();
    }

    /** Runs a report of {@code task} when it still owns the job; whether it does. */
    private boolean owned(TransferTask task, Supplier<?> body) {
        return state.locked(() -> {
            if (!owns(task)) {
                return false;
            }
            body.get();
            return true;
        });
    }
}
