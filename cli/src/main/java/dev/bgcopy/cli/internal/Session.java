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
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One command's connection to a transfer service: the {@link IBackgroundCopyManager} chosen by the
 * global options, whether its jobs outlive this process, and the few job operations every command
 * shares (find by id, create, add a file, list).
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

    private final IBackgroundCopyManager manager;
    private final boolean durable;
    private final String description;
    private final Optional<JobRegistry> registry;
    private final Optional<String> note;

    private Session(IBackgroundCopyManager manager, boolean durable, String description,
            Optional<JobRegistry> registry) {
        this(manager, durable, description, registry, Optional.empty());
    }

    private Session(IBackgroundCopyManager manager, boolean durable, String description,
            Optional<JobRegistry> registry, Optional<String> note) {
        this.manager = manager;
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

    /** Opens the service the options select, for a command with {@code purpose}. */
    public static Session open(GlobalOptions options, Purpose purpose) {
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
            IBackgroundCopyManager manager = openProvider(backend, Map.of(), null);
            Path registryFile = AppDirs.dataDirectory().resolve("jobs-" + backend.provider() + ".txt");
            return new Session(manager, true, backend.provider(), Optional.of(new JobRegistry(registryFile)));
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
        Path store = storeFor(options, purpose);
        if (store == null) {
            return new Session(openProvider(backend, simulatorOptions, null), false,
                    "simulator, in memory (" + codes + ")", Optional.empty());
        }
        Map<String, String> withStore = new HashMap<>(simulatorOptions);
        withStore.put("store", store.toString());
        try {
            OwnerOnly.createDirectories(store);
        } catch (IOException e) {
            // Not a directory, or not ours: the simulator reports it when it opens the store.
        }
        try {
            IBackgroundCopyManager manager = BackgroundCopy.open(backend.provider(), withStore);
            return new Session(manager, true, "simulator, store " + store + " (" + codes + ")",
                    Optional.of(new JobRegistry(store.resolve("cli-jobs.txt"))));
        } catch (BackgroundCopyException e) {
            if (e.is(HResult.REGDB_E_CLASSNOTREG)) {
                throw unavailable(backend, e);
            }
            if (purpose == Purpose.ONE_SHOT && options.store() == null) {
                // A download runs start to end in this process: memory serves when the default store
                // cannot (typically another bgcopy command holds it; one process per store).
                return new Session(openProvider(backend, simulatorOptions, e), false,
                        "simulator, in memory (" + codes + ")", Optional.empty(),
                        Optional.of("the job store " + store + " is not available (" + e.hresult()
                                + "); this download keeps its job in memory, and Ctrl-C cancels it"));
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

    private static IBackgroundCopyManager openProvider(Backend backend, Map<String, String> providerOptions,
            BackgroundCopyException earlier) {
        try {
            return BackgroundCopy.open(backend.provider(), providerOptions);
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

    /** {@code GetJob}: the live job, or {@link ExitCode#NOT_FOUND}. */
    public IBackgroundCopyJob job(UUID id) {
        try {
            return manager.getJob(id);
        } catch (BackgroundCopyException e) {
            throw CliException.of("no job " + id, e);
        }
    }

    /** {@code CreateJob} of a download job, remembered for {@link #jobs(boolean)}. */
    public IBackgroundCopyJob create(String displayName) {
        IBackgroundCopyJob job;
        try {
            job = manager.createJob(displayName, BgJobType.DOWNLOAD);
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
            if (manager.supportedFeatures().contains(Feature.ADD_FILE_WITH_RANGES)) {
                String fileId = "file-" + (job.getProgress().filesTotal() + 1);
                job.addFileWithRanges(fileId, url, file.toString(), ranges, IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            } else if (ranges.isEmpty()) {
                job.addFile(url, file.toString());
            } else {
                throw CliException.usage(what + ": --range needs IDeliveryOptimizationJob::AddFileWithRanges, which "
                        + description + " does not have", "use --backend do, or --dialect do with the simulator");
            }
        } catch (BackgroundCopyException e) {
            throw CliException.of(what, e);
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
        try (IEnumBackgroundCopyJobs e = manager.enumJobs(allUsers ? IBackgroundCopyManager.BG_JOB_ENUM_ALL_USERS : 0)) {
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
                jobs.add(manager.getJob(id));
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

    /** Cancels {@code job}, ignoring a job that is already gone: used to leave nothing behind. */
    public static void cancelQuietly(IBackgroundCopyJob job) {
        try {
            job.cancel();
        } catch (BackgroundCopyException e) {
            // Already terminal: nothing is left to clean up.
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
