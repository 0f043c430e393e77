package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.api.downloads.Download;
import dev.bgcopy.api.downloads.DownloadError;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@code bgcopy info} shows of a job, read once through the getters of {@code IBackgroundCopyJob}
 * (GetId, GetDisplayName, GetState, GetPriority, GetProgress, GetTimes, GetError), so that rendering
 * (text or JSON) never calls the service.
 *
 * @param id {@code GetId}
 * @param displayName {@code GetDisplayName}
 * @param state {@code GetState}
 * @param priority {@code GetPriority}
 * @param progress {@code GetProgress}
 * @param times {@code GetTimes}
 * @param error {@code GetError}, empty for {@code NO_ERROR_INFO}
 */
public record JobSnapshot(UUID id, String displayName, BgJobState state, BgJobPriority priority,
        BgJobProgress progress, BgJobTimes times, Optional<ErrorInfo> error) {

    /** Every part is required; a job without an error record has an empty {@code error}. */
    public JobSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(error, "error");
    }

    /**
     * {@code download}'s job as it was when it failed in ERROR: read now (the API has cancelled it since),
     * with the state and error it failed with.
     */
    public static JobSnapshot ofFailed(Download download) {
        IBackgroundCopyJob job = download.job().orElseThrow();
        return new JobSnapshot(job.getId(), job.getDisplayName(), BgJobState.ERROR, job.getPriority(),
                download.progress(), job.getTimes(), download.error().map(ErrorInfo::of));
    }

    /** Reads {@code job} now. */
    public static JobSnapshot of(IBackgroundCopyJob job) {
        return new JobSnapshot(job.getId(), job.getDisplayName(), job.getState(), job.getPriority(),
                job.getProgress(), job.getTimes(), ErrorInfo.of(job));
    }

    /**
     * The job's error record ({@code IBackgroundCopyError}).
     *
     * @param code {@code GetError}'s code
     * @param context {@code GetError}'s context, e.g. {@code REMOTE_FILE}
     * @param description {@code GetErrorDescription}, or the CLI's own text where the service has none
     */
    public record ErrorInfo(HResult code, String context, String description) {

        /** All parts are required. */
        public ErrorInfo {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(description, "description");
        }

        /** The error the {@link Download} API kept, described as {@link #of(IBackgroundCopyJob)} does. */
        public static ErrorInfo of(DownloadError error) {
            return new ErrorInfo(error.code(), error.context().name(), error.description().orElseGet(() -> Hints.describe(error.code())));
        }

        /** The error record of {@code job}, or empty when it has none ({@code NO_ERROR_INFO}). */
        public static Optional<ErrorInfo> of(IBackgroundCopyJob job) {
            IBackgroundCopyError error;
            try {
                error = job.getError();
            } catch (BackgroundCopyException e) {
                if (SemanticError.NO_ERROR_INFO.matches(e.hresult())) {
                    return Optional.empty();
                }
                throw e;
            }
            try (error) {
                BgError record = error.getError();
                return Optional.of(new ErrorInfo(record.code(), record.context().name(), describe(error, record.code())));
            }
        }

        private static String describe(IBackgroundCopyError error, HResult code) {
            try {
                String text = error.getErrorDescription(Locale.getDefault());
                if (text != null && !text.isBlank()) {
                    return text.strip();
                }
            } catch (BackgroundCopyException | UnsupportedOperationException e) {
                // DO answers E_NOTIMPL: the CLI describes the code itself.
            }
            return Hints.describe(code);
        }
    }
}
