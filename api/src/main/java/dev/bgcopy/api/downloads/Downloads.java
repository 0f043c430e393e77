package dev.bgcopy.api.downloads;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.api.downloads.DownloadRequest.DownloadFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An application's downloads, on top of the best transfer service there is: the task-level face of
 * {@code IBackgroundCopyManager} (Delivery Optimization, BITS or the simulator) for code that wants a
 * file, not a job. Each download is one {@code IBackgroundCopyJob}; {@link Download} waits for it,
 * checks the SHA-256 before anything reaches the destination, and moves it into place.
 *
 * <pre>{@code
 * try (Downloads downloads = Downloads.open("my-updater")) {
 *     Download d = downloads.start(DownloadRequest.builder(URI.create(url), Path.of("/opt/app/app-2.4.zip"))
 *             .name("app-2.4")
 *             .sha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
 *             .build());
 *     d.onProgress(p -> bar.update(p));
 *     Path file = d.completion().get();
 * }
 * // after a restart or a crash:
 * Optional<Download> again = Downloads.open("my-updater").find("app-2.4");
 * }</pre>
 *
 * <p>Names are kept in a registry in the application's directory ({@link #directory()}:
 * {@code <data>/apps/<application>} below {@link AppDirs#dataDirectory()}, or below the directory named by
 * {@link #OPTION_DATA_DIR} or {@link #DATA_DIR_PROPERTY}), so {@link #find} and
 * {@link #list} work on every service, also on Delivery Optimization, which cannot enumerate jobs. The
 * simulator, when chosen, keeps its jobs in a durable store of its own in that directory
 * ({@code store/}) unless the options name another. Open one {@code Downloads} per application at a
 * time: the registry is rewritten whole, without a lock between processes (the simulator's store admits
 * one process anyway).
 *
 * <p>Where the jobs live is the provider's choice; on the simulator {@link #OPTION_STORE} names a store
 * directory of the caller's (the registry then lives in it too, under {@code apps/<application>}) or
 * asks for {@link #IN_MEMORY} jobs, whose registry is then kept in memory as well. Registry files and
 * the directories made for them are their owner's only ({@link AppDirs#createPrivateFile}).
 *
 * <p>{@link #adopt(UUID)} follows a job by its id, also one that was not started here: that is how a
 * tool that prints job ids (the {@code bgcopy} CLI's {@code wait ID}) waits through this API.
 *
 * <p>One daemon thread per instance watches the downloads: callbacks where the service delivers them,
 * and a poll every {@value #POLL_MILLIS} ms (or {@link #OPTION_POLL_MILLIS}) in any case, so a missed
 * callback delays nothing by more than one polling interval. {@link #close()} stops watching and releases the
 * service; the downloads go on there. Thread-safe.
 */
public final class Downloads implements AutoCloseable {

    /**
     * The option of {@link #open(String, String, Map)} that replaces the data directory (an absolute
     * path), for tests and portable installations; it is not passed to the provider.
     */
    public static final String OPTION_DATA_DIR = "dataDir";

    /**
     * The system property that replaces the data directory when {@link #OPTION_DATA_DIR} is not given
     * (an absolute path), for tests and portable installations.
     */
    public static final String DATA_DIR_PROPERTY = "bgcopy.dataDir";

    /**
     * The option of {@link #open(String, String, Map)} that names the simulator's job store: an absolute
     * directory (the registry is then kept below it rather than in the data directory, beside the jobs it
     * names) or {@link #IN_MEMORY}. Other providers refuse it.
     */
    public static final String OPTION_STORE = "store";

    /** The {@link #OPTION_STORE} value for jobs (and names) that end with the {@code Downloads}. */
    public static final String IN_MEMORY = ":memory:";

    /**
     * The option of {@link #open(String, String, Map)} that sets how often every download is polled, in
     * milliseconds (1 to 60000; default {@value #POLL_MILLIS}); it is not passed to the provider. A short
     * interval suits a progress display that must react fast, at the cost of more calls to the service.
     */
    public static final String OPTION_POLL_MILLIS = "pollMillis";

    /** How often every download is polled by default, callbacks or not. */
    public static final long POLL_MILLIS = 250;

    private static final long MAX_POLL_MILLIS = 60_000;

    private static final Pattern APPLICATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String SIMULATOR = "simulator";
    private static final String SIMULATOR_STORE = "store";
    private static final String OPEN = "Downloads.open";

    private final String application;
    private final String provider;
    private final Path directory;
    private final IBackgroundCopyManager manager;
    private final Registry registry;
    private final ScheduledExecutorService scheduler;
    private final long pollMillis;
    private final Map<String, Download> live = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Downloads(String application, String provider, Path directory, Registry registry,
            IBackgroundCopyManager manager, long pollMillis) {
        this.application = application;
        this.provider = provider;
        this.directory = directory;
        this.manager = manager;
        this.registry = registry;
        this.pollMillis = pollMillis;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bgcopy-downloads-" + application);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The downloads of {@code application} on the best service that can be activated: Delivery
     * Optimization, then BITS, then the simulator (with a durable store), in
     * {@link BackgroundCopy#providers()} order; a provider whose activation fails is skipped.
     *
     * @param application names the application: 1 to 64 letters, digits, {@code .}, {@code _} or
     *        {@code -}, starting with a letter or digit (it becomes a directory name)
     * @throws BackgroundCopyException {@code REGDB_E_CLASSNOTREG} naming every provider and why it failed
     */
    public static Downloads open(String application) {
        checkApplication(application);
        List<String> failures = new ArrayList<>();
        for (BackgroundCopyProvider candidate : BackgroundCopy.providers()) {
            BackgroundCopyProvider.Availability availability = candidate.availability();
            if (!availability.available()) {
                failures.add(candidate.name() + " (unavailable: " + availability.reason() + ")");
                continue;
            }
            try {
                return open(application, candidate.name(), Map.of());
            } catch (RuntimeException activationFailed) {
                failures.add(candidate.name() + " (" + activationFailed.getMessage() + ")");
            }
        }
        throw new BackgroundCopyException(OPEN, HResult.REGDB_E_CLASSNOTREG,
                "no transfer service could be activated; " + (failures.isEmpty() ? "no providers are installed" : String.join(", ", failures)));
    }

    /**
     * The downloads of {@code application} on the provider named {@code provider} with its
     * {@code options} (see {@link BackgroundCopy#open(String, Map)}), plus {@link #OPTION_DATA_DIR},
     * {@link #OPTION_POLL_MILLIS} and, on the simulator, {@link #OPTION_STORE}.
     *
     * @throws BackgroundCopyException when the provider is missing, unavailable or rejects the options
     * @throws IllegalArgumentException for a bad application name, data directory or polling interval
     * @throws UncheckedIOException when the application's directory cannot be created
     */
    public static Downloads open(String application, String provider, Map<String, String> options) {
        checkApplication(application);
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(options, "options");
        Map<String, String> providerOptions = new HashMap<>(options);
        String dataDir = providerOptions.remove(OPTION_DATA_DIR);
        long pollMillis = pollMillis(providerOptions.remove(OPTION_POLL_MILLIS));
        String store = providerOptions.get(OPTION_STORE);
        boolean simulator = provider.equals(SIMULATOR);
        boolean inMemory = simulator && IN_MEMORY.equals(store);
        if (inMemory) {
            providerOptions.remove(OPTION_STORE);
        } else if (dataDir == null && store != null) {
            dataDir = store;
        }
        if (dataDir == null) {
            dataDir = System.getProperty(DATA_DIR_PROPERTY);
        }
        Path directory = dataRoot(dataDir).resolve("apps").resolve(application);
        if (!inMemory) {
            try {
                AppDirs.createPrivateDirectories(directory);
                if (simulator && store == null) {
                    Path defaultStore = AppDirs.createPrivateDirectories(directory.resolve(SIMULATOR_STORE));
                    providerOptions.put(OPTION_STORE, defaultStore.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the application directory " + directory, e);
            }
        }
        IBackgroundCopyManager manager = BackgroundCopy.open(provider, providerOptions);
        return new Downloads(application, provider, directory, inMemory ? Registry.inMemory() : Registry.in(directory),
                manager, pollMillis);
    }

    /** The application these downloads belong to. */
    public String application() {
        return application;
    }

    /** The provider in use: {@code windows-do}, {@code windows-bits} or {@code simulator}. */
    public String provider() {
        return provider;
    }

    /**
     * The application's directory, holding the registry (and the simulator's default store); nothing is
     * written there when the jobs are {@link #IN_MEMORY}.
     */
    public Path directory() {
        return directory;
    }

    /**
     * Starts a download: one job, with every file staged next to its destination, resumed at once.
     *
     * @throws IllegalStateException when a live download has the request's name ({@link #find} gets it)
     * @throws IllegalArgumentException when a destination's directory does not exist or is not writable,
     *         or a destination is a directory
     * @throws BackgroundCopyException what the service reports (a URL it refuses, {@code E_NOINTERFACE}
     *         for ranges without {@link Feature#ADD_FILE_WITH_RANGES}); before any job is created,
     *         {@code E_NOINTERFACE} for headers, credentials or security flags without
     *         {@link Feature#HTTP_OPTIONS} and {@code E_NOTIMPL} for a proxy without
     *         {@link Feature#BITS_METHODS} ({@link WireOptions#checkSupportedBy}); no job is left behind
     * @throws IllegalStateException also when the request's passwords were cleared by an earlier start: the
     *         request's {@linkplain DownloadRequest#wire() wire options} are applied, then their passwords cleared
     */
    public synchronized Download start(DownloadRequest request) {
        Objects.requireNonNull(request, "request");
        requireOpen();
        String name = request.name();
        Optional<Download> existing = find(name);
        if (existing.isPresent()) {
            throw new IllegalStateException("a download named '" + name + "' is live (job " + existing.get().id()
                    + "); find(\"" + name + "\") gets it back");
        }
        for (DownloadFile file : request.files()) {
            checkDestination(file.destination());
        }
        boolean ranges = manager.supportedFeatures().contains(Feature.ADD_FILE_WITH_RANGES);
        if (!request.ranges().isEmpty() && !ranges) {
            throw new BackgroundCopyException("IDeliveryOptimizationJob::AddFileWithRanges", HResult.E_NOINTERFACE,
                    "provider " + provider + " cannot download byte ranges");
        }
        request.wire().checkSupportedBy(provider, manager.supportedFeatures());
        IBackgroundCopyJob job = manager.createJob(request.displayName(), BgJobType.DOWNLOAD);
        Download download = new Download(this, name, job.getId(), job, request.files(), true);
        try {
            job.setPriority(request.priority());
            request.noProgressTimeout().ifPresent(t -> job.setNoProgressTimeout(Math.min(t.toSeconds(), 0xFFFF_FFFFL)));
            try {
                request.wire().applyTo(job);
            } finally {
                request.wire().clearPasswords();
            }
            List<DownloadFile> files = request.files();
            List<Path> staging = download.staged();
            for (int i = 0; i < files.size(); i++) {
                DownloadFile file = files.get(i);
                String staged = staging.get(i).toString();
                if (ranges) {
                    List<BgFileRange> fileRanges = i == 0 ? request.ranges() : List.of();
                    job.addFileWithRanges(file.destination().getFileName().toString(), file.source().toString(), staged,
                            fileRanges, IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
                } else {
                    job.addFile(file.source().toString(), staged);
                }
            }
            registry.put(new Registry.Entry(name, job.getId(), files));
            watch(download);
            job.resume();
        } catch (RuntimeException e) {
            live.remove(name, download);
            try {
                job.cancel();
            } catch (BackgroundCopyException alreadyEnded) {
                e.addSuppressed(alreadyEnded);
            }
            registry.remove(name);
            throw e;
        }
        return download;
    }

    /**
     * The live download called {@code name}, also one started by an earlier process; empty when there
     * is none (or its job has ended: names of jobs that no longer exist are forgotten).
     */
    public synchronized Optional<Download> find(String name) {
        Objects.requireNonNull(name, "name");
        requireOpen();
        Download known = live.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Registry.Entry> entry = registry.get(name);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        IBackgroundCopyJob job;
        try {
            job = manager.getJob(entry.get().jobId());
        } catch (BackgroundCopyException e) {
            if (!SemanticError.NOT_FOUND.matches(e.hresult())) {
                throw e;
            }
            job = null;
        }
        Download download = new Download(this, name, entry.get().jobId(), job, entry.get().files(), true);
        if (job == null && !download.anyStaged()) {
            registry.remove(name);
            return Optional.empty();
        }
        watch(download);
        return Optional.of(download);
    }

    /**
     * The download of the job {@code jobId}: the registered download whose job it is (its files are
     * then verified and moved into place as usual), else the job as it is, also one this API did not
     * start: its files stay where the job puts them, nothing is verified, and a job that enters ERROR is
     * left there for its owner to fix or cancel ({@link Download#completion()} still fails with its
     * error). Cancelled, completed and unknown jobs are not adopted.
     *
     * @throws BackgroundCopyException {@code GetJob}'s failure, e.g. {@code NOT_FOUND}
     */
    public synchronized Download adopt(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        requireOpen();
        for (Download known : live.values()) {
            if (known.id().equals(jobId)) {
                return known;
            }
        }
        Optional<Registry.Entry> entry = registry.byJob(jobId);
        if (entry.isPresent()) {
            Optional<Download> registered = find(entry.get().name());
            if (registered.isPresent()) {
                return registered.get();
            }
        }
        IBackgroundCopyJob job = manager.getJob(jobId);
        List<DownloadFile> files = new ArrayList<>();
        try (IEnumBackgroundCopyFiles each = job.enumFiles()) {
            for (IBackgroundCopyFile file : each.next(each.getCount())) {
                files.add(new DownloadFile(remoteUri(file.getRemoteName()), Path.of(file.getLocalName()), Optional.empty()));
            }
        }
        Download adopted = new Download(this, jobId.toString(), jobId, job, files, false);
        watch(adopted);
        return adopted;
    }

    /** Every live download of the application, by name. */
    public synchronized List<Download> list() {
        requireOpen();
        List<Download> downloads = new ArrayList<>();
        for (Registry.Entry entry : registry.all()) {
            find(entry.name()).ifPresent(downloads::add);
        }
        return downloads;
    }

    /**
     * Stops watching and releases the service; the downloads go on there ({@link #find} after the next
     * {@link #open}). Pending {@link Download#completion()}s fail with an {@link IllegalStateException}.
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        scheduler.shutdownNow();
        for (Download download : live.values()) {
            IBackgroundCopyJob job = download.job().orElse(null);
            if (job != null) {
                try {
                    job.setNotifyInterface(null);
                } catch (BackgroundCopyException ended) {
                    // The job is terminal: nothing to unregister.
                }
            }
            download.abandon();
        }
        live.clear();
        manager.close();
    }

    @Override
    public String toString() {
        return "Downloads[" + application + " on " + provider + "]";
    }

    /** Runs {@link Download#check()} on this instance's thread soon. */
    void wake(Download download) {
        if (closed) {
            return;
        }
        try {
            scheduler.execute(download::check);
        } catch (RejectedExecutionException closing) {
            // close() won the race: nothing is watched any more.
        }
    }

    /** Stops tracking a download that has ended in this process but may go on in the service. */
    void release(Download download) {
        live.remove(download.name(), download);
    }

    /** Stops tracking a download that has ended for good, and forgets its name. */
    void forget(Download download) {
        if (live.remove(download.name(), download)) {
            registry.remove(download.name());
        }
    }

    private void watch(Download download) {
        live.put(download.name(), download);
        IBackgroundCopyJob job = download.job().orElse(null);
        if (job != null && manager.supportedFeatures().contains(Feature.CALLBACKS)) {
            try {
                job.setNotifyFlags(EnumSet.of(BgNotify.JOB_TRANSFERRED, BgNotify.JOB_ERROR, BgNotify.JOB_MODIFICATION));
                job.setNotifyInterface(download.callback());
            } catch (BackgroundCopyException terminal) {
                // The poll sees the state just as well.
            }
        }
        download.startPolling(scheduler.scheduleWithFixedDelay(download::check, 0, pollMillis, TimeUnit.MILLISECONDS));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static void checkApplication(String application) {
        Objects.requireNonNull(application, "application");
        if (!APPLICATION.matcher(application).matches()) {
            throw new IllegalArgumentException("application must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, not '"
                    + application + "'");
        }
    }

    private static long pollMillis(String value) {
        if (value == null) {
            return POLL_MILLIS;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis >= 1 && millis <= MAX_POLL_MILLIS) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(OPTION_POLL_MILLIS + " must be a whole number of milliseconds from 1 to "
                + MAX_POLL_MILLIS + ", not '" + value + "'");
    }

    /** A job's remote name as a URI; a name that is not one (a UNC path on BITS) becomes a relative URI. */
    private static URI remoteUri(String remoteName) {
        try {
            return new URI(remoteName);
        } catch (URISyntaxException notAUri) {
            try {
                return new URI(null, remoteName, null);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("a path always quotes into a URI", e);
            }
        }
    }

    private static Path dataRoot(String dataDir) {
        if (dataDir == null) {
            return AppDirs.dataDirectory();
        }
        try {
            Path root = Path.of(dataDir);
            if (root.isAbsolute()) {
                return root;
            }
        } catch (InvalidPathException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("the data directory (" + OPTION_DATA_DIR + " or " + DATA_DIR_PROPERTY
                + ") must be an absolute path, not '" + dataDir + "'");
    }

    private static void checkDestination(Path destination) {
        Path dir = destination.getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("destination directory does not exist: " + dir);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("destination directory is not writable: " + dir);
        }
        if (Files.isDirectory(destination)) {
            throw new IllegalArgumentException("destination is a directory: " + destination);
        }
    }
}
