package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a job's progress on stderr: a live bar (bytes, percent, rate, ETA) when stderr is a terminal,
 * plain lines at most once a second (and on every state change) otherwise, so logs stay readable.
 *
 * <p>Whether stderr is a terminal: Java cannot ask isatty(2), so the {@code ./bgcopy} launcher tests
 * {@code [ -t 2 ]} and passes {@code -Dbgcopy.stderr.terminal=true|false}; without it (plain
 * {@code java -jar}) a {@link System#console()} means an interactive terminal.
 */
public abstract class ProgressDisplay implements AutoCloseable {

    /** The system property set by the launcher. */
    public static final String TERMINAL_PROPERTY = "bgcopy.stderr.terminal";

    /** Shows the latest observation. */
    public abstract void update(BgJobState state, BgJobProgress progress);

    /** Prints a line of its own without breaking the bar. */
    public abstract void note(String line);

    /** Ends the display (the bar's last frame stays on screen). */
    @Override
    public abstract void close();

    /** Whether this process's stderr is a terminal (see the class comment). */
    public static boolean stderrIsTerminal() {
        String told = System.getProperty(TERMINAL_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        return System.console() != null;
    }

    /** The display for {@code task} on {@code err}: a bar when {@code terminal}, else lines. */
    public static ProgressDisplay on(PrintStream err, String task, boolean terminal) {
        String printable = Printable.text(task);
        return terminal ? new Bar(err, printable) : new Lines(err, printable, Duration.ofSeconds(1));
    }

    /** The live bar of {@code me.tongfei.progressbar}. */
    private static final class Bar extends ProgressDisplay {
        private final PrintStream err;
        private final String task;
        private ProgressBar bar;
        private long max = Long.MIN_VALUE;

        Bar(PrintStream err, String task) {
            this.err = err;
            this.task = task;
        }

        @Override
        public synchronized void update(BgJobState state, BgJobProgress progress) {
            long total = progress.isBytesTotalKnown() ? clamp(progress.bytesTotal()) : -1;
            long done = clamp(progress.bytesTransferred());
            if (bar == null) {
                bar = new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit("MiB", 1 << 20)
                        .showSpeed()
                        .setUpdateIntervalMillis(200)
                        .setConsumer(new ConsoleProgressBarConsumer(err))
                        .startsFrom(done, Duration.ZERO)
                        .build();
                max = total;
            } else if (total != max) {
                bar.maxHint(total);
                max = total;
            }
            bar.stepTo(done);
            bar.setExtraMessage(" " + state.name());
        }

        @Override
        public synchronized void note(String line) {
            if (bar != null) {
                bar.refresh();
                err.println();
            }
            err.println(Printable.text(line));
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        private static long clamp(long unsigned) {
            return unsigned < 0 ? Long.MAX_VALUE : unsigned;
        }
    }

    /** One plain line per period or state change: for logs, pipes and CI. */
    static final class Lines extends ProgressDisplay {
        private final PrintStream err;
        private final String task;
        private final long periodNanos;
        private long lastPrint;
        private BgJobState lastState;
        private long firstNanos;
        private long firstBytes = -1;

        Lines(PrintStream err, String task, Duration period) {
            this.err = err;
            this.task = task;
            this.periodNanos = period.toNanos();
        }

        @Override
        public synchronized void update(BgJobState state, BgJobProgress progress) {
            long now = System.nanoTime();
            if (firstBytes < 0) {
                firstBytes = progress.bytesTransferred();
                firstNanos = now;
            }
            boolean changed = state != lastState;
            if (!changed && now - lastPrint < periodNanos) {
                return;
            }
            lastPrint = now;
            lastState = state;
            err.println(line(state, progress, now));
        }

        String line(BgJobState state, BgJobProgress progress, long now) {
            StringBuilder b = new StringBuilder(task).append(": ").append(state.name()).append(' ')
                    .append(Units.bytes(progress.bytesTransferred()));
            if (progress.isBytesTotalKnown()) {
                b.append(" / ").append(Units.bytes(progress.bytesTotal()));
                progress.fractionComplete().ifPresent(f -> b.append(" (").append(Units.percent(f)).append(')'));
            }
            double seconds = (now - firstNanos) / 1e9;
            if (seconds > 0.2) {
                double rate = (progress.bytesTransferred() - firstBytes) / seconds;
                b.append(", ").append(Units.rate(rate));
                if (progress.isBytesTotalKnown() && rate > 0) {
                    double remaining = Long.compareUnsigned(progress.bytesTotal(), progress.bytesTransferred()) > 0
                            ? (double) (progress.bytesTotal() - progress.bytesTransferred()) : 0;
                    b.append(", ETA ").append(Units.duration(Duration.ofMillis((long) (1000 * remaining / rate))));
                }
            }
            return b.toString();
        }

        @Override
        public synchronized void note(String line) {
            err.println(Printable.text(line));
        }

        @Override
        public void close() {
        }
    }
}
