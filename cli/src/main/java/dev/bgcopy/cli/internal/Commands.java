package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.downloads.DownloadRequest;
import dev.bgcopy.api.downloads.WireOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code bgcopy} commands. Each is a thin layer over {@link Session} and the job's methods, built
 * with the run's {@link CliContext}; {@code download}, {@code wait} and the demo run a download of the
 * {@link dev.bgcopy.api.downloads.Downloads} API to its end through {@link Follower}.
 */
public final class Commands {

    /** How often {@code download} and {@code wait} poll their job and may refresh the progress display. */
    private static final Duration POLL = Duration.ofMillis(100);

    private Commands() {
    }

    /**
     * Adds every command to {@code root}, in the order the usage lists them, each built with
     * {@code context}. Call it before configuring {@code root}: picocli applies a setting only to the
     * subcommands present when it is made.
     */
    public static void addTo(CommandLine root, CliContext context) {
        root.addSubcommand(new Download(context));
        root.addSubcommand(new Create(context));
        root.addSubcommand(new Add(context));
        for (StateChange change : StateChange.values()) {
            root.addSubcommand(change.word(), StateCommand.line(context, change));
        }
        root.addSubcommand(new Info(context));
        root.addSubcommand(new ListJobs(context));
        root.addSubcommand(new Wait(context));
        root.addSubcommand(new Monitor(context));
        root.addSubcommand(new Demo(context));
        root.addSubcommand(new CommandLine.HelpCommand());
    }

    /** What every command has: the run's context. */
    abstract static class JobCommand implements Callable<Integer> {

        final CliContext context;

        JobCommand(CliContext context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        PrintStream out() {
            return context.out();
        }

        PrintStream err() {
            return context.err();
        }

        Session session(Session.Purpose purpose) {
            return context.session(purpose);
        }
    }

    /** {@code download URL FILE}: create, add, resume, follow, complete. */
    @Command(mixinStandardHelpOptions = true, name = "download", description = "Download URL to FILE: create a job, add the file, resume, follow "
            + "it with a progress bar, complete it. Ctrl-C suspends the job (or cancels it when jobs are kept in memory).")
    static final class Download extends JobCommand {

        Download(CliContext context) {
            super(context);
        }

        @Parameters(index = "0", paramLabel = "URL", description = "http, https or file URL")
        String url;

        @Parameters(index = "1", paramLabel = "FILE", description = "destination; it appears only when complete")
        String file;

        @Option(names = "--range", paramLabel = "OFFSET:LENGTH", converter = Ranges.class,
                description = "Download only these bytes (repeatable); LENGTH may be 'eof'.")
        List<BgFileRange> ranges = new ArrayList<>();

        @Option(names = "--priority", paramLabel = "foreground|high|normal|low", description = "Default: normal.")
        BgJobPriority priority = BgJobPriority.NORMAL;

        @Option(names = "--name", paramLabel = "NAME", description = "Job display name. Default: bgcopy FILE-NAME.")
        String name;

        @Option(names = "--json", description = "Print the completed job as JSON on stdout.")
        boolean json;

        @Option(names = "--no-progress-timeout", paramLabel = "DURATION", converter = Durations.class,
                description = "Give up (ERROR, exit 1) after this long without progress, e.g. 30s; "
                        + "default: the service's (DO: 1 day, BITS: 14 days).")
        Duration noProgressTimeout;

        @Mixin
        WireOptionsMixin wire;

        /** The download once started: what Ctrl-C suspends or cancels. */
        private final AtomicReference<dev.bgcopy.api.downloads.Download> started = new AtomicReference<>();

        @Override
        public Integer call() {
            Target target = Target.of(url, file);
            for (java.nio.file.Path state : Session.stateDirectories(context.options(), Session.Purpose.ONE_SHOT)) {
                target.requireOutside(state, "bgcopy's own data directory");
            }
            String displayName = name != null ? name : target.automaticDisplayName();
            DownloadRequest request = request(target, displayName, wire.resolve(context.terminal()));
            try (Session session = context.downloads(Session.Purpose.ONE_SHOT, POLL);
                    Interruption interruption = Interruption.onInterrupt(() -> interrupted(session, started.get()))) {
                session.note().ifPresent(note -> err().println("bgcopy: note: " + Printable.text(note)));
                // The job is created and started while Ctrl-C waits, so an interruption always sees it.
                boolean ran = interruption.runUninterrupted(() -> started.set(start(session, request)));
                if (!ran) {
                    return ExitCode.INTERRUPTED;
                }
                dev.bgcopy.api.downloads.Download download = started.get();
                long began = System.nanoTime();
                try (ProgressDisplay display = context.display(target.file().getFileName().toString())) {
                    Optional<java.nio.file.Path> completed = new Follower(download, display, interruption, POLL)
                            .followToCompletion(null, 0, new Follower.Ending("download of " + url + " failed",
                                    "the job was cancelled; nothing was written to " + target.file(), "by someone else",
                                    failed -> {
                                        if (json) {
                                            out().println(JobJson.object(JobSnapshot.ofFailed(failed)));
                                        }
                                    }));
                    if (completed.isEmpty()) {
                        return ExitCode.INTERRUPTED;
                    }
                    display.close();
                    Duration took = Duration.ofNanos(System.nanoTime() - began);
                    if (json) {
                        out().println(JobJson.object(JobSnapshot.of(download.job().orElseThrow())));
                    } else {
                        long bytes = download.progress().bytesTransferred();
                        out().println("downloaded " + Units.bytes(bytes) + " (" + Long.toUnsignedString(bytes)
                                + " bytes) to " + Printable.text(target.file()) + " in " + Units.duration(took) + ", "
                                + Units.rate(bytes / Math.max(1e-3, took.toNanos() / 1e9)));
                    }
                    return ExitCode.OK;
                }
            }
        }

        /**
         * The request, or a usage error naming the argument the API refused. It is named by its FILE, so
         * that only downloads into one file exclude each other (the tail of a path too long for a name).
         */
        private DownloadRequest request(Target target, String displayName, WireOptions wireOptions) {
            String key = target.file().toAbsolutePath().toString();
            try {
                DownloadRequest.Builder builder = DownloadRequest.builder(java.net.URI.create(target.url()),
                        target.file().toAbsolutePath())
                        .name(key.substring(Math.max(0, key.length() - DownloadRequest.MAX_NAME_LENGTH)))
                        .displayName(displayName).priority(priority).ranges(ranges);
                if (noProgressTimeout != null) {
                    builder.noProgressTimeout(noProgressTimeout);
                }
                return builder.wire(wireOptions).build();
            } catch (IllegalArgumentException e) {
                throw CliException.usage("cannot download " + url + " to " + target.file() + ": " + e.getMessage(),
                        "see 'bgcopy download --help'");
            } finally {
                wireOptions.clearPasswords();
            }
        }

        /** Starts the download: the API creates, fills and resumes the job, and cancels it when a step fails. */
        private dev.bgcopy.api.downloads.Download start(Session session, DownloadRequest request) {
            dev.bgcopy.api.downloads.Download download;
            try {
                download = session.downloads().start(request);
            } catch (BackgroundCopyException e) {
                if (e.is(HResult.E_NOINTERFACE) && !request.ranges().isEmpty()) {
                    throw session.rangesUnsupported("cannot download " + url + " to " + file);
                }
                if ((e.is(HResult.E_NOINTERFACE) || e.is(HResult.E_NOTIMPL)) && !request.wire().isEmpty()) {
                    throw session.wireUnsupported("cannot download " + url + " to " + file, e);
                }
                throw CliException.of("cannot start the download of " + url, e);
            } catch (IllegalStateException e) {
                String job = session.downloads().find(request.name()).map(d -> d.id().toString()).orElse("ID");
                throw new CliException(ExitCode.FAILED, "cannot start the download of " + url + ": job " + job
                        + " is already downloading into " + Printable.text(file) + "; hint: 'bgcopy resume " + job
                        + " && bgcopy wait " + job + "' finishes it, 'bgcopy cancel " + job + "' drops it", e);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("cannot start the download of " + url + ": " + e.getMessage(),
                        "choose another FILE");
            }
            session.record(download.id());
            return download;
        }

        private void interrupted(Session session, dev.bgcopy.api.downloads.Download download) {
            if (download == null) {
                err().println("bgcopy: interrupted before the job was created; nothing to clean up");
                return;
            }
            try {
                if (session.durable()) {
                    download.suspend();
                    err().println();
                    err().println("bgcopy: interrupted: job " + download.id() + " is suspended; resume it with: bgcopy resume "
                            + download.id() + " && bgcopy wait " + download.id());
                } else {
                    download.cancel();
                    err().println();
                    err().println("bgcopy: interrupted: the download was cancelled, because its job cannot outlive this "
                            + "process (" + session.description() + "); run the same command again to start over");
                }
            } catch (BackgroundCopyException | IllegalStateException e) {
                err().println("bgcopy: interrupted: job " + download.id() + " could not be suspended: "
                        + (e instanceof BackgroundCopyException bce ? bce.hresult() : e.getMessage()));
            }
        }
    }

    /** {@code create NAME}: a new, empty, suspended job; prints its id. */
    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create a suspended download job and print its id; the wire options apply to the job.")
    static final class Create extends JobCommand {

        Create(CliContext context) {
            super(context);
        }

        @Parameters(index = "0", paramLabel = "NAME", description = "display name (1 to 256 characters)")
        String name;

        @Mixin
        WireOptionsMixin wire;

        @Override
        public Integer call() {
            WireOptions wireOptions = wire.resolve(context.terminal());
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                out().println(session.create(name, wireOptions).getId());
                return ExitCode.OK;
            } finally {
                wireOptions.clearPasswords();
            }
        }
    }

    /** {@code add ID URL FILE}: adds a file to a job. */
    @Command(mixinStandardHelpOptions = true, name = "add", description = "Add URL -> FILE to job ID. The wire options given replace the job's settings of their kind "
            + "(headers, credentials of that target and scheme, proxy, security flags); those not given stay.")
    static final class Add extends JobCommand {

        Add(CliContext context) {
            super(context);
        }

        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Parameters(index = "1", paramLabel = "URL")
        String url;

        @Parameters(index = "2", paramLabel = "FILE")
        String file;

        @Option(names = "--range", paramLabel = "OFFSET:LENGTH", converter = Ranges.class,
                description = "Download only these bytes (repeatable); LENGTH may be 'eof'.")
        List<BgFileRange> ranges = new ArrayList<>();

        @Mixin
        WireOptionsMixin wire;

        @Override
        public Integer call() {
            Target target = Target.of(url, file);
            WireOptions wireOptions = wire.resolve(context.terminal());
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                IBackgroundCopyJob job = session.job(id);
                session.applyWire(job, wireOptions, "cannot set the options of job " + id);
                session.addFile(job, target.url(), target.file(), ranges);
                out().println("added " + Printable.text(target.url()) + " -> " + Printable.text(target.file()) + " to job " + id);
                return ExitCode.OK;
            } finally {
                wireOptions.clearPasswords();
            }
        }
    }

    /** The state-changing calls that are a command each: {@code resume ID}, {@code suspend ID}, ... */
    enum StateChange {
        RESUME("Resume job ID (queue it for transfer).", job -> {
            job.resume();
            return HResult.S_OK;
        }),
        SUSPEND("Suspend job ID.", job -> {
            job.suspend();
            return HResult.S_OK;
        }),
        CANCEL("Cancel job ID and delete its temporary files.", job -> {
            job.cancel();
            return HResult.S_OK;
        }),
        COMPLETE("Complete job ID: move its transferred files into place.", IBackgroundCopyJob::complete);

        private final String description;
        private final Function<IBackgroundCopyJob, HResult> call;

        StateChange(String description, Function<IBackgroundCopyJob, HResult> call) {
            this.description = description;
            this.call = call;
        }

        /** The command name, which is also the verb of its messages. */
        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code resume|suspend|cancel|complete ID}: one state-changing call on a job, named by its {@link StateChange}. */
    @Command(mixinStandardHelpOptions = true)
    static final class StateCommand extends JobCommand {

        private final StateChange change;

        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        private StateCommand(CliContext context, StateChange change) {
            super(context);
            this.change = change;
        }

        /** The command line of {@code change}: its name and description are the change's. */
        static CommandLine line(CliContext context, StateChange change) {
            CommandSpec spec = CommandSpec.forAnnotatedObject(new StateCommand(context, change));
            spec.name(change.word());
            spec.usageMessage().description(change.description);
            return new CommandLine(spec);
        }

        @Override
        public Integer call() {
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                IBackgroundCopyJob job = session.job(id);
                HResult hr;
                try {
                    hr = change.call.apply(job);
                } catch (BackgroundCopyException e) {
                    throw CliException.of("cannot " + change.word() + " job " + id, e);
                }
                out().println("job " + id + ": " + change.word() + " -> " + job.getState()
                        + (hr.equals(HResult.S_OK) ? "" : " (" + hr + ")"));
                return ExitCode.OK;
            }
        }
    }

    /** {@code info ID}. */
    @Command(mixinStandardHelpOptions = true, name = "info", description = "Show job ID: state, progress, times, error, wire options (header names, proxy, "
            + "security flags; never a header value or a password), files.")
    static final class Info extends JobCommand {

        Info(CliContext context) {
            super(context);
        }

        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Option(names = "--json", description = "One JSON object.")
        boolean json;

        @Override
        public Integer call() {
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                IBackgroundCopyJob job = session.job(id);
                JobSnapshot s = JobSnapshot.of(job);
                Optional<WireSnapshot> wire = WireSnapshot.of(job);
                if (json) {
                    out().println(JobJson.object(s, wire));
                    return ExitCode.OK;
                }
                PrintStream o = out();
                o.println("id:           " + s.id());
                o.println("name:         " + Printable.text(s.displayName()));
                o.println("state:        " + s.state());
                o.println("priority:     " + s.priority());
                o.println("bytes:        " + bytes(s.progress()));
                o.println("files:        " + s.progress().filesTransferred() + " / " + s.progress().filesTotal());
                o.println("created:      " + s.times().creationTime());
                o.println("modified:     " + s.times().modificationTime());
                o.println("transferred:  " + s.times().transferCompleted().map(Object::toString).orElse("-"));
                o.println("error:        " + s.error().map(e -> e.code() + " in " + e.context() + ": " + Printable.text(e.description()))
                        .orElse("none"));
                wire.ifPresent(w -> w.lines().forEach(o::println));
                try (IEnumBackgroundCopyFiles files = job.enumFiles()) {
                    for (IBackgroundCopyFile f : files.next(files.getCount())) {
                        o.println("file:         " + Printable.text(f.getRemoteName()) + " -> " + Printable.text(f.getLocalName()) + " ("
                                + Long.toUnsignedString(f.getProgress().bytesTransferred()) + "/"
                                + (f.getProgress().isBytesTotalKnown() ? Long.toUnsignedString(f.getProgress().bytesTotal())
                                        : "unknown") + " bytes" + (f.getProgress().completed() ? ", completed" : "") + ")");
                    }
                }
                return ExitCode.OK;
            }
        }
    }

    /** {@code list}. */
    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the jobs in the queue.")
    static final class ListJobs extends JobCommand {

        ListJobs(CliContext context) {
            super(context);
        }

        @Option(names = "--all", description = "Every user's jobs (BITS; administrators only).")
        boolean all;

        @Option(names = "--json", description = "One JSON array.")
        boolean json;

        @Override
        public Integer call() {
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                List<JobSnapshot> jobs = session.snapshots(all);
                if (json) {
                    out().println(JobJson.array(jobs));
                } else {
                    out().print(table(jobs));
                }
                return ExitCode.OK;
            }
        }
    }

    /** {@code wait ID}: until TRANSFERRED (then complete) or ERROR. */
    @Command(mixinStandardHelpOptions = true, name = "wait", description = "Wait until job ID is TRANSFERRED, then complete it; or until it is in ERROR.")
    static final class Wait extends JobCommand {

        Wait(CliContext context) {
            super(context);
        }

        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.Timeout.class,
                description = "Give up after this long (e.g. 90s, 5m, 1h30m; at most 365 days); exit code 5.")
        Duration timeout;

        @Override
        public Integer call() {
            // The deadline counts from the command's start: opening a store can take a while.
            long started = System.nanoTime();
            try (Session session = context.downloads(Session.Purpose.PERSISTENT, POLL)) {
                dev.bgcopy.api.downloads.Download download;
                try {
                    download = session.downloads().adopt(id);
                } catch (BackgroundCopyException e) {
                    throw CliException.of("no job " + id, e);
                }
                if (download.state() == BgJobState.SUSPENDED) {
                    err().println("bgcopy: job " + id + " is suspended; it moves only after 'bgcopy resume " + id + "'");
                }
                String task = download.job().map(IBackgroundCopyJob::getDisplayName).orElse(download.name());
                try (Interruption interruption = Interruption.onInterrupt(() -> err().println(
                        "\nbgcopy: stopped waiting; job " + id + " goes on in the background"));
                        ProgressDisplay display = context.display(task)) {
                    Optional<java.nio.file.Path> completed = new Follower(download, display, interruption, POLL)
                            .followToCompletion(timeout, started, new Follower.Ending("job " + id + " failed",
                                    "fix the cause, then 'bgcopy resume " + id + "', or 'bgcopy cancel " + id + "'",
                                    "while waiting", failed -> { }));
                    if (completed.isEmpty()) {
                        return ExitCode.INTERRUPTED;
                    }
                    display.close();
                    out().println("job " + id + ": transferred and completed");
                    return ExitCode.OK;
                }
            }
        }
    }

    /** {@code monitor}: a live table until Ctrl-C. */
    @Command(mixinStandardHelpOptions = true, name = "monitor", description = "Show a live table of the jobs until Ctrl-C.")
    static final class Monitor extends JobCommand {

        Monitor(CliContext context) {
            super(context);
        }

        @Option(names = "--interval", paramLabel = "DURATION", converter = Durations.Interval.class,
                description = "Refresh period, from 100ms to 1 day. Default: 1s.")
        Duration interval = Duration.ofSeconds(1);

        @Override
        public Integer call() {
            try (Session session = session(Session.Purpose.PERSISTENT);
                    Interruption interruption = Interruption.onInterrupt(() -> { })) {
                boolean terminal = context.errIsTerminal() && System.console() != null;
                boolean first = true;
                while (!interruption.fired()) {
                    List<JobSnapshot> jobs = session.snapshots(false);
                    if (terminal) {
                        out().print("\u001b[H\u001b[2J");
                    }
                    out().println("bgcopy monitor: " + Printable.text(session.description()) + ", " + java.time.LocalTime.now()
                            .withNano(0) + " (Ctrl-C to stop)");
                    out().print(table(jobs));
                    out().flush();
                    if (first) {
                        err().println("bgcopy: monitoring " + Printable.text(session.description()) + "; Ctrl-C to stop");
                        first = false;
                    }
                    interruption.pause(interval.toNanos());
                }
                return ExitCode.INTERRUPTED;
            }
        }
    }

    /** The demo. */
    @Command(mixinStandardHelpOptions = true, name = "demo", description = "A real download over HTTP on 127.0.0.1 of a generated 256 MiB file: "
            + "suspended at 40%%, resumed with a Range request, completed and verified by SHA-256. "
            + "Uses the in-memory simulator unless --store is given, so your jobs are never touched.")
    static final class Demo extends JobCommand {

        Demo(CliContext context) {
            super(context);
        }

        @Option(names = "--size", hidden = true, converter = Sizes.class, description = "Content size (tests).")
        long size = DemoRun.DEFAULT_SIZE;

        @Option(names = "--rate", hidden = true, converter = Sizes.class,
                description = "Serve at most this many bytes per second (tests); 0 = unlimited.")
        long rate;

        @Option(names = "--keep", description = "Keep the downloaded file (it is deleted after verification by default).")
        boolean keep;

        @Override
        public Integer call() throws Exception {
            return new DemoRun(context, size, rate, keep).call();
        }
    }

    static String bytes(BgJobProgress p) {
        StringBuilder b = new StringBuilder(Units.bytes(p.bytesTransferred()));
        if (p.isBytesTotalKnown()) {
            b.append(" / ").append(Units.bytes(p.bytesTotal()));
            p.fractionComplete().ifPresent(f -> b.append(" (").append(Units.percent(f)).append(')'));
        } else {
            b.append(" / unknown");
        }
        return b.toString();
    }

    static String table(List<JobSnapshot> jobs) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-36s  %-15s  %-10s  %-32s  %-5s  %s%n",
                "ID", "STATE", "PRIORITY", "BYTES", "FILES", "NAME"));
        for (JobSnapshot j : jobs) {
            b.append(String.format(Locale.ROOT, "%-36s  %-15s  %-10s  %-32s  %-5s  %s%n", j.id(), j.state(), j.priority(),
                    bytes(j.progress()), j.progress().filesTransferred() + "/" + j.progress().filesTotal(),
                    Printable.text(j.displayName())));
        }
        if (jobs.isEmpty()) {
            b.append("(no jobs)").append(System.lineSeparator());
        }
        return b.toString();
    }
}
