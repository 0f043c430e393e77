package dev.bgcopy.cli;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.cli.internal.CliContext;
import dev.bgcopy.cli.internal.CliException;
import dev.bgcopy.cli.internal.Commands;
import dev.bgcopy.cli.internal.ExitCode;
import dev.bgcopy.cli.internal.GlobalOptions;
import dev.bgcopy.cli.internal.JobIds;
import dev.bgcopy.cli.internal.LibraryLog;
import dev.bgcopy.cli.internal.Printable;
import dev.bgcopy.cli.internal.ProgressDisplay;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bgcopy}, a cross-platform {@code bitsadmin}: download files in the background through Windows
 * Delivery Optimization, BITS or the pure-Java simulator, with progress bars and JSON output. It talks
 * to jobs only through the {@code IBackgroundCopyJob} contract ({@link dev.bgcopy.api.BackgroundCopy#open}).
 *
 * <pre>{@code
 * bgcopy download https://example.com/app.zip app.zip      # create, add, resume, follow, complete
 * bgcopy demo                                              # a local 256 MiB download, suspended and resumed
 * }</pre>
 *
 * <p>Exit codes: 0 success, 1 the job ended in ERROR (or the service refused the operation), 2 usage
 * error, 3 job not found, 4 backend unavailable, 5 {@code wait --timeout} elapsed, 130 interrupted.
 * A failure prints one line on stderr (what failed, the HRESULT name and hex, a hint); the stack trace
 * only with {@code --verbose}, which also prints the bgcopy modules' log on stderr.
 */
@Command(name = "bgcopy", mixinStandardHelpOptions = true, versionProvider = Bgcopy.Version.class,
        description = "Background file transfers through Windows Delivery Optimization, BITS or the "
                + "pure-Java simulator: a cross-platform bitsadmin with progress bars.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the job ended in ERROR, or the service refused the operation",
            "2:usage error (bad option, URL, range, id or directory)", "3:job not found",
            "4:backend unavailable", "5:wait --timeout elapsed", "130:interrupted (Ctrl-C)"})
public final class Bgcopy implements Runnable {

    /** Filled in by parsing; the commands read it through their {@link CliContext}. */
    @Mixin
    private final GlobalOptions global;

    @Spec
    private CommandSpec spec;

    private Bgcopy(GlobalOptions global) {
        this.global = global;
    }

    /** Runs {@code bgcopy} with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, ProgressDisplay.stderrIsTerminal());
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs {@code bgcopy} with {@code args} in this process.
     *
     * @param errIsTerminal whether {@code err} is a terminal (a live progress bar instead of lines)
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean errIsTerminal) {
        GlobalOptions global = new GlobalOptions();
        CommandLine cli = new CommandLine(new Bgcopy(global));
        Commands.addTo(cli, new CliContext(global, out, err, errIsTerminal));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(java.util.UUID.class, new JobIds());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            String command = e.getCommandLine().getCommandName();
            err.println("bgcopy: " + Printable.text(oneLine(e.getMessage())) + "; hint: see '"
                    + (command.equals("bgcopy") ? "bgcopy --help" : "bgcopy " + command + " --help") + "'");
            return ExitCode.USAGE;
        });
        cli.setExecutionStrategy(parsed -> {
            try (LibraryLog log = LibraryLog.route(global.verbose(), err)) {
                return new CommandLine.RunLast().execute(parsed);
            }
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> failure(e, global.verbose(), err));
        return cli.execute(args);
    }

    private static int failure(Exception e, boolean verbose, PrintStream err) {
        if (verbose) {
            err.print(Printable.trace(e));
        }
        if (e instanceof CliException cli) {
            err.println("bgcopy: " + Printable.text(cli.getMessage()));
            return cli.exitCode();
        }
        if (e instanceof BackgroundCopyException bce) {
            CliException mapped = CliException.of(bce.method() + " failed", bce);
            err.println("bgcopy: " + Printable.text(mapped.getMessage()));
            return mapped.exitCode();
        }
        err.println("bgcopy: unexpected failure: " + Printable.text(oneLine(String.valueOf(e)))
                + "; hint: run again with --verbose and report it");
        return ExitCode.FAILED;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** Without a command: the usage, and exit code 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Bgcopy.class.getPackage().getImplementationVersion();
            return new String[] {"bgcopy " + (v == null ? "(development build)" : v)};
        }
    }
}
