package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.api.SemanticError;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulated service: the job queue, the dispatcher, the worker pool and the notifier behind
 * {@link SimulatorManager}.
 *
 * <p><b>Threads.</b> One dispatcher thread fires what is due on the clock (retries, no-progress
 * timeouts, expiry) and starts queued jobs on a fixed pool of {@code maxConcurrentTransfers} workers,
 * best priority first and FIFO within a priority; after {@link #STARVATION_LIMIT} consecutive starts
 * that passed over the longest-waiting job, that job goes next, so background jobs are never starved.
 * One notifier thread delivers callbacks. All of this runs the same way with the system clock and with
 * a {@link VirtualClock}; with the virtual clock the dispatcher wakes when the clock is advanced.
 *
 * <p><b>Quiescence.</b> {@link #runUntilIdle()} waits until the dispatcher has nothing left to do at
 * the current instant and every transfer has ended or is parked on the virtual clock (scripted
 * latency or stall). Transfers run on the workers even in deterministic mode, so that the engine path
 * is exactly the production one; the engine counts "active" transfers (running and not parked) under
 * its lock to know when everything has settled.
 *
 * <p><b>Lifecycle.</b> The FileSystemState pattern: an {@link AtomicBoolean} open flag checked at the start of
 * every public method, and an idempotent {@link #close()} that stops the dispatcher, the transfers and
 * the notifier.
 */
final class JobEngine implements SimulatorManager {

    /** {@code RPC_E_DISCONNECTED}: what a COM client sees once the service object is gone. */
    static final HResult DISCONNECTED = HResult.of(0x80010108);
    static final int STARVATION_LIMIT = 4;
    private static final String MANAGER = "IBackgroundCopyManager::";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SimulatorConfig config;
    private final Dialect dialect;
    private final VirtualClock virtualClock;
    private final JobStore store;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Map<UUID, SimulatedJob> jobs = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private boolean dirty = true;
    private boolean stepping;
    private int runningTransfers;
    private int activeTransfers;
    private long generation;
    private Instant nextDeadline;
    private int passedOver;
    private int drivers;
    private final Set<Parked> parked = new HashSet<>();

    private final ExecutorService workers;
    private final ExecutorService httpExecutor;
    private final Thread dispatcher;
    private final Notifier notifier;
    private final Runnable clockListener = this::onClockAdvanced;
    private final FileTransport fileTransport = new FileTransport();
    private final ScriptedTransport scriptedTransport;
    private HttpTransport httpTransport;

    private volatile CallerIdentity caller;
    private final Set<Path> deniedDirectories = ConcurrentHashMap.newKeySet();
    private volatile HResult renameFailure;
    private volatile boolean deleteFailure;

    JobEngine(SimulatorConfig config, JobStore store) {
        this.config = config;
        this.dialect = config.dialect();
        this.virtualClock = config.virtualClock().orElse(null);
        this.store = store;
        this.caller = config.caller();
        this.scriptedTransport = config.scriptedNetwork().map(ScriptedTransport::new).orElse(null);
        String name = "bgcopy-sim-" + INSTANCES.incrementAndGet();
        this.workers = Executors.newFixedThreadPool(config.maxConcurrentTransfers(), daemon(name + "-transfer"));
        this.httpExecutor = Executors.newCachedThreadPool(daemon(name + "-http"));
        this.notifier = new Notifier(name + "-notifier", config.callbackRetryInterval(), virtualClock);
        for (JobStore.StoredJob stored : store.loadAll()) {
            if (!stored.state().isTerminal()) {
                SimulatedJob job = new SimulatedJob(this, stored, nextSequence());
                jobs.put(job.id, job);
            }
        }
        // What fell due while no engine ran (a DO job's 30 days, a retry time) happens before anyone can
        // see the restored jobs, so an expired job is never visible, not even for a moment.
        Instant restoredAt = now();
        for (SimulatedJob job : List.copyOf(jobs.values())) {
            job.onClock(restoredAt);
        }
        if (virtualClock != null) {
            virtualClock.addListener(clockListener);
        }
        this.dispatcher = new Thread(this::dispatchLoop, name + "-dispatcher");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // =====================================================================================
    // Collaborators for jobs
    // =====================================================================================

    @Override
    public SimulatorConfig config() {
        return config;
    }

    JobStore store() {
        return store;
    }

    Notifier notifier() {
        return notifier;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** The engine clock: virtual, or the system clock at microsecond precision (FILETIME has 100 ns). */
    Instant now() {
        return virtualClock != null ? virtualClock.now() : Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    void checkOpen(String method) {
        if (!open.get()) {
            throw new BackgroundCopyException(method, DISCONNECTED, "the simulated service was closed");
        }
    }

    boolean mayWrite(Path directory) {
        return !deniedDirectories.contains(directory.toAbsolutePath().normalize()) && Files.isWritable(directory);
    }

    HResult renameFailure() {
        return renameFailure;
    }

    boolean deleteFailure() {
        return deleteFailure;
    }

    Transport transportFor(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return fileTransport;
        }
        if (scriptedTransport != null) {
            return scriptedTransport;
        }
        synchronized (this) {
            if (httpTransport == null) {
                httpTransport = new HttpTransport(config.connectTimeout(), httpExecutor, config.sslContext().orElse(null));
            }
            return httpTransport;
        }
    }

    void removeJob(SimulatedJob job) {
        jobs.remove(job.id, job);
    }

    // =====================================================================================
    // IBackgroundCopyManager
    // =====================================================================================

    @Override
    public IBackgroundCopyJob createJob(String displayName, BgJobType type) {
        return createJob(displayName, type, caller);
    }

    IBackgroundCopyJob createJob(String displayName, BgJobType type, CallerIdentity caller) {
        String method = MANAGER + "CreateJob";
        checkOpen(method);
        String problem = Validation.displayNameProblem(displayName);
        if (problem != null) {
            throw new BackgroundCopyException(method, HResult.E_INVALIDARG, problem);
        }
        if (type == null) {
            throw new BackgroundCopyException(method, HResult.E_INVALIDARG, "the job type is null");
        }
        if (type != BgJobType.DOWNLOAD) {
            throw new BackgroundCopyException(method, dialect == Dialect.DO ? HResult.E_INVALIDARG : HResult.E_NOTIMPL,
                    "the simulator transfers downloads only, not " + type);
        }
        SimulatedJob job = new SimulatedJob(this, UUID.randomUUID(), displayName, caller, now(), nextSequence());
        jobs.put(job.id, job);
        return job;
    }

    @Override
    public IBackgroundCopyJob getJob(UUID jobId) {
        return getJob(jobId, caller);
    }

    IBackgroundCopyJob getJob(UUID jobId, CallerIdentity caller) {
        String method = MANAGER + "GetJob";
        checkOpen(method);
        if (jobId == null) {
            throw new BackgroundCopyException(method, HResult.E_INVALIDARG, "the job id is null");
        }
        SimulatedJob job = jobs.get(jobId);
        if (job == null) {
            throw new BackgroundCopyException(method, SemanticError.NOT_FOUND.in(dialect), "no job " + jobId + " in the queue");
        }
        if (!caller.mayAccess(job.owner())) {
            throw new BackgroundCopyException(method, HResult.E_ACCESSDENIED,
                    caller.user() + " may not see a job of " + job.owner().user());
        }
        return job;
    }

    @Override
    public IEnumBackgroundCopyJobs enumJobs(int flags) {
        return enumJobs(flags, caller);
    }

    IEnumBackgroundCopyJobs enumJobs(int flags, CallerIdentity who) {
        String method = MANAGER + "EnumJobs";
        checkOpen(method);
        if (dialect != Dialect.BITS) {
            throw new BackgroundCopyException(method, HResult.E_NOTIMPL, "not documented for Delivery Optimization");
        }
        if ((flags & ~BG_JOB_ENUM_ALL_USERS) != 0) {
            throw new BackgroundCopyException(method, HResult.E_INVALIDARG, "unknown flags " + flags);
        }
        boolean all = (flags & BG_JOB_ENUM_ALL_USERS) != 0;
        if (all && !who.administrator()) {
            throw new BackgroundCopyException(method, HResult.E_ACCESSDENIED, "only administrators list every user's jobs");
        }
        List<SimulatedJob> visible = new ArrayList<>();
        for (SimulatedJob job : jobs.values()) {
            if (all || job.owner().user().equals(who.user())) {
                visible.add(job);
            }
        }
        visible.sort(Comparator.comparingLong(SimulatedJob::creationSequence));
        return new JobEnumerator(List.copyOf(visible), 0);
    }

    @Override
    public String getErrorDescription(HResult hresult, Locale locale) {
        String method = MANAGER + "GetErrorDescription";
        checkOpen(method);
        if (dialect != Dialect.BITS) {
            throw new BackgroundCopyException(method, HResult.E_NOTIMPL, "not documented for Delivery Optimization");
        }
        if (hresult == null || hresult.name().isEmpty()) {
            throw new BackgroundCopyException(method, HResult.E_INVALIDARG, "no description for " + hresult);
        }
        return hresult.name().get() + " (" + hresult.hex() + ")";
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public Set<Feature> supportedFeatures() {
        return dialect == Dialect.DO
                ? EnumSet.of(Feature.ADD_FILE_WITH_RANGES, Feature.DO_EXTENSIONS, Feature.CALLBACKS)
                : EnumSet.of(Feature.BITS_METHODS, Feature.CALLBACKS);
    }

    // =====================================================================================
    // Test controls
    // =====================================================================================

    @Override
    public void setCaller(CallerIdentity newCaller) {
        this.caller = Objects.requireNonNull(newCaller, "caller");
    }

    @Override
    public CallerIdentity caller() {
        return caller;
    }

    @Override
    public SimulatorManager forCaller(CallerIdentity identity) {
        checkOpen(MANAGER + "QueryInterface");
        return new CallerView(this, Objects.requireNonNull(identity, "identity"));
    }

    @Override
    public void denyWrites(Path directory) {
        deniedDirectories.add(directory.toAbsolutePath().normalize());
    }

    @Override
    public void allowWrites(Path directory) {
        deniedDirectories.remove(directory.toAbsolutePath().normalize());
    }

    @Override
    public void setRenameFailure(HResult failure) {
        if (failure != null && failure.isSuccess()) {
            throw new IllegalArgumentException("not a failure: " + failure);
        }
        this.renameFailure = failure;
    }

    @Override
    public void setDeleteFailure(boolean failing) {
        this.deleteFailure = failing;
    }

    @Override
    public void logOff(String user) {
        Objects.requireNonNull(user, "user");
        jobs.values().forEach(job -> job.onLogOff(user));
        wake();
    }

    @Override
    public void runUntilIdle() {
        if (!open.get()) {
            throw new IllegalStateException("the simulated service was closed");
        }
        long stuckNanos = config.callbackRetryInterval().plusSeconds(1).toNanos();
        lock.lock();
        try {
            drivers++;
        } finally {
            lock.unlock();
        }
        try {
            while (true) {
                long seen;
                lock.lock();
                try {
                    dirty = true;
                    changed.signalAll();
                    while (open.get() && (dirty || stepping || activeTransfers > 0)) {
                        changed.await();
                    }
                    seen = generation;
                } finally {
                    lock.unlock();
                }
                notifier.awaitIdle(stuckNanos);
                lock.lock();
                try {
                    if (!open.get() || (generation == seen && !dirty && !stepping && activeTransfers == 0)) {
                        return;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                drivers--;
            } finally {
                lock.unlock();
            }
        }
    }

    // =====================================================================================
    // Dispatcher
    // =====================================================================================

    /** Something changed: let the dispatcher look again. */
    void wake() {
        lock.lock();
        try {
            for (Parked p : parked) {
                if (p.task.stopRequested()) {
                    releaseLocked(p);
                }
            }
            dirty = true;
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onClockAdvanced() {
        lock.lock();
        try {
            Instant now = now();
            for (Parked p : parked) {
                if (!now.isBefore(p.deadline)) {
                    releaseLocked(p);
                }
            }
            dirty = true;
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void transferExited() {
        lock.lock();
        try {
            runningTransfers--;
            activeTransfers--;
            dirty = true;
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A transfer waiting on the virtual clock: not active until released by the clock or a stop. */
    private static final class Parked {
        final Instant deadline;
        final TransferTask task;
        boolean released;

        Parked(Instant deadline, TransferTask task) {
            this.deadline = deadline;
            this.task = task;
        }
    }

    private void releaseLocked(Parked p) {
        if (!p.released) {
            p.released = true;
            activeTransfers++;
            changed.signalAll();
        }
    }

    /** Blocks a transfer until {@code deadline} on the engine clock, or until it is stopped. */
    void parkUntil(Instant deadline, TransferTask task) throws InterruptedIOException {
        lock.lock();
        try {
            if (virtualClock == null) {
                while (!task.stopRequested() && open.get()) {
                    long nanos = Duration.between(now(), deadline).toNanos();
                    if (nanos <= 0) {
                        return;
                    }
                    changed.awaitNanos(nanos);
                }
            } else {
                Parked p = new Parked(deadline, task);
                parked.add(p);
                activeTransfers--;
                generation++;
                changed.signalAll();
                try {
                    while (!p.released) {
                        if (task.stopRequested() || !open.get() || !now().isBefore(deadline)) {
                            releaseLocked(p);
                            break;
                        }
                        changed.await();
                    }
                } finally {
                    releaseLocked(p);
                    parked.remove(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Transport.StoppedException();
        } finally {
            lock.unlock();
        }
        if (task.stopRequested() || !open.get()) {
            throw new Transport.StoppedException();
        }
    }

    private void dispatchLoop() {
        while (true) {
            lock.lock();
            try {
                while ((!dirty || (config.manualScheduling() && drivers == 0)) && open.get()) {
                    if (config.manualScheduling() && drivers == 0) {
                        changed.await();
                    } else if (virtualClock == null && nextDeadline != null) {
                        long nanos = Duration.between(now(), nextDeadline).toNanos();
                        if (nanos <= 0) {
                            dirty = true;
                            break;
                        }
                        changed.awaitNanos(nanos);
                    } else {
                        changed.await();
                    }
                }
                if (!open.get()) {
                    return;
                }
                dirty = false;
                stepping = true;
            } catch (InterruptedException e) {
                if (!open.get()) {
                    return;
                }
                continue;
            } finally {
                lock.unlock();
            }
            Instant next = null;
            try {
                next = step();
            } finally {
                lock.lock();
                try {
                    stepping = false;
                    nextDeadline = next;
                    generation++;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** One scheduling pass at the current instant; returns when something is next due. */
    private Instant step() {
        Instant now = now();
        Instant next = null;
        for (SimulatedJob job : jobs.values()) {
            Instant due = job.onClock(now);
            if (due != null && (next == null || due.isBefore(next))) {
                next = due;
            }
        }
        startQueued();
        return next;
    }

    private int rank(SimulatedJob job) {
        BgJobPriority p = job.priorityForScheduling();
        if (dialect == Dialect.DO) {
            return p == BgJobPriority.FOREGROUND ? 0 : 1;
        }
        return p.nativeValue();
    }

    private void startQueued() {
        List<SimulatedJob> candidates = new ArrayList<>();
        for (SimulatedJob job : jobs.values()) {
            if (job.isStartable()) {
                candidates.add(job);
            }
        }
        candidates.sort(Comparator.comparingInt(this::rank).thenComparingLong(SimulatedJob::queueSequence));
        while (!candidates.isEmpty() && open.get()) {
            lock.lock();
            try {
                if (runningTransfers >= config.maxConcurrentTransfers()) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            SimulatedJob pick = choose(candidates);
            candidates.remove(pick);
            TransferTask task = pick.tryStart();
            if (task == null) {
                continue;
            }
            lock.lock();
            try {
                runningTransfers++;
                activeTransfers++;
            } finally {
                lock.unlock();
            }
            try {
                workers.execute(task::run);
            } catch (RejectedExecutionException closed) {
                task.requestStop();
                task.run();
            }
        }
    }

    /** Best rank first, FIFO within a rank, but the longest-waiting job after STARVATION_LIMIT pass-overs. */
    private SimulatedJob choose(List<SimulatedJob> sorted) {
        SimulatedJob best = sorted.get(0);
        SimulatedJob oldest = sorted.stream().min(Comparator.comparingLong(SimulatedJob::queueSequence)).orElse(best);
        if (oldest == best) {
            passedOver = 0;
            return best;
        }
        if (passedOver >= STARVATION_LIMIT) {
            passedOver = 0;
            return oldest;
        }
        passedOver++;
        return best;
    }

    // =====================================================================================
    // Close
    // =====================================================================================

    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        if (virtualClock != null) {
            virtualClock.removeListener(clockListener);
        }
        List<TransferTask> tasks = new ArrayList<>();
        for (SimulatedJob job : jobs.values()) {
            TransferTask task = job.stopForClose();
            if (task != null) {
                tasks.add(task);
            }
        }
        lock.lock();
        try {
            parked.forEach(this::releaseLocked);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        RuntimeException failure = null;
        try {
            dispatcher.join(CLOSE_WAIT.toMillis());
            for (TransferTask task : tasks) {
                task.awaitExit(CLOSE_WAIT);
            }
            workers.shutdown();
            if (!workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("interrupted while closing the simulated service", e);
        }
        try {
            notifier.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        httpExecutor.shutdownNow();
        if (store instanceof AutoCloseable durable) {
            try {
                durable.close();
            } catch (Exception e) {
                RuntimeException closing = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (failure == null) {
                    failure = closing;
                } else {
                    failure.addSuppressed(closing);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "SimulatorManager[" + config + ", " + jobs.size() + " jobs" + (open.get() ? "" : ", closed") + "]";
    }
}
