package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Follows a job by polling {@code GetState}/{@code GetProgress} (cheap by contract) until it reaches
 * TRANSFERRED or ERROR, leaves the queue, a deadline passes, a caller's condition holds, or the
 * process is interrupted. Every observation goes to the {@link ProgressDisplay}. Polling rather than
 * callbacks: it works the same on every backend, including a job another process owns.
 *
 * <p>{@link #followToCompletion} is the end every command that runs a job shares ({@code download},
 * {@code wait}, the demo): {@code Complete} once TRANSFERRED, or one failure line for ERROR, a job that
 * left the queue, or a deadline.
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

    /**
     * How a command reports a job that did not reach TRANSFERRED.
     *
     * @param failed what failed, e.g. {@code download of URL failed}
     * @param errorHint what to do about a job in ERROR
     * @param goneWhile how it left the queue, after its state: {@code by someone else}, {@code while waiting}
     * @param onError runs on a job in ERROR once its error is read and before the failure is thrown
     *        (print it, cancel it)
     */
    public record Ending(String failed, String errorHint, String goneWhile, Consumer<IBackgroundCopyJob> onError) {

        /** Checks the parts. */
        public Ending {
            Objects.requireNonNull(failed, "failed");
            Objects.requireNonNull(errorHint, "errorHint");
            Objects.requireNonNull(goneWhile, "goneWhile");
            Objects.requireNonNull(onError, "onError");
        }
    }

    /**
     * Follows the job to its end and completes it once TRANSFERRED, unless Ctrl-C came first (the
     * interruption's reaction and {@code Complete} never overlap).
     *
     * @param timeout give up after this long; null for never
     * @return {@code Complete}'s success code (S_OK, BG_S_PARTIAL_COMPLETE), or empty when interrupted
     * @throws CliException for a job in ERROR (exit 1, with its error), a job someone else completed or
     *         cancelled (exit 1), a passed deadline (exit 5), or a refused {@code Complete}
     */
    public Optional<HResult> followToCompletion(Duration timeout, Ending ending) {
        UUID id = job.getId();
        switch (follow(timeout, p -> false)) {
            case TRANSFERRED -> {
                return complete();
            }
            case ERROR -> {
                CliException failure = jobError(ending.failed(), ending.errorHint());
                ending.onError().accept(job);
                throw failure;
            }
            case GONE -> throw new CliException(ExitCode.FAILED, "job " + id + " was "
                    + job.getState().name().toLowerCase(Locale.ROOT) + " " + ending.goneWhile()
                    + "; hint: see 'bgcopy list'", null);
            case TIMED_OUT -> throw new CliException(ExitCode.TIMEOUT, "job " + id + " is still " + job.getState()
                    + " after " + Units.duration(timeout) + "; hint: wait again, or see 'bgcopy info " + id + "'", null);
            default -> {
                return Optional.empty();
            }
        }
    }

    private Optional<HResult> complete() {
        HResult[] result = {null};
        interruption.runUninterrupted(() -> {
            try {
                result[0] = job.complete();
            } catch (BackgroundCopyException e) {
                throw CliException.of("cannot complete job " + job.getId(), e);
            }
        });
        return Optional.ofNullable(result[0]);
    }

    /** The failure for a job in ERROR: its code and context, with the service's description before the hint. */
    private CliException jobError(String what, String hint) {
        return JobSnapshot.ErrorInfo.of(job)
                .map(e -> CliException.jobFailed(what, e.code(), e.context(), e.description() + "; " + hint))
                .orElseGet(() -> new CliException(ExitCode.FAILED, what + ": the job is in ERROR; hint: " + hint, null));
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
