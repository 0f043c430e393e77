package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.api.SemanticError;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated service behind {@link SimulatorManager}: the manager API, the registry of jobs and the
 * lifecycle of the threads. The {@link Scheduler} starts and times jobs, the {@link Quiescence} knows
 * when everything has settled, the {@link Notifier} delivers callbacks, and each job's {@link JobState}
 * owns its state machine; this class is the {@link JobContext} they share.
 *
 * <p><b>Lifecycle.</b> The FileSystemState pattern: an {@link AtomicBoolean} open flag checked at the start of
 * every public method, and an idempotent {@link #close()} that stops the dispatcher, the transfers and
 * the notifier.
 */
final class JobEngine implements SimulatorManager, JobContext, TransferTask.Host {

    /** {@code RPC_E_DISCONNECTED}: what a COM client sees once the service object is gone. */
    static final HResult DISCONNECTED = HResult.of(0x80010108);
    private static final String MANAGER = "IBackgroundCopyManager::";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SimulatorConfig config;
    private final DialectRules rules;
    private final VirtualClock virtualClock;
    private final JobStore store;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Map<UUID, SimulatedJob> jobs = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LocalFaults localFiles;
    private final TransferTask.Settings transferSettings;

    private final ExecutorService workers;
    private final Quiescence quiescence;
    private final Scheduler scheduler;
    private final Notifier notifier;
    private final Runnable clockListener;
    /** A change of the network's cost may let a waiting job go on, or stop a running one (docs/contract.md §4.17). */
    private final Runnable costListener = this::wake;
    private final FileTransport fileTransport = new FileTransport();
    private final ScriptedTransport scriptedTransport;
    private HttpTransport httpTransport;

    private volatile CallerIdentity caller;

    JobEngine(SimulatorConfig config, JobStore store) {
        this.config = config;
        this.rules = DialectRules.of(config.dialect());
        this.virtualClock = config.virtualClock().orElse(null);
        this.store = store;
        this.localFiles = new LocalFaults(new LocalDisk(store.isDurable() ? "" : LocalDisk.processTag()));
        this.caller = config.caller();
        this.scriptedTransport = config.scriptedNetwork().map(ScriptedTransport::new).orElse(null);
        this.transferSettings = new TransferTask.Settings(rules, localFiles, config.readTimeout(), store.isDurable(),
                config.checkpointBytes(), config.checkpointInterval(),
                new BandwidthCaps(rules, config.maxBackgroundBandwidth(), config.maxForegroundBandwidth()));
        String name = "bgcopy-sim-" + INSTANCES.incrementAndGet();
        this.workers = Executors.newFixedThreadPool(config.maxConcurrentTransfers(), daemon(name + "-transfer"));
        this.notifier = new Notifier(name + "-notifier", config.callbackRetryInterval(), virtualClock);
        this.quiescence = new Quiescence(config.manualScheduling(), virtualClock != null, this::now, open::get);
        this.clockListener = quiescence::clockAdvanced;
        for (JobStore.StoredJob stored : store.loadAll()) {
            if (!stored.state().isTerminal()) {
                SimulatedJob job = new SimulatedJob(this, stored, nextSequence());
                jobs.put(job.getId(), job);
            }
        }
        // What fell due while no engine ran (a DO job's 30 days, a retry time) happens before anyone can
        // see the restored jobs, so an expired job is never visible, not even for a moment.
        Scheduler.fireDue(jobStates(), now());
        if (virtualClock != null) {
            virtualClock.addListener(clockListener);
        }
        config.networkCost().addListener(costListener);
        this.scheduler = new Scheduler(name + "-dispatcher", this::jobStates, this::now, quiescence,
                new StartPolicy(rules), workers, config.maxConcurrentTransfers(), open::get);
        this.scheduler.start();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private Collection<JobState> jobStates() {
        List<JobState> states = new ArrayList<>(jobs.size());
        for (SimulatedJob job : jobs.values()) {
            states.add(job.state());
        }
        return states;
    }

    // =====================================================================================
    // JobContext and TransferTask.Host
    // =====================================================================================

    @Override
    public SimulatorConfig config() {
        return config;
    }

    @Override
    public DialectRules rules() {
        return rules;
    }

    @Override
    public JobStore store() {
        return store;
    }

    @Override
    public Notifier notifier() {
        return notifier;
    }

    @Override
    public LocalFiles localFiles() {
        return localFiles;
    }

    @Override
    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** The engine clock: virtual, or the system clock at microsecond precision (FILETIME has 100 ns). */
    @Override
    public Instant now() {
        return virtualClock != null ? virtualClock.now() : Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void checkOpen(String method) {
        if (!open.get()) {
            throw new BackgroundCopyException(method, DISCONNECTED, "the simulated service was closed");
        }
    }

    @Override
    public void removeJob(UUID id) {
        jobs.remove(id);
    }

    @Override
    public TransferTask.Host transferHost() {
        return this;
    }

    @Override
    public TransferTask.Settings transferSettings() {
        return transferSettings;
    }

    @Override
    public Transport transportFor(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return fileTransport;
        }
        if (scriptedTransport != null) {
            return scriptedTransport;
        }
        synchronized (this) {
            if (httpTransport == null) {
                httpTransport = new HttpTransport(config.connectTimeout(), config.readTimeout(), config.maxConcurrentTransfers(),
                        new JobTls(config.opaqueSslContext(), config.trustedCertificates(),
                                new CrlSource(config.connectTimeout(), config.readTimeout())), config.proxyEnvironment());
            }
            return httpTransport;
        }
    }

    @Override
    public void parkUntil(Instant deadline, TransferTask task) throws InterruptedIOException {
        quiescence.parkUntil(deadline, task);
    }

    @Override
    public void wake() {
        quiescence.wake();
    }

    @Override
    public void transferExited() {
        quiescence.transferExited();
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
        Arguments.displayName(method, displayName);
        Arguments.notNull(method, type, "job type");
        if (type != BgJobType.DOWNLOAD) {
            throw new BackgroundCopyException(method, rules.unsupportedJobType(type),
                    "the simulator transfers downloads only, not " + type);
        }
        SimulatedJob job = new SimulatedJob(this, UUID.randomUUID(), displayName, caller, nextSequence());
        jobs.put(job.getId(), job);
        return job;
    }

    @Override
    public IBackgroundCopyJob getJob(UUID jobId) {
        return getJob(jobId, caller);
    }

    IBackgroundCopyJob getJob(UUID jobId, CallerIdentity caller) {
        String method = MANAGER + "GetJob";
        checkOpen(method);
        Arguments.notNull(method, jobId, "job id");
        SimulatedJob job = jobs.get(jobId);
        if (job == null) {
            throw new BackgroundCopyException(method, rules.code(SemanticError.NOT_FOUND), "no job " + jobId + " in the queue");
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
        rules.requireBitsMethod(method);
        if ((flags & ~BG_JOB_ENUM_ALL_USERS) != 0) {
            throw Arguments.invalid(method, "unknown flags " + flags);
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
        visible.sort(Comparator.comparingLong(job -> job.state().creationSequence));
        return new JobEnumerator(List.copyOf(visible), 0);
    }

    @Override
    public String getErrorDescription(HResult hresult, Locale locale) {
        String method = MANAGER + "GetErrorDescription";
        checkOpen(method);
        rules.requireBitsMethod(method);
        if (hresult == null || hresult.name().isEmpty()) {
            throw Arguments.invalid(method, "no description for " + hresult);
        }
        return hresult.name().get() + " (" + hresult.hex() + ")";
    }

    @Override
    public Dialect dialect() {
        return rules.dialect();
    }

    @Override
    public Set<Feature> supportedFeatures() {
        return rules.features();
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
        localFiles.denyWrites(directory);
    }

    @Override
    public void allowWrites(Path directory) {
        localFiles.allowWrites(directory);
    }

    @Override
    public void setRenameFailure(HResult failure) {
        localFiles.setRenameFailure(failure);
    }

    @Override
    public void setDeleteFailure(boolean failing) {
        localFiles.setDeleteFailure(failing);
    }

    @Override
    public void logOff(String user) {
        Objects.requireNonNull(user, "user");
        jobStates().forEach(job -> job.automation().onLogOff(user));
        wake();
    }

    @Override
    public void runUntilIdle() {
        if (!open.get()) {
            throw new IllegalStateException("the simulated service was closed");
        }
        quiescence.runUntilIdle(notifier, config.callbackRetryInterval().plusSeconds(1).toNanos());
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
        config.networkCost().removeListener(costListener);
        List<TransferTask> tasks = new ArrayList<>();
        for (JobState job : jobStates()) {
            TransferTask task = job.automation().stopForClose();
            if (task != null) {
                tasks.add(task);
            }
        }
        quiescence.closed();
        RuntimeException failure = null;
        try {
            scheduler.join(CLOSE_WAIT.toMillis());
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
        synchronized (this) {
            if (httpTransport != null) {
                httpTransport.close();
            }
        }
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
