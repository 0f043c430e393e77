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
import dev.bgcopy.cli.Bgcopy;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code bgcopy} commands. Each is a thin layer over {@link Session} and the job's methods; what
 * they share (following a job, reporting its end) lives in {@link JobCommand}.
 */
public final class Commands {

    private Commands() {
    }

    /** What every command has: the root command (global options, streams) and the session helpers. */
    abstract static class JobCommand implements Callable<Integer> {

        @ParentCommand
        Bgcopy root;

        PrintStream out() {
            return root.out();
        }

        PrintStream err() {
            return root.err();
        }

        Session session(Session.Purpose purpose) {
            return Session.open(root.globalOptions(), purpose);
        }

        /** A progress display on stderr, or none when stderr is not a terminal and {@code quiet}. */
        ProgressDisplay display(String task, boolean quiet) {
            if (quiet && !root.errIsTerminal()) {
                return ProgressDisplay.none();
            }
            return ProgressDisplay.on(err(), task, root.errIsTerminal());
        }

        /** Completes a TRANSFERRED job unless interrupted; the success code (S_OK, BG_S_PARTIAL_COMPLETE). */
        static HResult complete(IBackgroundCopyJob job, Interruption interruption) {
            HResult[] result = {null};
            interruption.runUninterrupted(() -> {
                try {
                    result[0] = job.complete();
                } catch (BackgroundCopyException e) {
                    throw CliException.of("cannot complete job " + job.getId(), e);
                }
            });
            return result[0];
        }

        /** The failure for a job that ended in ERROR: its code, context and a hint. */
        static CliException jobError(String what, IBackgroundCopyJob job, String hint) {
            return JobSnapshot.ErrorInfo.of(job)
                    .map(e -> CliException.jobFailed(what, e.code(), e.context(), e.description() + "; " + hint))
                    .orElseGet(() -> new CliException(ExitCode.FAILED, what + ": the job is in ERROR; hint: " + hint, null));
        }
    }

    /** {@code download URL FILE}: create, add, resume, follow, complete. */
    @Command(mixinStandardHelpOptions = true, name = "download", description = "Download URL to FILE: create a job, add the file, resume, follow "
            + "it with a progress bar, complete it. Ctrl-C suspends the job (or cancels it when jobs are kept in memory).")
    public static final class Download extends JobCommand {

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

        /** The job once created: what Ctrl-C suspends or cancels. */
        private final AtomicReference<IBackgroundCopyJob> started = new AtomicReference<>();

        @Override
        public Integer call() {
            Target target = Target.of(url, file);
            String displayName = name != null ? name : "bgcopy " + target.file().getFileName();
            try (Session session = session(Session.Purpose.ONE_SHOT);
                    Interruption interruption = Interruption.onInterrupt(() -> interrupted(session, started.get()))) {
                session.note().ifPresent(note -> err().println("bgcopy: note: " + note));
                // The job is created and started while Ctrl-C waits, so an interruption always sees it.
                boolean ran = interruption.runUninterrupted(() -> started.set(start(session, target, displayName)));
                if (!ran) {
                    return ExitCode.INTERRUPTED;
                }
                IBackgroundCopyJob job = started.get();
                UUID id = job.getId();
                long began = System.nanoTime();
                try (ProgressDisplay display = display(target.file().getFileName().toString(), false)) {
                    Follower.Outcome outcome = new Follower(job, display, interruption, Duration.ofMillis(100)).follow();
                    switch (outcome) {
                        case TRANSFERRED -> {
                            HResult hr = complete(job, interruption);
                            if (hr == null) {
                                return ExitCode.INTERRUPTED;
                            }
                            display.close();
                            Duration took = Duration.ofNanos(System.nanoTime() - began);
                            JobSnapshot done = JobSnapshot.of(job);
                            if (json) {
                                out().println(JobJson.object(done));
                            } else {
                                long bytes = done.progress().bytesTransferred();
                                out().println("downloaded " + Units.bytes(bytes) + " (" + Long.toUnsignedString(bytes)
                                        + " bytes) to " + target.file() + " in " + Units.duration(took) + ", "
                                        + Units.rate(bytes / Math.max(1e-3, took.toNanos() / 1e9))
                                        + (hr.equals(HResult.S_OK) ? "" : " (" + hr + ")"));
                            }
                            return ExitCode.OK;
                        }
                        case ERROR -> {
                            CliException failure = jobError("download of " + url + " failed", job,
                                    "the job was cancelled; nothing was written to " + target.file());
                            if (json) {
                                out().println(JobJson.object(JobSnapshot.of(job)));
                            }
                            Session.cancelQuietly(job);
                            throw failure;
                        }
                        case GONE -> throw new CliException(ExitCode.FAILED, "job " + id + " was "
                                + job.getState().name().toLowerCase(Locale.ROOT) + " by someone else; hint: see 'bgcopy list'", null);
                        default -> {
                            return ExitCode.INTERRUPTED;
                        }
                    }
                }
            }
        }

        /** Creates, fills and resumes the job; cancels it again when any step fails. */
        private IBackgroundCopyJob start(Session session, Target target, String displayName) {
            IBackgroundCopyJob job = session.create(displayName);
            try {
                job.setPriority(priority);
                if (noProgressTimeout != null) {
                    job.setNoProgressTimeout(noProgressTimeout.toSeconds());
                }
                session.addFile(job, target.url(), target.file(), ranges);
                job.resume();
                return job;
            } catch (RuntimeException e) {
                Session.cancelQuietly(job);
                if (e instanceof BackgroundCopyException bce) {
                    throw CliException.of("cannot start the download of " + url, bce);
                }
                throw e;
            }
        }

        private void interrupted(Session session, IBackgroundCopyJob job) {
            if (job == null) {
                err().println("bgcopy: interrupted before the job was created; nothing to clean up");
                return;
            }
            try {
                if (session.durable()) {
                    job.suspend();
                    err().println();
                    err().println("bgcopy: interrupted: job " + job.getId() + " is suspended; resume it with: bgcopy resume "
                            + job.getId() + " && bgcopy wait " + job.getId());
                } else {
                    job.cancel();
                    err().println();
                    err().println("bgcopy: interrupted: the download was cancelled, because its job cannot outlive this "
                            + "process (" + session.description() + "); run the same command again to start over");
                }
            } catch (BackgroundCopyException e) {
                err().println("bgcopy: interrupted: job " + job.getId() + " could not be suspended: " + e.hresult());
            }
        }
    }

    /** {@code create NAME}: a new, empty, suspended job; prints its id. */
    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create a suspended download job and print its id.")
    public static final class Create extends JobCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "display name (1 to 256 characters)")
        String name;

        @Override
        public Integer call() {
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                out().println(session.create(name).getId());
                return ExitCode.OK;
            }
        }
    }

    /** {@code add ID URL FILE}: adds a file to a job. */
    @Command(mixinStandardHelpOptions = true, name = "add", description = "Add URL -> FILE to job ID.")
    public static final class Add extends JobCommand {

        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Parameters(index = "1", paramLabel = "URL")
        String url;

        @Parameters(index = "2", paramLabel = "FILE")
        String file;

        @Option(names = "--range", paramLabel = "OFFSET:LENGTH", converter = Ranges.class,
                description = "Download only these bytes (repeatable); LENGTH may be 'eof'.")
        List<BgFileRange> ranges = new ArrayList<>();

        @Override
        public Integer call() {
            Target target = Target.of(url, file);
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                session.addFile(session.job(id), target.url(), target.file(), ranges);
                out().println("added " + target.url() + " -> " + target.file() + " to job " + id);
                return ExitCode.OK;
            }
        }
    }

    /** The commands that make one state-changing call on a job. */
    abstract static class StateCommand extends JobCommand {

        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        abstract String verb();

        abstract HResult apply(IBackgroundCopyJob job);

        @Override
        public Integer call() {
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                IBackgroundCopyJob job = session.job(id);
                HResult hr;
                try {
                    hr = apply(job);
                } catch (BackgroundCopyException e) {
                    throw CliException.of("cannot " + verb() + " job " + id, e);
                }
                out().println("job " + id + ": " + verb() + " -> " + job.getState()
                        + (hr.equals(HResult.S_OK) ? "" : " (" + hr + ")"));
                return ExitCode.OK;
            }
        }
    }

    /** {@code resume ID}. */
    @Command(mixinStandardHelpOptions = true, name = "resume", description = "Resume job ID (queue it for transfer).")
    public static final class Resume extends StateCommand {
        @Override
        String verb() {
            return "resume";
        }

        @Override
        HResult apply(IBackgroundCopyJob job) {
            job.resume();
            return HResult.S_OK;
        }
    }

    /** {@code suspend ID}. */
    @Command(mixinStandardHelpOptions = true, name = "suspend", description = "Suspend job ID.")
    public static final class Suspend extends StateCommand {
        @Override
        String verb() {
            return "suspend";
        }

        @Override
        HResult apply(IBackgroundCopyJob job) {
            job.suspend();
            return HResult.S_OK;
        }
    }

    /** {@code cancel ID}. */
    @Command(mixinStandardHelpOptions = true, name = "cancel", description = "Cancel job ID and delete its temporary files.")
    public static final class Cancel extends StateCommand {
        @Override
        String verb() {
            return "cancel";
        }

        @Override
        HResult apply(IBackgroundCopyJob job) {
            job.cancel();
            return HResult.S_OK;
        }
    }

    /** {@code complete ID}. */
    @Command(mixinStandardHelpOptions = true, name = "complete", description = "Complete job ID: move its transferred files into place.")
    public static final class Complete extends StateCommand {
        @Override
        String verb() {
            return "complete";
        }

        @Override
        HResult apply(IBackgroundCopyJob job) {
            return job.complete();
        }
    }

    /** {@code info ID}. */
    @Command(mixinStandardHelpOptions = true, name = "info", description = "Show job ID: state, progress, times, error, files.")
    public static final class Info extends JobCommand {

        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Option(names = "--json", description = "One JSON object.")
        boolean json;

        @Override
        public Integer call() {
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                IBackgroundCopyJob job = session.job(id);
                JobSnapshot s = JobSnapshot.of(job);
                if (json) {
                    out().println(JobJson.object(s));
                    return ExitCode.OK;
                }
                PrintStream o = out();
                o.println("id:           " + s.id());
                o.println("name:         " + s.displayName());
                o.println("state:        " + s.state());
                o.println("priority:     " + s.priority());
                o.println("bytes:        " + bytes(s.progress()));
                o.println("files:        " + s.progress().filesTransferred() + " / " + s.progress().filesTotal());
                o.println("created:      " + s.times().creationTime());
                o.println("modified:     " + s.times().modificationTime());
                o.println("transferred:  " + s.times().transferCompleted().map(Object::toString).orElse("-"));
                o.println("error:        " + s.error().map(e -> e.code() + " in " + e.context() + ": " + e.description())
                        .orElse("none"));
                try (IEnumBackgroundCopyFiles files = job.enumFiles()) {
                    for (IBackgroundCopyFile f : files.next(files.getCount())) {
                        o.println("file:         " + f.getRemoteName() + " -> " + f.getLocalName() + " ("
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
    public static final class ListJobs extends JobCommand {

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
    public static final class Wait extends JobCommand {

        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
                description = "Give up after this long (e.g. 90s, 5m, 1h30m); exit code 5.")
        Duration timeout;

        @Override
        public Integer call() {
            try (Session session = session(Session.Purpose.PERSISTENT)) {
                IBackgroundCopyJob job = session.job(id);
                if (job.getState() == BgJobState.SUSPENDED) {
                    err().println("bgcopy: job " + id + " is suspended; it moves only after 'bgcopy resume " + id + "'");
                }
                try (Interruption interruption = Interruption.onInterrupt(() -> err().println(
                        "\nbgcopy: stopped waiting; job " + id + " goes on in the background"));
                        ProgressDisplay display = display(job.getDisplayName(), false)) {
                    Follower.Outcome outcome = new Follower(job, display, interruption, Duration.ofMillis(200))
                            .follow(timeout, p -> false);
                    switch (outcome) {
                        case TRANSFERRED -> {
                            HResult hr = complete(job, interruption);
                            if (hr == null) {
                                return ExitCode.INTERRUPTED;
                            }
                            display.close();
                            out().println("job " + id + ": transferred and completed"
                                    + (hr.equals(HResult.S_OK) ? "" : " (" + hr + ")"));
                            return ExitCode.OK;
                        }
                        case ERROR -> throw jobError("job " + id + " failed", job,
                                "fix the cause, then 'bgcopy resume " + id + "', or 'bgcopy cancel " + id + "'");
                        case GONE -> throw new CliException(ExitCode.FAILED, "job " + id + " was "
                                + job.getState().name().toLowerCase(Locale.ROOT) + " while waiting; hint: see 'bgcopy list'", null);
                        case TIMED_OUT -> throw new CliException(ExitCode.TIMEOUT, "job " + id + " is still "
                                + job.getState() + " after " + Units.duration(timeout)
                                + "; hint: wait again, or see 'bgcopy info " + id + "'", null);
                        default -> {
                            return ExitCode.INTERRUPTED;
                        }
                    }
                }
            }
        }
    }

    /** {@code monitor}: a live table until Ctrl-C. */
    @Command(mixinStandardHelpOptions = true, name = "monitor", description = "Show a live table of the jobs until Ctrl-C.")
    public static final class Monitor extends JobCommand {

        @Option(names = "--interval", paramLabel = "DURATION", converter = Durations.class,
                description = "Refresh period. Default: 1s.")
        Duration interval = Duration.ofSeconds(1);

        @Override
        public Integer call() {
            try (Session session = session(Session.Purpose.PERSISTENT);
                    Interruption interruption = Interruption.onInterrupt(() -> { })) {
                boolean terminal = root.errIsTerminal() && System.console() != null;
                boolean first = true;
                while (!interruption.fired()) {
                    List<JobSnapshot> jobs = session.snapshots(false);
                    if (terminal) {
                        out().print("\u001b[H\u001b[2J");
                    }
                    out().println("bgcopy monitor: " + session.description() + ", " + java.time.LocalTime.now()
                            .withNano(0) + " (Ctrl-C to stop)");
                    out().print(table(jobs));
                    out().flush();
                    if (first) {
                        err().println("bgcopy: monitoring " + session.description() + "; Ctrl-C to stop");
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
    public static final class Demo extends JobCommand {

        @Option(names = "--size", hidden = true, converter = Sizes.class, description = "Content size (tests).")
        long size = DemoRun.DEFAULT_SIZE;

        @Option(names = "--rate", hidden = true, converter = Sizes.class,
                description = "Serve at most this many bytes per second (tests); 0 = unlimited.")
        long rate;

        @Option(names = "--keep", description = "Keep the downloaded file (it is deleted after verification by default).")
        boolean keep;

        @Override
        public Integer call() throws Exception {
            return new DemoRun(this.root, size, rate, keep).call();
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
                    j.displayName()));
        }
        if (jobs.isEmpty()) {
            b.append("(no jobs)").append(System.lineSeparator());
        }
        return b.toString();
    }
}
