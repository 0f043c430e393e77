package dev.bgcopy.api.downloads;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.HResult;
import java.util.Objects;
import java.util.Optional;

/**
 * What went wrong with a download's job, read once from {@code IBackgroundCopyError} ({@code GetError},
 * {@code GetFile}, {@code GetErrorDescription}) so that it outlives the job: {@link Download#error()}
 * keeps the one that failed a download after its job was cancelled.
 *
 * <pre>{@code
 * try {
 *     d.completion().get();
 * } catch (ExecutionException e) {
 *     d.error().ifPresent(err -> log.warn(err.code() + " in " + err.context() + ": " + err.description().orElse("")));
 * }
 * }</pre>
 *
 * @param code the job's error {@code HRESULT}
 * @param context where it happened ({@code BG_ERROR_CONTEXT})
 * @param file the remote name of the file it concerns; empty when it concerns the job
 * @param description the service's description; empty where it has none (Delivery Optimization)
 */
public record DownloadError(HResult code, BgErrorContext context, Optional<String> file, Optional<String> description) {

    /** Every part is required (an absent file or description is empty). */
    public DownloadError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
    }
}
