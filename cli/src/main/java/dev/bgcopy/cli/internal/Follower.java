package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Follows a job by polling {@code GetState}/{@code GetProgress} (cheap by contract) until it reaches
 * TRANSFERRED or ERROR, leaves the queue, a deadline passes, a caller's condition holds, or the
 * process is interrupted. Every observation goes to the {@link ProgressDisplay}. Polling rather than
 * callbacks: it works the same on every backend, including a job another process owns.
 */
public final class Follower {

    /** Why following stopped. */
    public enum Outcome {
        /** The job reached TRANSFERRED: ready for Complete. */
        TRANSFERRED,
        /** The job reached ERROR. */
        ERROR,
        /** The job became ACKNOWLEDGED or CANCELLED (someone else completed or cancelled it). */
        GONE,
        /** The deadline passed. */
        TIMED_OUT,
        /** Ctrl-C. */
        INTERRUPTED,
        /** The caller's condition held. */
        CONDITION
    }

    private final IBackgroundCopyJob job;
    private final ProgressDisplay display;
    private final Interruption interruption;
    private final long pollNanos;

    /**
     * @param poll how often to read the job
     */
    public Follower(IBackgroundCopyJob job, ProgressDisplay display, Interruption interruption, Duration poll) {
        this.job = Objects.requireNonNull(job, "job");
        this.display = Objects.requireNonNull(display, "display");
        this.interruption = Objects.requireNonNull(interruption, "interruption");
        this.pollNanos = poll.toNanos();
    }

    /** Follows until an outcome, without deadline or condition. */
    public Outcome follow() {
        return follow(null, p -> false);
    }

    /**
     * Follows until an outcome.
     *
     * @param timeout give up after this long; null for never
     * @param stopWhen an extra condition on the progress (the demo's "suspend at 40%")
     */
    public Outcome follow(Duration timeout, Predicate<BgJobProgress> stopWhen) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        BgJobState previous = null;
        while (true) {
            if (interruption.fired()) {
                return Outcome.INTERRUPTED;
            }
            BgJobState state = job.getState();
            BgJobProgress progress = job.getProgress();
            display.update(state, progress);
            if (state != previous && state == BgJobState.TRANSIENT_ERROR) {
                JobSnapshot.ErrorInfo.of(job).ifPresent(e -> display.note(
                        "transient error: " + e.code() + ", " + e.description() + "; the service retries by itself"));
            }
            previous = state;
            switch (state) {
                case TRANSFERRED:
                    return Outcome.TRANSFERRED;
                case ERROR:
                    return Outcome.ERROR;
                case ACKNOWLEDGED:
                case CANCELLED:
                    return Outcome.GONE;
                default:
                    break;
            }
            if (stopWhen.test(progress)) {
                return Outcome.CONDITION;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Outcome.TIMED_OUT;
            }
            interruption.pause(Math.min(left, pollNanos));
        }
    }
}
