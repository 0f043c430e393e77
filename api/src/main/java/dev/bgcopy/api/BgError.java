package dev.bgcopy.api;

import java.util.Objects;

/**
 * The two outputs of {@code IBackgroundCopyError::GetError(pContext, pCode)} (docs/contract.md §4.6).
 *
 * @param context where the failure happened
 * @param code the failing {@code HRESULT} that put the job into ERROR or TRANSIENT_ERROR
 */
public record BgError(BgErrorContext context, HResult code) {

    /** Both values are required. */
    public BgError {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(code, "code");
    }
}
