package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The state of one job (docs/contract.md §5): its committed {@link JobData}, one method per client
 * operation (§5.2), and the one commit step every change goes through, in a fixed order: persist the new
 * value, then publish it (the value and the snapshot the lock-free getters read), then post its
 * notifications. A store write that fails a client operation leaves the job exactly as it was and the
 * caller gets the error. The automatic transitions (§5.3, A1-A10) are the job's {@link JobAutomation}, which commits
 * through the same step.
 *
 * <p>Two locks. {@code apiLock} serialises the client operations of this job ({@link #serialized}), so
 * that Cancel and Complete can wait for the transfer to stop without letting another call in.
 * {@code lock} is held briefly by every transition, from the client, the transfer worker or the
 * scheduler. Lock order: apiLock, lock, then the engine's or the notifier's (leaves).
 */
final class JobState implements Notifier.Subscriber {

    private static final System.Logger LOG = System.getLogger(JobState.class.getPackageName());
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    /** What the lock-free progress getters read. */
    /**
     * What the lock-free getters read. It holds the published value's file list, which never changes
     * after publication (a commit edits a copy), and builds a file's progress only when asked: building
     * every file's on each commit made a job of N files cost N².
     */
    record Snapshot(BgJobState state, BgJobProgress progress, List<FileData> files, BgJobTimes times) {

        BgFileProgress fileProgress(int index) {
            return files.get(index).progress();
        }
    }

    /** A file to add, its arguments checked. */
    record NewFile(String fileId, URI uri, String remoteName, String localName, Path path,
                   List<dev.bgcopy.api.BgFileRange> ranges, long fileSize) {
    }

    enum Persist { SAVE, DELETE, NONE }

    record Notice(Notifier.Kind kind, int file) {
    }

    static final Notice MODIFIED = new Notice(Notifier.Kind.MODIFICATION, -1);

    final UUID id;
    final long creationSequence;
    private final JobContext context;
    private final DialectRules rules;
    private final IBackgroundCopyJob self;
    private final IntFunction<IBackgroundCopyFile> fileFactory;
    private final List<IBackgroundCopyFile> fileHandles = new ArrayList<>();
    private final ReentrantLock apiLock = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile JobData data;
    private volatile Snapshot snapshot;

    private final JobAutomation automation;
    // Guarded by lock: Complete is renaming files, so the scheduler must not start the job.
    private boolean completing;

    /** A new job (CreateJob), persisted before anyone sees it. */
    JobState(JobContext context, IBackgroundCopyJob self, IntFunction<IBackgroundCopyFile> fileFactory, UUID id,
             String displayName, CallerIdentity owner, long creationSequence) {
        this(context, self, fileFactory, id, creationSequence);
        JobData created = new JobData(id, context.now());
        created.displayName = displayName;
        created.owner = owner;
        created.modificationTime = created.creationTime;
        created.minimumRetryDelay = context.config().minimumRetryDelay().toSeconds();
        lock.lock();
        try {
            commit(created, Persist.SAVE, "created");
        } finally {
            lock.unlock();
        }
    }

    /** A job read back from the store by a new engine. */
    JobState(JobContext context, IBackgroundCopyJob self, IntFunction<IBackgroundCopyFile> fileFactory,
             JobStore.StoredJob stored, long creationSequence) {
        this(context, self, fileFactory, stored.id(), creationSequence);
        lock.lock();
        try {
            commit(JobData.restored(stored, context.nextSequence(), this::errorRecord), Persist.NONE, "restored");
        } finally {
            lock.unlock();
        }
    }

    private JobState(JobContext context, IBackgroundCopyJob self, IntFunction<IBackgroundCopyFile> fileFactory, UUID id,
                     long creationSequence) {
        this.context = context;
        this.rules = context.rules();
        this.self = self;
        this.fileFactory = fileFactory;
        this.id = id;
        this.creationSequence = creationSequence;
        this.automation = new JobAutomation(this, context);
    }

    // =====================================================================================
    // Reads (lock-free: a committed JobData never changes)
    // =====================================================================================

    JobData data() {
        return data;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public IBackgroundCopyJob job() {
        return self;
    }

    @Override
    public IBackgroundCopyCallback callback() {
        return data.callback;
    }

    @Override
    public BgJobState state() {
        return snapshot.state();
    }

    @Override
    public BgNotifyCmdLine notifyCmdLine() {
        return data.notifyCmdLine;
    }

    @Override
    public Duration minimumRetryDelay() {
        return Duration.ofSeconds(data.minimumRetryDelay);
    }

    /** The COM object of file {@code index}, the same one every time. */
    IBackgroundCopyFile fileHandle(int index) {
        synchronized (fileHandles) {
            while (fileHandles.size() <= index) {
                fileHandles.add(fileFactory.apply(fileHandles.size()));
            }
            return fileHandles.get(index);
        }
    }

    List<IBackgroundCopyFile> fileHandles() {
        int count = data.files().size();
        List<IBackgroundCopyFile> handles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            handles.add(fileHandle(i));
        }
        return List.copyOf(handles);
    }

    /** The automatic transitions (§5.3) of this job. */
    JobAutomation automation() {
        return automation;
    }

    ReentrantLock lock() {
        return lock;
    }

    boolean completing() {
        return completing;
    }

    // =====================================================================================
    // The commit step
    // =====================================================================================

    /**
     * The commit step of a client operation: persist, then publish, then notify. When the store refuses
     * the write, nothing is published or posted and the caller gets the store's exception.
     */
    void commit(JobData next, Persist write, String transition, Notice... notices) {
        persist(next, write, transition, true);
        publish(next, transition, notices);
    }

    /**
     * The commit step of an automatic transition (§5.3): persist, then publish, then notify. What the
     * service observed (a response, a failure, the clock) happened whatever the store says, so a refused
     * write is logged and the job moves on; the store catches up at the job's next successful save
     * (every save writes the whole record), and a crash before that comes back to the stored state.
     */
    void record(JobData next, Persist write, String transition, Notice... notices) {
        persist(next, write, transition, false);
        publish(next, transition, notices);
    }

    private void persist(JobData next, Persist write, String transition, boolean clientCall) {
        try {
            switch (write) {
                case SAVE -> {
                    boolean durable = context.store().isDurable();
                    context.store().save(id, () -> next.stored(durable));
                }
                case DELETE -> context.store().delete(id);
                case NONE -> {
                    // pure byte progress: saved at the next checkpoint or state change
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "job " + id + ": the store refused " + transition + (clientCall
                    ? "; the job keeps its previous state" : "; the store keeps the previous record until the next save"), e);
            if (clientCall) {
                throw e;
            }
        }
    }

    private void publish(JobData next, String transition, Notice... notices) {
        JobData before = data;
        data = next;
        snapshot = new Snapshot(next.state, next.progress(), next.files(), next.times());
        for (Notice notice : notices) {
            post(next, notice);
        }
        if (before != null && before.state != next.state) {
            LOG.log(System.Logger.Level.DEBUG, "job {0}: {1} -> {2} ({3})", id, before.state, next.state, transition);
        }
    }

    /**
     * Queues an event when the flags ask for it and someone receives it: the callback, or for JobTransferred and
     * JobError the notify command line too (docs/contract.md §4.11).
     */
    private void post(JobData next, Notice notice) {
        int flags = next.notifyFlags;
        boolean jobEvent = notice.kind() == Notifier.Kind.TRANSFERRED || notice.kind() == Notifier.Kind.ERROR;
        boolean received = next.callback != null || jobEvent && next.notifyCmdLine.isSet();
        if (!received || (flags & BgNotify.DISABLE.nativeValue()) != 0) {
            return;
        }
        BgNotify flag = switch (notice.kind()) {
            case TRANSFERRED -> BgNotify.JOB_TRANSFERRED;
            case ERROR -> BgNotify.JOB_ERROR;
            case MODIFICATION -> BgNotify.JOB_MODIFICATION;
            case FILE_TRANSFERRED -> BgNotify.FILE_TRANSFERRED;
            case FILE_RANGES_TRANSFERRED -> BgNotify.FILE_RANGES_TRANSFERRED;
        };
        if ((flags & flag.nativeValue()) == 0) {
            return;
        }
        context.notifier().post(this, notice.kind(), notice.file() < 0 ? null : fileHandle(notice.file()),
                notice.kind() == Notifier.Kind.ERROR ? next.error : null);
    }

    /**
     * FileRangesTransferred (docs/contract.md §4.20): posted when ranges arrived, a callback is registered, the flags
     * ask for {@code BG_NOTIFY_FILE_RANGES_TRANSFERRED} without DISABLE, and the dialect delivers it (BITS).
     */
    void postRanges(JobData next, int file, List<dev.bgcopy.api.BgFileRange> ranges) {
        int flags = next.notifyFlags;
        if (ranges.isEmpty() || next.callback == null || !rules.deliversFileRanges()
                || (flags & BgNotify.DISABLE.nativeValue()) != 0
                || (flags & BgNotify.FILE_RANGES_TRANSFERRED.nativeValue()) == 0) {
            return;
        }
        context.notifier().postRanges(this, fileHandle(file), ranges);
    }

    /** MT-1/MT-3: the modification time becomes the clock's instant (never going back). */
    void touch(JobData next) {
        Instant now = context.now();
        if (now.isAfter(next.modificationTime)) {
            next.modificationTime = now;
        }
    }

    void enter(JobData next, BgJobState state) {
        countDownloadTime(next, state);
        next.state = state;
        if (state == BgJobState.QUEUED) {
            next.queueSequence = context.nextSequence();
        }
        touch(next);
    }

    /**
     * The maximum download time counts only CONNECTING and TRANSFERRING (§4.14): a period starts when the job enters
     * one of them and is added to the job's count when it leaves both.
     */
    private void countDownloadTime(JobData next, BgJobState to) {
        boolean downloading = to == BgJobState.CONNECTING || to == BgJobState.TRANSFERRING;
        if (downloading && next.downloadingSince == null) {
            next.downloadingSince = context.now();
        } else if (!downloading && next.downloadingSince != null) {
            next.downloadMillis += Duration.between(next.downloadingSince, context.now()).toMillis();
            next.downloadingSince = null;
        }
    }

    SimulatedError errorRecord(Failure failure, JobData job, int fileIndex) {
        URI remote = fileIndex < 0 ? null : job.file(fileIndex).activeRemote();
        return new SimulatedError(failure, fileIndex < 0 ? null : fileHandle(fileIndex), rules,
                remote == null ? null : remote.getScheme());
    }

    // =====================================================================================
    // Client operations (§5.2); the façade checked the arguments
    // =====================================================================================

    /** Runs one client operation of the owner (or an administrator, §4.1) alone among this job's calls. */
    <T> T serialized(String method, boolean ownerOnly, Supplier<T> operation) {
        apiLock.lock();
        try {
            if (ownerOnly) {
                CallerIdentity caller = context.caller();
                CallerIdentity owner = data.owner;
                if (!caller.mayAccess(owner)) {
                    throw new BackgroundCopyException(method, HResult.E_ACCESSDENIED,
                            caller.user() + " is neither the owner (" + owner.user() + ") nor an administrator");
                }
            }
            return operation.get();
        } finally {
            apiLock.unlock();
        }
    }

    void requireLive(String method) {
        BgJobState state = data.state;
        if (state.isTerminal()) {
            throw new BackgroundCopyException(method, rules.code(SemanticError.INVALID_STATE), "the job is " + state);
        }
    }

    void requireUnusedFileId(String method, String fileId) {
        for (FileData f : data.files()) {
            if (fileId.equals(f.fileId)) {
                throw Arguments.invalid(method, "the file id '" + fileId + "' is already used in this job");
            }
        }
    }

    /** AddFile/AddFileSet/AddFileWithRanges/Job2.AddFile: files appended; TRANSFERRED → QUEUED. Returns the first index. */
    int addFiles(String method, List<NewFile> files) {
        return locked(() -> {
            requireLive(method);
            int limit = context.config().maxFilesPerJob();
            JobData next = data.copy();
            int first = next.files().size();
            if (limit > 0 && first + files.size() > limit) {
                throw new BackgroundCopyException(method, HResult.BG_E_TOO_MANY_FILES_IN_JOB,
                        "at most " + limit + " files per job");
            }
            for (NewFile f : files) {
                next.addFile(new FileData(next.files().size(), f.fileId(), f.uri(), f.remoteName(), f.localName(),
                        f.path(), f.ranges(), f.fileSize()));
            }
            if (next.state == BgJobState.TRANSFERRED) {
                enter(next, BgJobState.QUEUED);
            }
            touch(next);
            commit(next, Persist.SAVE, "AddFile", MODIFIED);
            return first;
        });
    }

    void suspend(String method) {
        locked(() -> {
            requireLive(method);
            JobData next = data.copy();
            boolean stop = next.state != BgJobState.SUSPENDED && next.state != BgJobState.TRANSFERRED;
            if (stop) {
                next.retryAt = null;
                enter(next, BgJobState.SUSPENDED);
            }
            touch(next);
            commit(next, Persist.SAVE, "Suspend", MODIFIED);
            if (stop) {
                automation.stopTask();
            }
            return null;
        });
    }

    void resume(String method) {
        locked(() -> {
            requireLive(method);
            JobData next = data.copy();
            if (next.files().isEmpty()) {
                throw new BackgroundCopyException(method, rules.code(SemanticError.EMPTY), "the job has no files");
            }
            for (int i = 0; i < next.files().size(); i++) {
                next.editFile(i).activateRemoteName();
            }
            next.properties = next.properties.withResumed();
            // Resume restarts the maximum download time's count (IBackgroundCopyJob4::SetMaximumDownloadTime).
            next.downloadMillis = 0;
            if (next.downloadingSince != null) {
                next.downloadingSince = context.now();
            }
            switch (next.state) {
                case SUSPENDED, ERROR, TRANSIENT_ERROR -> {
                    next.retryAt = null;
                    next.noProgressSince = null;
                    enter(next, BgJobState.QUEUED);
                }
                default -> {
                    // QUEUED, CONNECTING, TRANSFERRING, TRANSFERRED: no change (§5.2 note 2), MT only.
                }
            }
            touch(next);
            commit(next, Persist.SAVE, "Resume", MODIFIED);
            return null;
        });
    }

    void cancel(String method) {
        TransferTask task = locked(() -> {
            requireLive(method);
            JobData next = data.copy();
            next.retryAt = null;
            enter(next, BgJobState.CANCELLED);
            commit(next, Persist.DELETE, "Cancel");
            context.removeJob(id);
            return automation.stopTask();
        });
        awaitExit(task);
        locked(() -> {
            deleteTemporaryFiles();
            return null;
        });
    }

    HResult complete(String method) {
        List<Integer> done = new ArrayList<>();
        TransferTask task = locked(() -> {
            requireLive(method);
            for (FileData f : data.files()) {
                if (f.isDone()) {
                    done.add(f.index);
                }
            }
            completing = true;
            return automation.stopTask();
        });
        awaitExit(task);
        return locked(() -> {
            try {
                return moveIntoPlace(method, done);
            } finally {
                completing = false;
            }
        });
    }

    private HResult moveIntoPlace(String method, List<Integer> done) {
        JobData next = data.copy();
        for (int index : done) {
            FileData f = next.file(index);
            if (f.completed()) {
                continue;
            }
            try {
                String key = copySecurity(next.fileAclFlags, f);
                context.localFiles().moveIntoPlace(f.tempPath(context.localFiles(), id), key, f.localPath(), f.bytesTotal() == 0);
                next.editFile(index).movedIntoPlace();
            } catch (IOException e) {
                HResult code = Failure.local(e).code();
                if (next.state == BgJobState.CONNECTING || next.state == BgJobState.TRANSFERRING) {
                    enter(next, BgJobState.QUEUED);
                }
                commit(next, Persist.SAVE, "Complete (rename failed)");
                throw new BackgroundCopyException(method, code, "could not rename " + f.tempPath(context.localFiles(), id) + " to "
                        + f.localPath() + ": " + e.getMessage(), e);
            }
        }
        boolean deleteFailed = false;
        for (FileData f : next.files()) {
            if (!f.completed() && !deleteTemporaryFile(f)) {
                deleteFailed = true;
            }
        }
        next.retryAt = null;
        enter(next, BgJobState.ACKNOWLEDGED);
        commit(next, Persist.DELETE, "Complete", MODIFIED);
        context.removeJob(id);
        return rules.completeResult(deleteFailed, done.size() < next.files().size());
    }

    /**
     * SetFileACLFlags at Complete (§4.13): the owner, group and permissions of a file-system source are copied to
     * the temporary file before it takes the destination's name; other sources (HTTP) ignore the flags, as BITS does.
     */
    private String copySecurity(int aclFlags, FileData f) throws IOException {
        URI source = f.activeRemote();
        if (aclFlags == 0 || source == null || !"file".equals(source.getScheme()) || f.tempKey() == null) {
            return f.tempKey();
        }
        return context.localFiles().copySecurity(Path.of(source), f.tempPath(context.localFiles(), id), f.tempKey(), aclFlags);
    }

    /**
     * IBackgroundCopyFile3::SetValidationState (§4.15): {@code E_PENDING} before the file is transferred. TRUE records
     * the state; FALSE on content from the origin server (the only source the simulator has) discards the content,
     * returns the file's progress to zero and puts the job in ERROR with {@code BG_E_VALIDATION_FAILED}, its transfer
     * stopped; Resume downloads the file again.
     */
    void setValidationState(String method, int index, boolean valid) {
        String[] rejectedKey = new String[1];
        TransferTask task = locked(() -> {
            requireLive(method);
            FileData file = data.file(index);
            if (!file.isDone() || file.completed()) {
                throw new BackgroundCopyException(method, HResult.E_PENDING, "the file is not fully transferred yet");
            }
            JobData next = data.copy();
            next.editFile(index).validationSet(valid);
            touch(next);
            if (valid) {
                commit(next, Persist.SAVE, method, MODIFIED);
                return null;
            }
            rejectedKey[0] = file.tempKey();
            next.editFile(index).contentRejected();
            next.retryAt = null;
            next.noProgressSince = null;
            next.errorCount++;
            next.error = errorRecord(new Failure(HResult.BG_E_VALIDATION_FAILED, BgErrorContext.REMOTE_FILE,
                    false, null, "the owner found the content of file " + index + " invalid"), next, index);
            next.errorFile = index;
            enter(next, BgJobState.ERROR);
            commit(next, Persist.SAVE, method, new Notice(Notifier.Kind.ERROR, -1), MODIFIED);
            return automation.stopTask();
        });
        if (!valid) {
            awaitExit(task);
            locked(() -> {
                FileData file = data.file(index);
                if (file.tempKey() == null && rejectedKey[0] != null) {
                    context.localFiles().delete(file.tempPath(context.localFiles(), id), rejectedKey[0]);
                }
                return null;
            });
        }
    }

    /** A setter (§5.2: every state but the terminal ones, MT refreshed, JobModification). */
    void modify(String method, Consumer<JobData> change) {
        locked(() -> {
            requireLive(method);
            JobData next = data.copy();
            change.accept(next);
            touch(next);
            commit(next, Persist.SAVE, method, MODIFIED);
            return null;
        });
    }

    void setNotifyInterface(String method, IBackgroundCopyCallback callback) {
        // The event may already have happened: deliver it to the new registration (R61).
        changeReceiver(method, next -> next.callback = callback, true);
    }

    /**
     * SetNotifyCmdLine: the program runs even when it is set after the event (the SetNotifyCmdLine page). With a
     * callback registered the event is the callback's, which has had it: the program runs only if that failed,
     * and then through the callback's redelivery, so nothing is posted here.
     */
    void setNotifyCmdLine(String method, BgNotifyCmdLine commandLine) {
        changeReceiver(method, next -> next.notifyCmdLine = commandLine, data.callback == null);
    }

    /** A change of who receives JobTransferred and JobError, posting the one the job already had if asked. */
    private void changeReceiver(String method, Consumer<JobData> change, boolean repostMissed) {
        locked(() -> {
            requireLive(method);
            JobData next = data.copy();
            change.accept(next);
            touch(next);
            Notice missed = !repostMissed ? null : switch (next.state) {
                case TRANSFERRED -> new Notice(Notifier.Kind.TRANSFERRED, -1);
                case ERROR -> new Notice(Notifier.Kind.ERROR, -1);
                default -> null;
            };
            if (missed == null) {
                commit(next, Persist.SAVE, method, MODIFIED);
            } else {
                commit(next, Persist.SAVE, method, MODIFIED, missed);
            }
            return null;
        });
    }

    /** File2.SetProperty / the DO sink path: DO_E_INVALID_STATE once terminal or once the file started. */
    void modifyFile(String method, int index, boolean fixedOnceStarted, Consumer<FileData> change) {
        locked(() -> {
            JobData next = data.copy();
            if (next.state.isTerminal()) {
                throw new BackgroundCopyException(method, HResult.DO_E_INVALID_STATE, "the job is " + next.state);
            }
            if (fixedOnceStarted && next.file(index).hasStarted()) {
                throw new BackgroundCopyException(method, HResult.DO_E_INVALID_STATE, "the file has started transferring");
            }
            change.accept(next.editFile(index));
            touch(next);
            commit(next, Persist.SAVE, method, MODIFIED);
            return null;
        });
    }

    // =====================================================================================
    // Helpers
    // =====================================================================================

    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private static void awaitExit(TransferTask task) {
        if (task != null) {
            task.awaitExit(EXIT_WAIT);
        }
    }

    private boolean deleteTemporaryFile(FileData f) {
        Path temp = f.tempPath(context.localFiles(), id);
        return temp == null || context.localFiles().delete(temp, f.tempKey());
    }

    void deleteTemporaryFiles() {
        for (FileData f : data.files()) {
            if (!f.completed()) {
                deleteTemporaryFile(f);
            }
        }
    }
}
