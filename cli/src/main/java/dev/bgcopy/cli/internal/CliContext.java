package dev.bgcopy.cli.internal;

import java.io.PrintStream;
import java.util.Objects;

/**
 * What one run of {@code bgcopy} gives its commands: the global options (filled in by parsing, before any
 * command runs), stdout for results, stderr for progress, notes and failures, and whether stderr is a
 * terminal. Each command receives it when it is built ({@link Commands#addTo}), so no command reaches back
 * into the entry point for them.
 *
 * @param options the global options
 * @param out results (ids, tables, JSON, summaries)
 * @param err progress, notes and failures
 * @param errIsTerminal whether {@code err} is a terminal (a live progress bar instead of lines)
 */
public record CliContext(GlobalOptions options, PrintStream out, PrintStream err, boolean errIsTerminal) {

    /** Checks the parts. */
    public CliContext {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** The service the global options select, opened for a command with {@code purpose}. */
    Session session(Session.Purpose purpose) {
        return Session.open(options, purpose);
    }

    /** The {@link dev.bgcopy.api.downloads.Downloads} of that service, polled every {@code poll}. */
    Session downloads(Session.Purpose purpose, java.time.Duration poll) {
        return Session.openDownloads(options, purpose, poll);
    }

    /** Where passwords not on the command line come from: the environment, then the terminal. */
    WireOptionsMixin.Terminal terminal() {
        return WireOptionsMixin.Terminal.system();
    }

    /** The progress display for {@code task} on stderr: a bar on a terminal, else plain lines. */
    ProgressDisplay display(String task) {
        return ProgressDisplay.on(err, task, errIsTerminal);
    }
}
