package dev.bgcopy.cli.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the log of the bgcopy modules goes during one run of the CLI. Every module logs through
 * {@link System.Logger} under its package name ({@code dev.bgcopy.*}); with no other
 * {@link System.LoggerFinder} installed (the CLI ships none, and no SLF4J binding either) that is
 * {@code java.util.logging}. With {@code --verbose}, the {@code dev.bgcopy} logger sends every record
 * from DEBUG up to the run's stderr, one line each (and the stack trace of an exception); without it,
 * that logger is off, so stderr keeps its promise of progress, notes and one line per failure.
 * Other libraries' loggers are left as they are. {@link #close()} puts the logger back as it was,
 * which matters when several runs share a JVM (the in-process tests).
 */
public final class LibraryLog implements AutoCloseable {

    /** The parent of every bgcopy module's logger. */
    static final String ROOT = "dev.bgcopy";

    /** Held for the run: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private final Logger logger = Logger.getLogger(ROOT);
    private final Level previousLevel = logger.getLevel();
    private final boolean previousUseParentHandlers = logger.getUseParentHandlers();
    private final Handler handler;

    private LibraryLog(boolean verbose, PrintStream err) {
        if (verbose) {
            handler = new LineHandler(err);
            logger.addHandler(handler);
            logger.setUseParentHandlers(false);
            logger.setLevel(Level.FINE);
        } else {
            handler = null;
            logger.setLevel(Level.OFF);
        }
    }

    /** Routes the bgcopy log to {@code err} when {@code verbose}, and silences it otherwise, until closed. */
    public static LibraryLog route(boolean verbose, PrintStream err) {
        return new LibraryLog(verbose, Objects.requireNonNull(err, "err"));
    }

    @Override
    public void close() {
        if (handler != null) {
            handler.flush();
            logger.removeHandler(handler);
        }
        logger.setUseParentHandlers(previousUseParentHandlers);
        logger.setLevel(previousLevel);
    }

    /** The level's {@link System.Logger.Level} name, which is what the modules log with. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return System.Logger.Level.ERROR.getName();
        }
        for (System.Logger.Level candidate : List.of(System.Logger.Level.WARNING, System.Logger.Level.INFO,
                System.Logger.Level.DEBUG)) {
            if (value >= candidate.getSeverity()) {
                return candidate.getName();
            }
        }
        return System.Logger.Level.TRACE.getName();
    }

    /**
     * One record, one line: {@code bgcopy: DEBUG [dev.bgcopy.windows] message}, then the stack trace of
     * its exception if it has one. Written straight to the run's stderr, never closing it.
     */
    private static final class LineHandler extends Handler {
        private final PrintStream err;

        LineHandler(PrintStream err) {
            this.err = err;
            setLevel(Level.ALL);
            setFormatter(new Formatter() {
                @Override
                public String format(LogRecord record) {
                    StringBuilder line = new StringBuilder("bgcopy: ").append(levelName(record.getLevel()))
                            .append(" [").append(record.getLoggerName()).append("] ").append(Printable.text(formatMessage(record)))
                            .append(System.lineSeparator());
                    if (record.getThrown() != null) {
                        line.append(Printable.trace(record.getThrown()));
                    }
                    return line.toString();
                }
            });
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (isLoggable(record)) {
                err.print(getFormatter().format(record));
                err.flush();
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
