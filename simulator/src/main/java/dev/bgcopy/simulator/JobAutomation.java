package dev.bgcopy.simulator;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob4;
import java.time.Duration;
import java.time.Instant;
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
            for (FileData f : state.data().files()) {
                if (!f.isDone()) {
                    return new FileWork(f.index, f.fileId, f.activeRemote(), f.localPath(), f.tempPath(context.localFiles(), state.id), f.ranges,
                            f.bytesTransferred(), f.resolvedSize(), f.validator(), f.tempKey(),
                            state.data().httpOptions);
                }
            }
            return null;
        });
    }

    @Override
    public BgJobPriority priority() {
        return state.data().priority;
    }

    @Override
    public boolean onResponse(TransferTask task, int file, long offset, long size, String etag, String lastModified) {
        return owned(task, () -> {
            JobData next = state.data().copy();
            next.editFile(file).responded(offset, size, etag, lastModified);
            if (next.state == BgJobState.CONNECTING) {
                enterTransferring(next);
            }
            state.touch(next);
            state.record(next, JobState.Persist.SAVE, "A1 connected", JobState.MODIFIED);
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
            next.editFile(file).received(transferred);
            if (next.noProgressSince != null) {
                next.noProgressSince = context.now();
            }
            state.touch(next);
            long nowNanos = System.nanoTime();
            long interval = context.config().progressNotificationInterval().toNanos();
            if (interval == 0 || nowNanos - lastProgressNotice >= interval) {
                lastProgressNotice = nowNanos;
                state.record(next, JobState.Persist.NONE, "progress", JobState.MODIFIED);
            } else {
                state.record(next, JobState.Persist.NONE, "progress");
            }
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
            state.record(state.data().copy(), JobState.Persist.SAVE, "file transferred", new JobState.Notice(Notifier.Kind.FILE_TRANSFERRED, file));
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
            if (!failure.isTransient()) {
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
