package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.DoJobPropertyId;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.IUnknown;
import dev.bgcopy.api.SemanticError;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One simulated job: {@code IBackgroundCopyJob}, DO's {@code IDeliveryOptimizationJob} (as
 * {@link #addFileWithRanges}) and {@code IDeliveryOptimizationJob2}, with the state machine of
 * docs/contract.md §5.
 *
 * <p>Two locks. {@code apiLock} serialises the mutating API calls of this job, so that Cancel and
 * Complete can wait for the transfer to stop without letting another call in. {@code lock} guards the
 * fields and is held only briefly, by API calls, by the transfer worker and by the dispatcher; methods
 * that assume it is held end in {@code Locked}. Lock order: apiLock, lock, then the engine's lock or
 * the notifier's (leaves). {@link #getState()} and {@link #getProgress()} take no lock: they read an
 * immutable snapshot republished after every change.
 */
final class SimulatedJob implements IBackgroundCopyJob, IDeliveryOptimizationJob2 {

    static final Duration DO_RETENTION = Duration.ofDays(30);
    /** BITS' default {@code JobInactivityTimeout} Group Policy: 90 days without a modification. */
    static final Duration BITS_INACTIVITY_TIMEOUT = Duration.ofDays(90);
    static final long BITS_DEFAULT_NO_PROGRESS_TIMEOUT = 1_209_600L;
    static final long DO_FOREGROUND_NO_PROGRESS_TIMEOUT = 3_600L;
    static final long DO_BACKGROUND_NO_PROGRESS_TIMEOUT = 86_400L;
    private static final long MAX_ULONG = 0xFFFF_FFFFL;
    private static final int MAX_PROXY_LIST = 32_767;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final String JOB = "IBackgroundCopyJob::";
    private static final String DO_JOB = "IDeliveryOptimizationJob::";
    private static final String DO_JOB2 = "IDeliveryOptimizationJob2::";

    /** What the lock-free getters read. */
    record Snapshot(BgJobState state, BgJobProgress progress, List<BgFileProgress> files, BgJobTimes times) {
    }

    final UUID id;
    private final long creationSequence;
    private final JobEngine engine;
    private final Dialect dialect;
    private final Instant creationTime;
    private final ReentrantLock apiLock = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private BgJobState state = BgJobState.SUSPENDED;
    private String displayName;
    private String description = "";
    private CallerIdentity owner;
    private int notifyFlags = BgNotify.DEFAULT_MASK;
    private IBackgroundCopyCallback callback;
    private Long noProgressTimeout;
    private long minimumRetryDelay;
    private long errorCount;
    private BgProxySettings proxySettings = BgProxySettings.PRECONFIG;
    private final List<SimulatedFile> files = new ArrayList<>();
    private SimulatedError error;
    private Instant modificationTime;
    private Instant transferCompletionTime = BgJobTimes.FILETIME_ZERO;
    private Instant retryAt;
    private Instant noProgressSince;
    private TransferTask running;
    private boolean completing;
    private long lastProgressNotice;

    // Written under lock, read without it by the dispatcher.
    private volatile BgJobPriority priority = BgJobPriority.NORMAL;
    private volatile long queueSequence;
    private volatile boolean hasTask;
    private volatile Snapshot snapshot;

    SimulatedJob(JobEngine engine, UUID id, String displayName, CallerIdentity owner, Instant now,
                 long creationSequence) {
        this.engine = engine;
        this.creationSequence = creationSequence;
        this.dialect = engine.dialect();
        this.id = id;
        this.displayName = displayName;
        this.owner = owner;
        this.creationTime = now;
        this.modificationTime = now;
        this.minimumRetryDelay = engine.config().minimumRetryDelay().toSeconds();
        lock.lock();
        try {
            publishLocked(true);
        } finally {
            lock.unlock();
        }
    }

    // =====================================================================================
    // Small helpers
    // =====================================================================================

    Dialect dialect() {
        return dialect;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    BgJobPriority priorityLocked() {
        return priority;
    }

    BgJobState stateLocked() {
        return state;
    }

    long creationSequence() {
        return creationSequence;
    }

    long queueSequence() {
        return queueSequence;
    }

    BgJobPriority priorityForScheduling() {
        return priority;
    }

    CallerIdentity owner() {
        return read(() -> owner);
    }

    <T> T read(Supplier<T> getter) {
        lock.lock();
        try {
            return getter.get();
        } finally {
            lock.unlock();
        }
    }

    private BackgroundCopyException fail(String method, HResult code, String detail) {
        return new BackgroundCopyException(method, code, detail);
    }

    private BackgroundCopyException fail(String method, SemanticError error, String detail) {
        return new BackgroundCopyException(method, error.in(dialect), detail);
    }

    private void requireBits(String method) {
        if (dialect != Dialect.BITS) {
            throw fail(JOB + method, HResult.E_NOTIMPL, "not documented for Delivery Optimization (docs/contract.md §1.2)");
        }
    }

    private void requireDo(String method) {
        if (dialect != Dialect.DO) {
            throw fail(method, HResult.E_NOINTERFACE, "BITS has no Delivery Optimization job interfaces");
        }
    }

    private void checkOwnerLocked(String method) {
        CallerIdentity caller = engine.caller();
        if (!caller.mayAccess(owner)) {
            throw fail(method, HResult.E_ACCESSDENIED,
                    caller.user() + " is neither the owner (" + owner.user() + ") nor an administrator");
        }
    }

    private void checkLiveLocked(String method) {
        if (state.isTerminal()) {
            throw fail(method, SemanticError.INVALID_STATE, "the job is " + state);
        }
    }

    /**
     * Runs a mutating call of the job's owner (or an administrator, docs/contract.md §4.1): serialised with the
     * other calls of this job, under the lock, after the owner check that every such call makes first.
     */
    private <T> T mutate(String method, Supplier<T> body) {
        return mutateAs(method, true, body);
    }

    private <T> T mutateAs(String method, boolean ownerOnly, Supplier<T> body) {
        engine.checkOpen(method);
        apiLock.lock();
        try {
            lock.lock();
            try {
                if (ownerOnly) {
                    checkOwnerLocked(method);
                }
                return body.get();
            } finally {
                lock.unlock();
            }
        } finally {
            apiLock.unlock();
            engine.wake();
        }
    }

    private void mutate(String method, Runnable body) {
        mutateAs(method, true, body);
    }

    private void mutateAs(String method, boolean ownerOnly, Runnable body) {
        mutateAs(method, ownerOnly, () -> {
            body.run();
            return null;
        });
    }

    /** MT-1/MT-3: the modification time becomes the clock's instant (never going back). */
    private void touchLocked() {
        Instant now = engine.now();
        if (now.isAfter(modificationTime)) {
            modificationTime = now;
        }
    }

    private void setStateLocked(BgJobState newState) {
        state = newState;
        if (newState == BgJobState.QUEUED) {
            queueSequence = engine.nextSequence();
        }
        touchLocked();
    }

    /** Queues an event for the callback, when one is registered and the flags ask for it. */
    private void postLocked(Notifier.Kind kind, SimulatedFile file) {
        if (callback == null || (notifyFlags & BgNotify.DISABLE.nativeValue()) != 0) {
            return;
        }
        BgNotify flag = switch (kind) {
            case TRANSFERRED -> BgNotify.JOB_TRANSFERRED;
            case ERROR -> BgNotify.JOB_ERROR;
            case MODIFICATION -> BgNotify.JOB_MODIFICATION;
            case FILE_TRANSFERRED -> BgNotify.FILE_TRANSFERRED;
        };
        if ((notifyFlags & flag.nativeValue()) == 0) {
            return;
        }
        engine.notifier().post(this, kind, file, kind == Notifier.Kind.ERROR ? error : null);
    }

    /** A setter succeeded: refresh MT, tell the callback, republish and persist. */
    private void modifiedLocked() {
        touchLocked();
        postLocked(Notifier.Kind.MODIFICATION, null);
        publishLocked(true);
    }

    private void publishLocked(boolean durable) {
        List<BgFileProgress> fileProgress = new ArrayList<>(files.size());
        long total = 0;
        long transferred = 0;
        long filesDone = 0;
        boolean unknown = false;
        for (SimulatedFile f : files) {
            fileProgress.add(f.progressLocked());
            if (f.bytesTotal == BgJobProgress.BG_SIZE_UNKNOWN) {
                unknown = true;
            } else {
                total += f.bytesTotal;
            }
            transferred += f.bytesTransferred;
            if (f.isDoneLocked()) {
                filesDone++;
            }
        }
        BgJobProgress progress = new BgJobProgress(unknown ? BgJobProgress.BG_SIZE_UNKNOWN : total, transferred,
                files.size(), filesDone);
        snapshot = new Snapshot(state, progress, List.copyOf(fileProgress),
                new BgJobTimes(creationTime, modificationTime, transferCompletionTime));
        if (durable) {
            engine.store().save(storedLocked());
        }
    }

    private JobStore.StoredJob storedLocked() {
        List<JobStore.StoredFile> stored = new ArrayList<>(files.size());
        boolean durable = engine.store().isDurable();
        for (SimulatedFile f : files) {
            // A durable store must not record bytes a crash could lose; a store that dies with the process can.
            long trusted = durable ? Math.min(f.bytesTransferred, f.durableBytes) : f.bytesTransferred;
            stored.add(new JobStore.StoredFile(f.fileId, f.remoteName, f.localName, f.ranges, f.declaredSize,
                    f.resolvedSize, trusted, f.etag, f.lastModified));
        }
        JobStore.StoredError storedError = null;
        if (error != null) {
            Failure failure = error.failure();
            SimulatedFile file = errorFileLocked();
            storedError = new JobStore.StoredError(failure.code().value(), failure.bitsContext(), failure.isTransient(),
                    failure.description(), file == null ? -1 : file.index);
        }
        return new JobStore.StoredJob(id, displayName, description, owner.user(), state, priority, notifyFlags,
                noProgressTimeout, minimumRetryDelay, errorCount, creationTime, modificationTime,
                transferCompletionTime, retryAt, noProgressSince, storedError, stored);
    }

    /**
     * A job read back from the store by a new engine. A transfer that was running when the old engine
     * stopped is queued again; its files resume from their stored byte counts.
     */
    SimulatedJob(JobEngine engine, JobStore.StoredJob stored, long creationSequence) {
        this.engine = engine;
        this.dialect = engine.dialect();
        this.id = stored.id();
        this.creationSequence = creationSequence;
        this.creationTime = stored.creationTime();
        this.displayName = stored.displayName();
        this.description = stored.description();
        this.owner = CallerIdentity.user(stored.owner());
        this.priority = stored.priority();
        this.notifyFlags = stored.notifyFlags();
        this.noProgressTimeout = stored.noProgressTimeoutSeconds();
        this.minimumRetryDelay = stored.minimumRetryDelaySeconds();
        this.errorCount = stored.errorCount();
        this.modificationTime = stored.modificationTime();
        this.transferCompletionTime = stored.transferCompletionTime();
        this.retryAt = stored.retryAt();
        this.noProgressSince = stored.noProgressSince();
        lock.lock();
        try {
            for (JobStore.StoredFile f : stored.files()) {
                URI remote = Validation.remoteUrl(f.remoteName());
                Path local = f.localName() == null ? null : Validation.localPath(f.localName());
                SimulatedFile file = new SimulatedFile(this, files.size(), f.fileId(), remote, f.remoteName(),
                        f.localName(), local, f.ranges(), f.declaredSize());
                file.resolvedSize = f.resolvedSize();
                file.bytesTransferred = f.bytesTransferred();
                file.durableBytes = f.bytesTransferred();
                file.etag = f.etag();
                file.lastModified = f.lastModified();
                file.bytesTotal = file.computeTotal();
                files.add(file);
            }
            JobStore.StoredError e = stored.error();
            if (e != null) {
                SimulatedFile file = e.fileIndex() >= 0 && e.fileIndex() < files.size() ? files.get(e.fileIndex()) : null;
                error = new SimulatedError(new Failure(HResult.of(e.code()), e.bitsContext(), e.isTransient(), null,
                        e.description()), file, dialect, file == null || file.activeRemote == null ? null
                        : file.activeRemote.getScheme());
            }
            BgJobState restored = stored.state();
            if (restored == BgJobState.CONNECTING || restored == BgJobState.TRANSFERRING) {
                restored = BgJobState.QUEUED;
            }
            state = restored;
            if (state == BgJobState.QUEUED) {
                queueSequence = engine.nextSequence();
            }
            publishLocked(false);
        } finally {
            lock.unlock();
        }
    }

    private long effectiveNoProgressTimeoutLocked() {
        if (noProgressTimeout != null) {
            return noProgressTimeout;
        }
        if (dialect == Dialect.BITS) {
            return BITS_DEFAULT_NO_PROGRESS_TIMEOUT;
        }
        return priority == BgJobPriority.FOREGROUND ? DO_FOREGROUND_NO_PROGRESS_TIMEOUT : DO_BACKGROUND_NO_PROGRESS_TIMEOUT;
    }

    IBackgroundCopyCallback callbackForDelivery() {
        return read(() -> callback);
    }

    // =====================================================================================
    // IUnknown
    // =====================================================================================

    @Override
    public <T extends IUnknown> Optional<T> queryInterface(Class<T> iface) {
        if (dialect != Dialect.DO && iface == IDeliveryOptimizationJob2.class) {
            return Optional.empty();
        }
        return IBackgroundCopyJob.super.queryInterface(iface);
    }

    // =====================================================================================
    // Adding files
    // =====================================================================================

    @Override
    public void addFileSet(List<BgFileInfo> fileSet) {
        String method = JOB + "AddFileSet";
        requireBits("AddFileSet");
        mutate(method, () -> {
            if (fileSet == null || fileSet.isEmpty()) {
                throw fail(method, HResult.E_INVALIDARG, "the file set is null or empty");
            }
            List<URI> uris = new ArrayList<>();
            List<Path> paths = new ArrayList<>();
            for (BgFileInfo info : fileSet) {
                if (info == null) {
                    throw fail(method, HResult.E_INVALIDARG, "the file set contains null");
                }
                uris.add(requireUrl(method, info.remoteName()));
                paths.add(requireLocalPath(method, info.localName()));
            }
            checkLiveLocked(method);
            paths.forEach(p -> checkWritable(method, p));
            checkFileLimitLocked(method, fileSet.size());
            for (int i = 0; i < fileSet.size(); i++) {
                addFileLocked(null, uris.get(i), fileSet.get(i).remoteName(), fileSet.get(i).localName(), paths.get(i),
                        List.of(), BgJobProgress.BG_SIZE_UNKNOWN);
            }
            afterAddLocked();
        });
    }

    @Override
    public void addFile(String remoteUrl, String localName) {
        String method = JOB + "AddFile";
        requireBits("AddFile");
        mutate(method, () -> {
            URI uri = requireUrl(method, remoteUrl);
            Path path = requireLocalPath(method, localName);
            checkLiveLocked(method);
            checkWritable(method, path);
            checkFileLimitLocked(method, 1);
            addFileLocked(null, uri, remoteUrl, localName, path, List.of(), BgJobProgress.BG_SIZE_UNKNOWN);
            afterAddLocked();
        });
    }

    @Override
    public void addFileWithRanges(String fileId, String remoteUrl, String localName, List<BgFileRange> ranges,
                                  long fileSize) {
        String method = DO_JOB + "AddFileWithRanges";
        requireDo(method);
        mutate(method, () -> {
            URI uri = requireDoFileArguments(method, fileId, remoteUrl, ranges);
            Path path = requireLocalPath(method, localName);
            checkLiveLocked(method);
            checkWritable(method, path);
            List<BgFileRange> sorted = requireValidRanges(method, ranges, fileSize);
            checkFileLimitLocked(method, 1);
            addFileLocked(fileId, uri, remoteUrl, localName, path, sorted, fileSize);
            afterAddLocked();
        });
    }

    @Override
    public IDeliveryOptimizationFile addFile(String fileId, String remoteUrl, List<BgFileRange> ranges) {
        String method = DO_JOB2 + "AddFile";
        requireDo(method);
        return mutate(method, () -> {
            URI uri = requireDoFileArguments(method, fileId, remoteUrl, ranges);
            checkLiveLocked(method);
            List<BgFileRange> sorted = requireValidRanges(method, ranges, BgJobProgress.BG_SIZE_UNKNOWN);
            checkFileLimitLocked(method, 1);
            SimulatedFile file = addFileLocked(fileId, uri, remoteUrl, null, null, sorted, BgJobProgress.BG_SIZE_UNKNOWN);
            afterAddLocked();
            return file;
        });
    }

    private URI requireDoFileArguments(String method, String fileId, String remoteUrl, List<BgFileRange> ranges) {
        if (fileId == null || fileId.isEmpty()) {
            throw fail(method, HResult.E_INVALIDARG, "the file id is null or empty");
        }
        URI uri = requireUrl(method, remoteUrl);
        if (ranges == null) {
            throw fail(method, HResult.E_INVALIDARG, "the range list is null (pass an empty list for the whole file)");
        }
        if (ranges.size() > engine.config().maxRangesPerFile()) {
            throw fail(method, HResult.E_INVALIDARG,
                    ranges.size() + " ranges (at most " + engine.config().maxRangesPerFile() + ")");
        }
        for (BgFileRange r : ranges) {
            if (r == null) {
                throw fail(method, HResult.E_INVALIDARG, "the range list contains null");
            }
        }
        for (SimulatedFile f : files) {
            if (fileId.equals(f.fileId)) {
                throw fail(method, HResult.E_INVALIDARG, "the file id '" + fileId + "' is already used in this job");
            }
        }
        return uri;
    }

    private List<BgFileRange> requireValidRanges(String method, List<BgFileRange> ranges, long fileSize) {
        List<BgFileRange> sorted = Validation.sorted(ranges);
        switch (Validation.checkRanges(sorted, fileSize)) {
            case INVALID_RANGE -> throw fail(method, SemanticError.INVALID_RANGE, "invalid range in " + sorted);
            case OVERLAPPING_RANGES -> throw fail(method, SemanticError.OVERLAPPING_RANGES, "overlapping ranges in " + sorted);
            case OK -> {
                return sorted;
            }
        }
        return sorted;
    }

    private URI requireUrl(String method, String url) {
        URI uri = Validation.remoteUrl(url);
        if (uri == null) {
            throw fail(method, HResult.E_INVALIDARG, Validation.urlProblem(url));
        }
        return uri;
    }

    private Path requireLocalPath(String method, String localName) {
        Path path = Validation.localPath(localName);
        if (path == null) {
            throw fail(method, HResult.E_INVALIDARG, Validation.localPathProblem(localName));
        }
        return path;
    }

    private void checkWritable(String method, Path path) {
        if (!engine.mayWrite(path.getParent())) {
            throw fail(method, HResult.E_ACCESSDENIED, "the directory is not writable: " + path.getParent());
        }
    }

    private void checkFileLimitLocked(String method, int adding) {
        int limit = engine.config().maxFilesPerJob();
        if (limit > 0 && files.size() + adding > limit) {
            throw fail(method, HResult.BG_E_TOO_MANY_FILES_IN_JOB, "at most " + limit + " files per job");
        }
    }

    private SimulatedFile addFileLocked(String fileId, URI uri, String remoteName, String localName, Path localPath,
                                        List<BgFileRange> sortedRanges, long fileSize) {
        SimulatedFile file = new SimulatedFile(this, files.size(), fileId, uri, remoteName, localName, localPath,
                sortedRanges, fileSize);
        files.add(file);
        return file;
    }

    private void afterAddLocked() {
        if (state == BgJobState.TRANSFERRED) {
            setStateLocked(BgJobState.QUEUED);
        }
        modifiedLocked();
    }

    // =====================================================================================
    // Resume / Suspend / Cancel / Complete
    // =====================================================================================

    @Override
    public IEnumBackgroundCopyFiles enumFiles() {
        return read(() -> new FileEnumerator(List.copyOf(files), 0, dialect));
    }

    @Override
    public void suspend() {
        String method = JOB + "Suspend";
        mutate(method, () -> {
            checkLiveLocked(method);
            if (state != BgJobState.SUSPENDED && state != BgJobState.TRANSFERRED) {
                stopTaskLocked();
                retryAt = null;
                setStateLocked(BgJobState.SUSPENDED);
            }
            modifiedLocked();
        });
    }

    @Override
    public void resume() {
        String method = JOB + "Resume";
        mutate(method, () -> {
            checkLiveLocked(method);
            if (files.isEmpty()) {
                throw fail(method, SemanticError.EMPTY, "the job has no files");
            }
            for (SimulatedFile f : files) {
                URI committed = Validation.remoteUrl(f.remoteName);
                if (committed != null) {
                    f.activeRemote = committed;
                }
            }
            switch (state) {
                case SUSPENDED, ERROR, TRANSIENT_ERROR -> {
                    retryAt = null;
                    noProgressSince = null;
                    setStateLocked(BgJobState.QUEUED);
                }
                default -> {
                    // QUEUED, CONNECTING, TRANSFERRING, TRANSFERRED: no change (§5.2 note 2), MT only.
                }
            }
            modifiedLocked();
        });
    }

    @Override
    public void cancel() {
        String method = JOB + "Cancel";
        engine.checkOpen(method);
        apiLock.lock();
        try {
            TransferTask task;
            lock.lock();
            try {
                checkOwnerLocked(method);
                checkLiveLocked(method);
                task = running;
                stopTaskLocked();
                setStateLocked(BgJobState.CANCELLED);
                leaveQueueLocked();
            } finally {
                lock.unlock();
            }
            if (task != null) {
                task.awaitExit(EXIT_WAIT);
            }
            lock.lock();
            try {
                deleteTemporaryFilesLocked();
            } finally {
                lock.unlock();
            }
        } finally {
            apiLock.unlock();
            engine.wake();
        }
    }

    @Override
    public HResult complete() {
        String method = JOB + "Complete";
        engine.checkOpen(method);
        apiLock.lock();
        try {
            TransferTask task;
            Set<SimulatedFile> done = new HashSet<>();
            lock.lock();
            try {
                checkOwnerLocked(method);
                checkLiveLocked(method);
                for (SimulatedFile f : files) {
                    if (f.isDoneLocked()) {
                        done.add(f);
                    }
                }
                task = running;
                stopTaskLocked();
                completing = true;
            } finally {
                lock.unlock();
            }
            if (task != null) {
                task.awaitExit(EXIT_WAIT);
            }
            lock.lock();
            try {
                return completeLocked(method, done);
            } finally {
                completing = false;
                lock.unlock();
            }
        } finally {
            apiLock.unlock();
            engine.wake();
        }
    }

    private HResult completeLocked(String method, Set<SimulatedFile> done) {
        for (SimulatedFile f : files) {
            if (!done.contains(f) || f.completed) {
                continue;
            }
            try {
                moveIntoPlace(f);
                f.completed = true;
            } catch (IOException e) {
                HResult code = e instanceof InjectedFailure injected ? injected.code : Failure.local(e).code();
                if (state == BgJobState.CONNECTING || state == BgJobState.TRANSFERRING) {
                    setStateLocked(BgJobState.QUEUED);
                }
                publishLocked(true);
                throw new BackgroundCopyException(method, code, "could not rename " + f.tempPathLocked() + " to "
                        + f.localPath + ": " + e.getMessage(), e);
            }
        }
        boolean deleteFailed = false;
        for (SimulatedFile f : files) {
            if (!f.completed && !deleteTemporaryFile(f)) {
                deleteFailed = true;
            }
        }
        setStateLocked(BgJobState.ACKNOWLEDGED);
        postLocked(Notifier.Kind.MODIFICATION, null);
        leaveQueueLocked();
        // Only an unfinished file has temporary data left to delete, so a failed delete always comes
        // with a partial completion: reported first, it is the one that says files stayed behind.
        if (dialect == Dialect.BITS && deleteFailed) {
            return HResult.BG_S_UNABLE_TO_DELETE_FILES;
        }
        if (dialect == Dialect.BITS && done.size() < files.size()) {
            return HResult.BG_S_PARTIAL_COMPLETE;
        }
        return HResult.S_OK;
    }

    /** Atomic rename of the temporary file onto the destination, replacing what is there only now. */
    private void moveIntoPlace(SimulatedFile f) throws IOException {
        HResult injected = engine.renameFailure();
        if (injected != null) {
            throw new InjectedFailure(injected);
        }
        Path temp = f.tempPathLocked();
        if (!Files.exists(temp) && f.bytesTotal == 0) {
            Files.createFile(temp);
        }
        Files.move(temp, f.localPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** An IOException standing for a failure the test injected. */
    private static final class InjectedFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final transient HResult code;

        InjectedFailure(HResult code) {
            super("injected failure " + code);
            this.code = code;
        }
    }

    private boolean deleteTemporaryFile(SimulatedFile f) {
        Path temp = f.tempPathLocked();
        if (temp == null) {
            return true;
        }
        if (engine.deleteFailure()) {
            return !Files.exists(temp);
        }
        try {
            Files.deleteIfExists(temp);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void deleteTemporaryFilesLocked() {
        for (SimulatedFile f : files) {
            if (!f.completed) {
                deleteTemporaryFile(f);
            }
        }
    }

    private void stopTaskLocked() {
        if (running != null) {
            running.requestStop();
        }
    }

    /** Cancelled, acknowledged or expired: out of the queue (GetJob → NOT_FOUND) and out of the store. */
    private void leaveQueueLocked() {
        retryAt = null;
        engine.removeJob(this);
        engine.store().delete(id);
        publishLocked(false);
    }

    // =====================================================================================
    // Getters
    // =====================================================================================

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public BgJobType getType() {
        return BgJobType.DOWNLOAD;
    }

    @Override
    public BgJobProgress getProgress() {
        return snapshot.progress();
    }

    @Override
    public BgJobTimes getTimes() {
        return snapshot.times();
    }

    @Override
    public BgJobState getState() {
        return snapshot.state();
    }

    @Override
    public IBackgroundCopyError getError() {
        SimulatedError current = read(() -> error);
        if (current == null) {
            throw fail(JOB + "GetError", SemanticError.NO_ERROR_INFO, "the job has no error record");
        }
        return current;
    }

    @Override
    public String getOwner() {
        requireBits("GetOwner");
        return read(() -> owner.user());
    }

    @Override
    public String getDisplayName() {
        return read(() -> displayName);
    }

    @Override
    public String getDescription() {
        requireBits("GetDescription");
        return read(() -> description);
    }

    @Override
    public BgJobPriority getPriority() {
        return priority;
    }

    @Override
    public int getNotifyFlags() {
        return read(() -> notifyFlags);
    }

    @Override
    public Optional<IBackgroundCopyCallback> getNotifyInterface() {
        return read(() -> Optional.ofNullable(callback));
    }

    @Override
    public long getMinimumRetryDelay() {
        requireBits("GetMinimumRetryDelay");
        return read(() -> minimumRetryDelay);
    }

    @Override
    public long getNoProgressTimeout() {
        return read(this::effectiveNoProgressTimeoutLocked);
    }

    @Override
    public long getErrorCount() {
        requireBits("GetErrorCount");
        return read(() -> errorCount);
    }

    @Override
    public BgProxySettings getProxySettings() {
        requireBits("GetProxySettings");
        return read(() -> proxySettings);
    }

    // =====================================================================================
    // Setters
    // =====================================================================================

    @Override
    public void setDisplayName(String name) {
        String method = JOB + "SetDisplayName";
        requireBits("SetDisplayName");
        mutate(method, () -> {
            String problem = Validation.displayNameProblem(name);
            if (problem != null) {
                throw fail(method, HResult.E_INVALIDARG, problem);
            }
            checkLiveLocked(method);
            displayName = name;
            modifiedLocked();
        });
    }

    @Override
    public void setDescription(String text) {
        String method = JOB + "SetDescription";
        requireBits("SetDescription");
        mutate(method, () -> {
            if (text == null || text.length() > Validation.MAX_DESCRIPTION) {
                throw fail(method, HResult.E_INVALIDARG, "the description is null or over "
                        + Validation.MAX_DESCRIPTION + " characters");
            }
            checkLiveLocked(method);
            description = text;
            modifiedLocked();
        });
    }

    @Override
    public void setPriority(BgJobPriority newPriority) {
        String method = JOB + "SetPriority";
        mutate(method, () -> {
            if (newPriority == null) {
                throw fail(method, HResult.E_INVALIDARG, "the priority is null");
            }
            checkLiveLocked(method);
            priority = newPriority;
            modifiedLocked();
        });
    }

    @Override
    public void setNotifyFlags(int flags) {
        String method = JOB + "SetNotifyFlags";
        mutate(method, () -> {
            if ((flags & ~BgNotify.VALID_MASK) != 0) {
                throw fail(method, HResult.E_NOTIMPL, String.format("flags 0x%X outside 0x3F", flags));
            }
            checkLiveLocked(method);
            notifyFlags = flags;
            modifiedLocked();
        });
    }

    @Override
    public void setNotifyInterface(IBackgroundCopyCallback newCallback) {
        String method = JOB + "SetNotifyInterface";
        mutate(method, () -> {
            checkLiveLocked(method);
            callback = newCallback;
            modifiedLocked();
            // The event may already have happened: deliver it to the new registration (R61).
            if (state == BgJobState.TRANSFERRED) {
                postLocked(Notifier.Kind.TRANSFERRED, null);
            } else if (state == BgJobState.ERROR) {
                postLocked(Notifier.Kind.ERROR, null);
            }
        });
    }

    @Override
    public void setMinimumRetryDelay(long seconds) {
        String method = JOB + "SetMinimumRetryDelay";
        requireBits("SetMinimumRetryDelay");
        mutate(method, () -> {
            requireUlong(method, seconds);
            checkLiveLocked(method);
            minimumRetryDelay = seconds;
            modifiedLocked();
        });
    }

    @Override
    public void setNoProgressTimeout(long seconds) {
        String method = JOB + "SetNoProgressTimeout";
        mutate(method, () -> {
            requireUlong(method, seconds);
            checkLiveLocked(method);
            noProgressTimeout = seconds;
            modifiedLocked();
        });
    }

    private void requireUlong(String method, long value) {
        if (value < 0 || value > MAX_ULONG) {
            throw fail(method, HResult.E_INVALIDARG, "not a ULONG: " + value);
        }
    }

    @Override
    public void setProxySettings(BgJobProxyUsage usage, String proxyList, String proxyBypassList) {
        String method = JOB + "SetProxySettings";
        requireBits("SetProxySettings");
        mutate(method, () -> {
            if (usage == null) {
                throw fail(method, HResult.E_INVALIDARG, "the proxy usage is null");
            }
            boolean override = usage == BgJobProxyUsage.OVERRIDE;
            if (override && (proxyList == null || proxyList.isEmpty())) {
                throw fail(method, HResult.E_INVALIDARG, "OVERRIDE needs a proxy list");
            }
            if (!override && (proxyList != null || proxyBypassList != null)) {
                throw fail(method, HResult.E_INVALIDARG, usage + " takes no proxy lists");
            }
            if (proxyList != null && proxyList.length() > MAX_PROXY_LIST) {
                throw fail(method, HResult.BG_E_PROXY_LIST_TOO_LARGE, "the proxy list is over 32767 characters");
            }
            if (proxyBypassList != null && proxyBypassList.length() > MAX_PROXY_LIST) {
                throw fail(method, HResult.BG_E_PROXY_BYPASS_LIST_TOO_LARGE, "the bypass list is over 32767 characters");
            }
            checkLiveLocked(method);
            proxySettings = new BgProxySettings(usage, proxyList, proxyBypassList);
            modifiedLocked();
        });
    }

    @Override
    public void takeOwnership() {
        String method = JOB + "TakeOwnership";
        requireBits("TakeOwnership");
        // Taking ownership is exactly what a caller who is not the owner does.
        mutateAs(method, false, () -> {
            checkLiveLocked(method);
            owner = engine.caller();
            modifiedLocked();
        });
    }

    void setRemoteName(SimulatedFile file, String remoteUrl) {
        String method = "IBackgroundCopyFile2::SetRemoteName";
        mutate(method, () -> {
            requireUrl(method, remoteUrl);
            checkLiveLocked(method);
            file.remoteName = remoteUrl;
            modifiedLocked();
        });
    }

    void setFileProperty(SimulatedFile file, DoFilePropertyId id, Object value) {
        String method = "IDeliveryOptimizationFile2::SetProperty";
        mutate(method, () -> {
            if (id == null) {
                throw fail(method, HResult.DO_E_UNKNOWN_PROPERTY_ID, "null property id");
            }
            if (id == DoFilePropertyId.DOWNLOAD_SINK_MEMORY_STREAM) {
                throw fail(method, HResult.DO_E_MEMORYSTREAM_DOWNLOAD_NOT_SUPPORTED, "memory-stream sinks are deprecated");
            }
            if (value == null || !id.valueType().isInstance(value)) {
                throw fail(method, HResult.E_INVALIDARG, id + " takes a " + id.valueType().getSimpleName());
            }
            Path sink = null;
            if (id == DoFilePropertyId.DOWNLOAD_SINK_FILE_PATH) {
                sink = requireLocalPath(method, (String) value);
            }
            if (state.isTerminal()) {
                throw fail(method, HResult.DO_E_INVALID_STATE, "the job is " + state);
            }
            boolean started = file.bytesTransferred > 0 || file.etag != null || file.lastModified != null;
            boolean fixedOnceStarted = id != DoFilePropertyId.DOWNLOAD_SINK_INTERFACE && id != DoFilePropertyId.TOTAL_SIZE_BYTES;
            if (started && fixedOnceStarted) {
                throw fail(method, HResult.DO_E_INVALID_STATE, "the file has started transferring");
            }
            if (sink != null) {
                checkWritable(method, sink);
                file.localName = (String) value;
                file.localPath = sink;
            } else {
                file.properties.put(id, value);
            }
            modifiedLocked();
        });
    }

    // =====================================================================================
    // IDeliveryOptimizationJob2 properties
    // =====================================================================================

    @Override
    public Object getProperty(int propertyId) {
        String method = DO_JOB2 + "GetProperty";
        requireDo(method);
        if (propertyId != DoJobPropertyId.EXTENDED_ERROR_INFO.nativeValue()) {
            throw fail(method, HResult.DO_E_UNKNOWN_PROPERTY_ID, "unknown DOJobPropertyId " + propertyId);
        }
        return read(() -> error == null ? "" : error.failure().code() + ": " + error.failure().description());
    }

    @Override
    public void setProperty(int propertyId, Object value) {
        String method = DO_JOB2 + "SetProperty";
        requireDo(method);
        if (propertyId == DoJobPropertyId.EXTENDED_ERROR_INFO.nativeValue()) {
            throw fail(method, HResult.DO_E_READ_ONLY_PROPERTY, "ExtendedErrorInfo is read-only");
        }
        throw fail(method, HResult.DO_E_UNKNOWN_PROPERTY_ID, "unknown DOJobPropertyId " + propertyId);
    }

    // =====================================================================================
    // The service's side: dispatcher and transfer worker
    // =====================================================================================

    /** Whether the dispatcher may start this job now (lock-free pre-check; {@link #tryStart} decides). */
    boolean isStartable() {
        return snapshot.state() == BgJobState.QUEUED && !hasTask;
    }

    /** A1: QUEUED → TRANSFERRING (DO) or CONNECTING (BITS), with a new transfer task; null when not startable. */
    TransferTask tryStart() {
        lock.lock();
        try {
            if (state != BgJobState.QUEUED || running != null || completing) {
                return null;
            }
            running = new TransferTask(this, engine);
            hasTask = true;
            if (dialect == Dialect.BITS) {
                setStateLocked(BgJobState.CONNECTING);
            } else {
                enterTransferringLocked();
            }
            postLocked(Notifier.Kind.MODIFICATION, null);
            publishLocked(true);
            return running;
        } finally {
            lock.unlock();
        }
    }

    private void enterTransferringLocked() {
        setStateLocked(BgJobState.TRANSFERRING);
        error = null;
    }

    /**
     * Fires what is due at {@code now}: the expiry (A8), the no-progress timeout (A5) and the
     * retry of a transient error (A4). Returns the next instant something is due, or null.
     */
    Instant onClock(Instant now) {
        lock.lock();
        try {
            if (state.isTerminal()) {
                return null;
            }
            Instant expiry = dialect == Dialect.DO
                    ? creationTime.plus(DO_RETENTION)
                    : modificationTime.plus(BITS_INACTIVITY_TIMEOUT);
            if (!now.isBefore(expiry)) {
                expireLocked();
                return null;
            }
            Instant next = expiry;
            if (state == BgJobState.TRANSIENT_ERROR) {
                Instant deadline = noProgressDeadlineLocked();
                if (deadline != null && !now.isBefore(deadline)) {
                    noProgressErrorLocked();
                } else if (retryAt != null && !now.isBefore(retryAt)) {
                    retryAt = null;
                    setStateLocked(BgJobState.QUEUED);
                    postLocked(Notifier.Kind.MODIFICATION, null);
                    publishLocked(true);
                } else {
                    next = earliest(next, earliest(deadline, retryAt));
                }
            }
            return next;
        } finally {
            lock.unlock();
        }
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

    private Instant noProgressDeadlineLocked() {
        if (noProgressSince == null) {
            return null;
        }
        return noProgressSince.plusSeconds(effectiveNoProgressTimeoutLocked());
    }

    /** A5: TRANSIENT_ERROR → ERROR because nothing moved for the no-progress timeout. */
    private void noProgressErrorLocked() {
        Failure last = error.failure();
        Failure timedOut = dialect == Dialect.DO
                ? new Failure(HResult.DO_E_DOWNLOAD_NO_PROGRESS, last.bitsContext(), false, null,
                        "no progress for " + effectiveNoProgressTimeoutLocked() + " s; last failure: " + last.description())
                : new Failure(last.code(), last.bitsContext(), false, null,
                        "no progress for " + effectiveNoProgressTimeoutLocked() + " s: " + last.description());
        SimulatedFile file = errorFileLocked();
        retryAt = null;
        enterErrorLocked(timedOut, file);
    }

    private SimulatedFile errorFileLocked() {
        try {
            return error == null ? null : (SimulatedFile) error.getFile();
        } catch (BackgroundCopyException noFile) {
            return null;
        }
    }

    private void enterErrorLocked(Failure failure, SimulatedFile file) {
        errorCount++;
        error = new SimulatedError(failure, file, dialect, file == null ? null : file.activeRemote.getScheme());
        setStateLocked(BgJobState.ERROR);
        postLocked(Notifier.Kind.ERROR, null);
        postLocked(Notifier.Kind.MODIFICATION, null);
        publishLocked(true);
    }

    /**
     * A8: the job reached 30 days (DO) or 90 days without modification (BITS): cancelled, partial files
     * deleted, out of the queue.
     */
    private void expireLocked() {
        stopTaskLocked();
        setStateLocked(BgJobState.CANCELLED);
        leaveQueueLocked();
        deleteTemporaryFilesLocked();
    }

    private boolean ownsLocked(TransferTask task) {
        return running == task && !task.stopRequested() && !state.isTerminal();
    }

    private void requireOwnedLocked(TransferTask task) throws Transport.StoppedException {
        if (!ownsLocked(task)) {
            throw new Transport.StoppedException();
        }
    }

    /** What the worker needs to transfer one file, frozen under the lock. */
    record FileWork(SimulatedFile file, URI uri, Path destination, Path temp, List<BgFileRange> ranges,
                    long transferred, long resolvedSize, String validator) {
    }

    /** The next file that is not fully transferred, or null when every file is. */
    FileWork nextWork(TransferTask task) throws Transport.StoppedException {
        lock.lock();
        try {
            requireOwnedLocked(task);
            for (SimulatedFile f : files) {
                if (!f.isDoneLocked()) {
                    String validator = f.etag != null && !f.etag.startsWith("W/") ? f.etag : f.lastModified;
                    return new FileWork(f, f.activeRemote, f.localPath, f.tempPathLocked(), f.ranges, f.bytesTransferred,
                            f.resolvedSize, validator);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A response head arrived for {@code file}: its data now starts at {@code offset} (0 after a restart),
     * its size may have become known (A9), its validators are remembered, and a BITS job moves from
     * CONNECTING to TRANSFERRING (clearing the error record).
     */
    void onResponse(TransferTask task, SimulatedFile file, long offset, long size, String etag, String lastModified)
            throws Transport.StoppedException {
        lock.lock();
        try {
            requireOwnedLocked(task);
            file.bytesTransferred = offset;
            if (size >= 0) {
                file.resolvedSize = size;
            }
            if (etag != null || lastModified != null) {
                file.etag = etag;
                file.lastModified = lastModified;
            }
            file.bytesTotal = file.computeTotal();
            if (state == BgJobState.CONNECTING) {
                enterTransferringLocked();
            }
            touchLocked();
            postLocked(Notifier.Kind.MODIFICATION, null);
            publishLocked(true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first {@code durableBytes} of the file's temporary data were forced to disk: a checkpoint. The
     * store records the new offset now, so a crash re-fetches at most one checkpoint interval.
     */
    void onDurable(TransferTask task, SimulatedFile file, long durableBytes) throws Transport.StoppedException {
        lock.lock();
        try {
            requireOwnedLocked(task);
            file.durableBytes = durableBytes;
            engine.store().save(storedLocked());
        } finally {
            lock.unlock();
        }
    }

    /** Bytes arrived: progress, MT, the no-progress timer restarts (R48), a rate-limited JobModification. */
    void onBytes(TransferTask task, SimulatedFile file, long transferred) throws Transport.StoppedException {
        lock.lock();
        try {
            requireOwnedLocked(task);
            file.bytesTransferred = transferred;
            if (noProgressSince != null) {
                noProgressSince = engine.now();
            }
            touchLocked();
            long nowNanos = System.nanoTime();
            long interval = engine.config().progressNotificationInterval().toNanos();
            if (interval == 0 || nowNanos - lastProgressNotice >= interval) {
                lastProgressNotice = nowNanos;
                postLocked(Notifier.Kind.MODIFICATION, null);
            }
            publishLocked(false);
        } finally {
            lock.unlock();
        }
    }

    /** The body ended without a length: the size is what arrived (A9). */
    void onSizeKnown(TransferTask task, SimulatedFile file, long size) throws Transport.StoppedException {
        lock.lock();
        try {
            requireOwnedLocked(task);
            file.resolvedSize = size;
            file.bytesTotal = file.computeTotal();
            postLocked(Notifier.Kind.MODIFICATION, null);
            publishLocked(true);
        } finally {
            lock.unlock();
        }
    }

    void onFileDone(TransferTask task, SimulatedFile file) throws Transport.StoppedException {
        lock.lock();
        try {
            requireOwnedLocked(task);
            postLocked(Notifier.Kind.FILE_TRANSFERRED, file);
            publishLocked(true);
        } finally {
            lock.unlock();
        }
    }

    /** A2: every file is here: TRANSFERRED, TransferCompletionTime set, JobTransferred. */
    void onAllDone(TransferTask task) throws Transport.StoppedException {
        lock.lock();
        try {
            requireOwnedLocked(task);
            if (state == BgJobState.CONNECTING) {
                enterTransferringLocked();
            }
            noProgressSince = null;
            setStateLocked(BgJobState.TRANSFERRED);
            transferCompletionTime = modificationTime;
            postLocked(Notifier.Kind.TRANSFERRED, null);
            postLocked(Notifier.Kind.MODIFICATION, null);
            publishLocked(true);
        } finally {
            lock.unlock();
        }
    }

    /** A3/A5/A6: classify the failure into TRANSIENT_ERROR or ERROR. */
    void onFailure(TransferTask task, Failure failure, SimulatedFile file) {
        lock.lock();
        try {
            if (!ownsLocked(task)) {
                return;
            }
            Instant now = engine.now();
            long timeout = effectiveNoProgressTimeoutLocked();
            if (!failure.isTransient()) {
                noProgressSince = null;
                enterErrorLocked(failure, file);
                return;
            }
            if (noProgressSince == null) {
                noProgressSince = now;
            }
            error = new SimulatedError(failure, file, dialect, file == null ? null : file.activeRemote.getScheme());
            if (timeout == 0 || !now.isBefore(noProgressSince.plusSeconds(timeout))) {
                noProgressErrorLocked();
                return;
            }
            errorCount++;
            long delay = dialect == Dialect.BITS ? minimumRetryDelay : engine.config().minimumRetryDelay().toSeconds();
            Duration wait = Duration.ofSeconds(delay);
            if (failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0) {
                wait = failure.retryAfter();
            }
            retryAt = now.plus(wait);
            setStateLocked(BgJobState.TRANSIENT_ERROR);
            postLocked(Notifier.Kind.MODIFICATION, null);
            publishLocked(true);
        } finally {
            lock.unlock();
        }
    }

    /** The worker is leaving: release the slot; a job cancelled meanwhile loses its temporary files. */
    void onTaskExit(TransferTask task) {
        lock.lock();
        try {
            if (running == task) {
                running = null;
                hasTask = false;
            }
            if (state == BgJobState.CANCELLED) {
                deleteTemporaryFilesLocked();
            } else if (!state.isTerminal()) {
                publishLocked(true); // checkpoint: the byte counts the next run resumes from
            }
        } finally {
            lock.unlock();
        }
    }

    /** A7: the owner logged off: back to QUEUED, and the callback registration ends with the process. */
    void onLogOff(String user) {
        lock.lock();
        try {
            if (!owner.user().equals(user) || state.isTerminal()) {
                return;
            }
            callback = null;
            if (state == BgJobState.CONNECTING || state == BgJobState.TRANSFERRING) {
                stopTaskLocked();
                setStateLocked(BgJobState.QUEUED);
                publishLocked(true);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The manager closed: stop transferring (the job stays as it is). */
    TransferTask stopForClose() {
        lock.lock();
        try {
            TransferTask task = running;
            stopTaskLocked();
            return task;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SimulatedJob[" + id + " " + getState() + " " + getProgress() + "]";
    }
}
