package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.downloads.Download;
import dev.bgcopy.api.downloads.DownloadError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Shows a {@link Download} on a {@link ProgressDisplay} and turns how it ended into a command's result:
 * the end {@code download}, {@code wait} and the demo share. The API watches, completes, verifies and
 * moves the files; this class only shows each state and progress it reports (with a note when the job
 * meets a transient error) and maps a failure to one {@link CliException} line: the job's error for
 * ERROR, a job someone else cancelled, or a passed deadline.
 */
final class Follower {

    private final Download download;
    private final ProgressDisplay display;
    private final Interruption interruption;
    /**
     * Written only by the progress listener, whose calls never overlap and, but for the last, end before
     * the download's completion does.
     */
    private volatile BgJobState shown;

    /**
     * Shows {@code download} on {@code display} from now on, at most every {@code interval} (and at every
     * change of state).
     */
    Follower(Download download, ProgressDisplay display, Interruption interruption, Duration interval) {
        this.download = Objects.requireNonNull(download, "download");
        this.display = Objects.requireNonNull(display, "display");
        this.interruption = Objects.requireNonNull(interruption, "interruption");
        download.onProgress(this::show, interval);
    }

    /**
     * How a command reports a download that did not end in place.
     *
     * @param failed what failed, e.g. {@code download of URL failed}
     * @param errorHint what to do about a job in ERROR
     * @param goneWhile how it left the queue, after "was cancelled": {@code by someone else}, {@code while waiting}
     * @param onError runs on a download that failed in ERROR before the failure is thrown (print it)
     */
    record Ending(String failed, String errorHint, String goneWhile, Consumer<Download> onError) {

        /** Checks the parts. */
        Ending {
            Objects.requireNonNull(failed, "failed");
            Objects.requireNonNull(errorHint, "errorHint");
            Objects.requireNonNull(goneWhile, "goneWhile");
            Objects.requireNonNull(onError, "onError");
        }
    }

    /**
     * Waits for the download's end.
     *
     * @param timeout give up after this long; null for never
     * @param since when ({@link System#nanoTime()}) the timeout started; unused without one
     * @return the first file, in place; empty when Ctrl-C came first
     * @throws CliException for a job in ERROR (exit 1, with its error), a job someone else cancelled
     *         (exit 1), a passed deadline (exit 5), or a service that failed to answer
     */
    Optional<Path> followToCompletion(Duration timeout, long since, Ending ending) {
        try {
            Path file = timeout == null ? download.completion().get()
                    : download.completion().get(since + timeout.toNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
            showEnd();
            return Optional.ofNullable(file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (TimeoutException e) {
            throw new CliException(ExitCode.TIMEOUT, "job " + download.id() + " is still " + download.state() + " after "
                    + Units.duration(timeout) + "; hint: wait again, or see 'bgcopy info " + download.id() + "'", null);
        } catch (CancellationException e) {
            showEnd();
            if (interruption.fired()) {
                return Optional.empty();
            }
            throw new CliException(ExitCode.FAILED, "job " + download.id() + " was cancelled " + ending.goneWhile()
                    + "; hint: see 'bgcopy list'", e);
        } catch (ExecutionException e) {
            showEnd();
            if (interruption.fired()) {
                return Optional.empty();
            }
            throw failure(e.getCause(), ending);
        }
    }

    private CliException failure(Throwable cause, Ending ending) {
        Optional<DownloadError> error = download.error();
        if (error.isPresent()) {
            JobSnapshot.ErrorInfo info = JobSnapshot.ErrorInfo.of(error.get());
            CliException failure = CliException.jobFailed(ending.failed(), info.code(), info.context(),
                    info.description() + "; " + ending.errorHint());
            ending.onError().accept(download);
            return failure;
        }
        if (cause instanceof BackgroundCopyException bce) {
            return CliException.of(ending.failed(), bce);
        }
        return new CliException(ExitCode.FAILED, ending.failed() + ": " + cause.getMessage()
                + "; hint: run again with --verbose to see why", cause);
    }

    /**
     * Shows the end of a download that ended before the listener's first call (a job that was done
     * when {@code wait} came), so that there is always a line; the ERROR the API has since cancelled
     * shows as ERROR.
     */
    private void showEnd() {
        if (shown == null) {
            display.update(download.error().isPresent() ? BgJobState.ERROR : download.state(), download.progress());
        }
    }

    private void show(BgJobProgress progress) {
        if (download.completion().isDone()) {
            // The listener's last call: the command reports the end itself (see showEnd).
            return;
        }
        BgJobState state = download.state();
        display.update(state, progress);
        if (state != shown && state == BgJobState.TRANSIENT_ERROR) {
            download.error().map(JobSnapshot.ErrorInfo::of).ifPresent(e -> display.note(
                    "transient error: " + e.code() + ", " + e.description() + "; the service retries by itself"));
        }
        shown = state;
    }
}
