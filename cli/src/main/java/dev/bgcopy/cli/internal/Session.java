package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.api.downloads.AppDirs;
import dev.bgcopy.api.downloads.Downloads;
import dev.bgcopy.api.downloads.WireOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One command's connection to a transfer service, chosen by the global options: for the commands that
 * work on jobs, the {@link IBackgroundCopyManager} and the few job operations they share (find by id,
 * create, add a file, list); for those that run a download to its end ({@code download}, {@code wait},
 * the demo), the application {@value #APPLICATION} of the {@link Downloads} API. Either way it says
 * whether the jobs outlive this process.
 *
 * <p>Choosing the simulator's store: {@code --store DIR} is passed through as the simulator option
 * {@code store}; {@code --store :memory:} asks for the in-memory engine. Without {@code --store}, the
 * commands that work on jobs across invocations use the per-user default store, {@code demo} always
 * uses memory (it must not touch the user's jobs), and {@code download} uses the default store when the
 * simulator has one and memory otherwise (it runs in one process and cancels its job when interrupted).
 */
public final class Session implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Session.class.getPackageName());

    /** What a command needs from the store. */
    public enum Purpose {
        /** Works on jobs across invocations: needs a durable store. */
        PERSISTENT,
        /** Runs a job from start to end in this process: a durable store when there is one, else memory. */
        ONE_SHOT,
        /** The demo: memory unless {@code --store} is given. */
        DEMO
    }

    /** The CLI's application name in the {@link Downloads} API: its registry is {@code apps/bgcopy}. */
    public static final String APPLICATION = "bgcopy";

    /** Null in a session of {@link #downloads}. */
    private final IBackgroundCopyManager manager;
    /** Null in a session of {@link #manager}. */
    private final Downloads downloads;
    private final boolean durable;
    private final String description;
    private final Optional<JobRegistry> registry;
    private final Optional<String> note;

    /** Opens one of the two kinds of session once {@link #open(GlobalOptions, Purpose, Opener)} has chosen. */
    @FunctionalInterface
    private interface Opener {
        /**
         * @param simulatorOptions the simulator's options without {@code store}
         * @param store the simulator's store, or null for memory (and for the OS services)
         */
        Session open(Backend backend, Map<String, String> simulatorOptions, Path store, String description,
                Optional<JobRegistry> registry, Optional<String> note);
    }

    private Session(IBackgroundCopyManager manager, Downloads downloads, boolean durable, String description,
            Optional<JobRegistry> registry, Optional<String> note) {
        this.manager = manager;
        this.downloads = downloads;
        this.durable = durable;
        this.description = description;
        this.registry = registry;
        this.note = note;
        LOG.log(System.Logger.Level.DEBUG, () -> "opened " + description + (durable ? "; jobs outlive this process"
                : "; jobs end with this process"));
    }

    /** Something the user should know about where the jobs live (e.g. a fallback to memory). */
    public Optional<String> note() {
        return note;
    }

    /** Opens the service the options select, for a command with {@code purpose} that works on jobs. */
    public static Session open(GlobalOptions options, Purpose purpose) {
        return open(options, purpose, (backend, simulatorOptions, store, description, registry, note) -> {
            Map<String, String> providerOptions = new HashMap<>(simulatorOptions);
            if (store != null) {
                providerOptions.put("store", store.toString());
            }
            return new Session(BackgroundCopy.open(backend.provider(), providerOptions), null,
                    backend != Backend.SIMULATOR || store != null, description, registry, note);
        });
    }

    /**
     * Opens the {@link Downloads} of the service the options select, for a command with {@code purpose}
     * that runs a download to its end, polling every {@code poll}.
     */
    public static Session openDownloads(GlobalOptions options, Purpose purpose, Duration poll) {
        return open(options, purpose, (backend, simulatorOptions, store, description, registry, note) -> {
            Map<String, String> downloadsOptions = new HashMap<>(simulatorOptions);
            if (backend == Backend.SIMULATOR) {
                downloadsOptions.put(Downloads.OPTION_STORE, store != null ? store.toString() : Downloads.IN_MEMORY);
            }
            downloadsOptions.put(Downloads.OPTION_POLL_MILLIS, Long.toString(Math.max(1, poll.toMillis())));
            return new Session(null, Downloads.open(APPLICATION, backend.provider(), downloadsOptions),
                    backend != Backend.SIMULATOR || store != null, description, registry, note);
        });
    }

    private static Session open(GlobalOptions options, Purpose purpose, Opener opener) {
        Backend backend = options.backend() != null ? options.backend() : Backend.defaultHere();
        if (backend != Backend.SIMULATOR) {
            if (options.store() != null || options.dialect() != null || options.maxTransfers() != null
                    || options.maxRate() != null || options.maxForegroundRate() != null || options.caFile() != null) {
                throw CliException.usage("--store, --dialect, --max-transfers, --max-rate, --max-foreground-rate and "
                        + "--ca-file apply to the simulator backend only, not to --backend "
                        + backend.name().toLowerCase(Locale.ROOT)
                        + " (its limits, caps and trusted CAs are the service's and Windows' policies)",
                        "drop them, or use --backend simulator");
            }
            Path registryFile = AppDirs.dataDirectory().resolve("jobs-" + backend.provider() + ".txt");
            return openProvider(backend, () -> opener.open(backend, Map.of(), null, backend.provider(),
                    Optional.of(new JobRegistry(registryFile)), Optional.empty()), null);
        }
        Map<String, String> simulatorOptions = new HashMap<>();
        if (options.dialect() != null) {
            simulatorOptions.put("dialect", options.dialect().name().toLowerCase(Locale.ROOT));
        }
        if (options.maxTransfers() != null) {
            simulatorOptions.put("maxConcurrentTransfers", options.maxTransfers().toString());
        }
        if (options.maxRate() != null) {
            simulatorOptions.put("maxBackgroundBandwidth", options.maxRate().toString());
        }
        if (options.maxForegroundRate() != null) {
            simulatorOptions.put("maxForegroundBandwidth", options.maxForegroundRate().toString());
        }
        if (options.caFile() != null) {
            try {
                simulatorOptions.put("trustStore", Path.of(options.caFile()).toAbsolutePath().toString());
            } catch (java.nio.file.InvalidPathException e) {
                throw CliException.usage("--ca-file is not a valid path", "give a PEM file of one or more CA certificates");
            }
            checkTrust(backend, simulatorOptions);
        }
        String codes = (options.dialect() == null ? "do" : simulatorOptions.get("dialect")) + " codes";
        String inMemory = "simulator, in memory (" + codes + ")";
        Path store = storeFor(options, purpose);
        if (store == null) {
            return openProvider(backend, () -> opener.open(backend, simulatorOptions, null, inMemory, Optional.empty(),
                    Optional.empty()), null);
        }
        try {
            AppDirs.createPrivateDirectories(store);
        } catch (IOException e) {
            // Not a directory, or not ours: the simulator reports it when it opens the store.
        }
        try {
            return opener.open(backend, simulatorOptions, store, "simulator, store " + store + " (" + codes + ")",
                    Optional.of(new JobRegistry(store.resolve("cli-jobs.txt"))), Optional.empty());
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCode.BACKEND_UNAVAILABLE, "cannot open the simulator store " + store + ": "
                    + e.getMessage() + "; hint: check that the directory is yours and writable, or use --store "
                    + GlobalOptions.IN_MEMORY, e);
        } catch (BackgroundCopyException e) {
            if (e.is(HResult.REGDB_E_CLASSNOTREG)) {
                throw unavailable(backend, e);
            }
            if (purpose == Purpose.ONE_SHOT && options.store() == null) {
                // A download runs start to end in this process: memory serves when the default store
                // cannot (typically another bgcopy command holds it; one process per store).
                Optional<String> note = Optional.of("the job store " + store + " is not available (" + e.hresult()
                        + "); this download keeps its job in memory, and Ctrl-C cancels it");
                return openProvider(backend, () -> opener.open(backend, simulatorOptions, null, inMemory,
                        Optional.empty(), note), e);
            }
            throw CliException.of(ExitCode.BACKEND_UNAVAILABLE, "cannot open the simulator store " + store, e,
                    e.is(HResult.ERROR_SHARING_VIOLATION)
                            ? "another bgcopy command is using this store (one process per store); let it "
                                    + "finish or stop it, or use another --store"
                            : "check that the directory is yours and readable, or use --store "
                                    + GlobalOptions.IN_MEMORY);
        }
    }

    /**
     * Where a command with {@code purpose} keeps state of its own: the simulator's store directory when it
     * uses one, and the per-user data directory (the id registries, the default store) in any case.
     */
    public static List<Path> stateDirectories(GlobalOptions options, Purpose purpose) {
        List<Path> directories = new ArrayList<>();
        Backend backend = options.backend() != null ? options.backend() : Backend.defaultHere();
        if (backend == Backend.SIMULATOR) {
            Path store = storeFor(options, purpose);
            if (store != null) {
                directories.add(store);
            }
        }
        directories.add(AppDirs.dataDirectory());
        return directories;
    }

    private static Path storeFor(GlobalOptions options, Purpose purpose) {
        String store = options.store();
        if (GlobalOptions.IN_MEMORY.equals(store)) {
            return null;
        }
        if (store != null) {
            if (store.isBlank()) {
                throw CliException.usage("--store needs a directory", "give a directory or " + GlobalOptions.IN_MEMORY);
            }
            return Path.of(store).toAbsolutePath().normalize();
        }
        return purpose == Purpose.DEMO ? null : AppDirs.dataDirectory();
    }

    /**
     * Opens the simulator once in memory with the trust options alone, so that a bad {@code --ca-file} is a
     * one-line usage error (exit 2) before any store is touched, not a store or backend failure.
     */
    private static void checkTrust(Backend backend, Map<String, String> simulatorOptions) {
        try (IBackgroundCopyManager probe = BackgroundCopy.open(backend.provider(),
                Map.of("trustStore", simulatorOptions.get("trustStore")))) {
            LOG.log(System.Logger.Level.DEBUG, () -> "--ca-file " + simulatorOptions.get("trustStore") + " is usable");
        } catch (BackgroundCopyException e) {
            if (e.is(HResult.E_INVALIDARG)) {
                throw CliException.of("--ca-file cannot be used", e, "give a PEM file of one or more CA certificates");
            }
            throw unavailable(backend, e);
        }
    }

    /** Runs {@code opening}; a failure means the backend is unavailable (reported as {@code earlier} when given). */
    private static Session openProvider(Backend backend, Supplier<Session> opening,
            BackgroundCopyException earlier) {
        try {
            return opening.get();
        } catch (BackgroundCopyException e) {
            throw unavailable(backend, earlier != null ? earlier : e);
        }
    }

    private static CliException unavailable(Backend backend, BackgroundCopyException e) {
        return CliException.of(ExitCode.BACKEND_UNAVAILABLE, "backend " + backend.name().toLowerCase(Locale.ROOT)
                + " is unavailable", e, Hints.forCode(HResult.REGDB_E_CLASSNOTREG));
    }

    /** Whether jobs outlive this process (an OS service or the simulator's durable store). */
    public boolean durable() {
        return durable;
    }

    /** For people: {@code simulator, in memory (do codes)}. */
    public String description() {
        return description;
    }

    /** The downloads of a session opened with {@link #openDownloads}. */
    public Downloads downloads() {
        return Objects.requireNonNull(downloads, "a session of jobs has no Downloads");
    }

    /** Remembers a job started through {@link #downloads()} for {@link #jobs(boolean)}. */
    public void record(UUID jobId) {
        registry.ifPresent(r -> r.record(jobId));
    }

    /** {@code GetJob}: the live job, or {@link ExitCode#NOT_FOUND}. */
    public IBackgroundCopyJob job(UUID id) {
        try {
            return manager().getJob(id);
        } catch (BackgroundCopyException e) {
            throw CliException.of("no job " + id, e);
        }
    }

    /** {@code CreateJob} of a download job, remembered for {@link #jobs(boolean)}. */
    public IBackgroundCopyJob create(String displayName) {
        IBackgroundCopyJob job;
        try {
            job = manager().createJob(displayName, BgJobType.DOWNLOAD);
        } catch (BackgroundCopyException e) {
            throw CliException.of("cannot create job '" + displayName + "'", e,
                    "a display name is 1 to 256 characters");
        }
        registry.ifPresent(r -> r.record(job.getId()));
        return job;
    }

    /**
     * Adds {@code url -> file} to {@code job}: {@code AddFileWithRanges} where the service has
     * {@code IDeliveryOptimizationJob}, else {@code AddFile} (which cannot take ranges).
     */
    public void addFile(IBackgroundCopyJob job, String url, Path file, List<BgFileRange> ranges) {
        String what = "cannot add " + url + " -> " + file + " to job " + job.getId();
        try {
            if (manager().supportedFeatures().contains(Feature.ADD_FILE_WITH_RANGES)) {
                String fileId = "file-" + (job.getProgress().filesTotal() + 1);
                job.addFileWithRanges(fileId, url, file.toString(), ranges, IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            } else if (ranges.isEmpty()) {
                job.addFile(url, file.toString());
            } else {
                throw rangesUnsupported(what);
            }
        } catch (BackgroundCopyException e) {
            throw CliException.of(what, e);
        }
    }

    /** {@code what} failed because this service has no byte ranges ({@code AddFileWithRanges}): a usage error. */
    public CliException rangesUnsupported(String what) {
        return CliException.usage(what + ": --range needs IDeliveryOptimizationJob::AddFileWithRanges, which "
                + description + " does not have", "use --backend do, or --dialect do with the simulator");
    }

    /**
     * {@code what} failed because this service lacks what the wire options need ({@code E_NOINTERFACE} for
     * {@code IBackgroundCopyJob2} / {@code IBackgroundCopyJobHttpOptions}, {@code E_NOTIMPL} for
     * {@code SetProxySettings}): a usage error.
     */
    public CliException wireUnsupported(String what, BackgroundCopyException e) {
        return CliException.usage(what + ": " + e.hresult() + ": --header, --user, --proxy-user, --proxy, --no-proxy, "
                + "--ssl-ignore, --crl-check, --redirect-policy and --allow-https-to-http need BITS "
                + "(IBackgroundCopyJob2, IBackgroundCopyJobHttpOptions, SetProxySettings), which " + description
                + " does not have", "use --backend bits, or --dialect bits with the simulator");
    }

    /**
     * {@code CreateJob} with the wire options applied before the job is returned; a service that lacks them
     * is refused before the job is created, and a job whose options the service refuses is cancelled.
     * The options' passwords are cleared in any case.
     */
    public IBackgroundCopyJob create(String displayName, WireOptions wire) {
        String what = "cannot create job '" + displayName + "'";
        try {
            checkWire(wire, what);
            IBackgroundCopyJob job = create(displayName);
            try {
                applyWire(job, wire, what);
            } catch (CliException e) {
                try {
                    job.cancel();
                } catch (BackgroundCopyException ended) {
                    e.addSuppressed(ended);
                }
                throw e;
            }
            return job;
        } finally {
            wire.clearPasswords();
        }
    }

    /** Sets the wire options on an existing job; a service that lacks them is refused before any change. */
    public void applyWire(IBackgroundCopyJob job, WireOptions wire, String what) {
        try {
            checkWire(wire, what);
            wire.applyTo(job);
        } catch (BackgroundCopyException e) {
            throw CliException.of(what, e);
        } finally {
            wire.clearPasswords();
        }
    }

    private void checkWire(WireOptions wire, String what) {
        try {
            wire.checkSupportedBy(description, manager().supportedFeatures());
        } catch (BackgroundCopyException e) {
            throw wireUnsupported(what, e);
        }
    }

    /** {@link #jobs(boolean)} read into snapshots, each job reference released once read. */
    public List<JobSnapshot> snapshots(boolean allUsers) {
        List<JobSnapshot> snapshots = new ArrayList<>();
        for (IBackgroundCopyJob job : jobs(allUsers)) {
            try (job) {
                snapshots.add(JobSnapshot.of(job));
            }
        }
        return snapshots;
    }

    /**
     * The caller's live jobs ({@code EnumJobs}), or every user's with {@code allUsers}. Delivery
     * Optimization has no {@code EnumJobs} (E_NOTIMPL): there the jobs this CLI created and that are
     * still in the queue are listed.
     */
    public List<IBackgroundCopyJob> jobs(boolean allUsers) {
        try (IEnumBackgroundCopyJobs e = manager().enumJobs(allUsers ? IBackgroundCopyManager.BG_JOB_ENUM_ALL_USERS : 0)) {
            return List.copyOf(e.next(e.getCount()));
        } catch (BackgroundCopyException e) {
            if (!e.is(HResult.E_NOTIMPL)) {
                throw CliException.of("cannot list the jobs", e);
            }
        }
        List<IBackgroundCopyJob> jobs = new ArrayList<>();
        List<UUID> live = new ArrayList<>();
        for (UUID id : registry.map(JobRegistry::ids).orElse(List.of())) {
            try {
                jobs.add(manager().getJob(id));
                live.add(id);
            } catch (BackgroundCopyException e) {
                if (!SemanticError.NOT_FOUND.matches(e.hresult())) {
                    throw CliException.of("cannot read job " + id, e);
                }
            }
        }
        registry.ifPresent(r -> r.retain(live));
        return jobs;
    }

    private IBackgroundCopyManager manager() {
        return Objects.requireNonNull(manager, "a session of downloads has no manager");
    }

    @Override
    public void close() {
        if (downloads != null) {
            downloads.close();
        } else {
            manager.close();
        }
    }
}
