package dev.bgcopy.api;

/**
 * {@code BG_JOB_REPLY_PROGRESS} (docs/contract.md §6.11): the reply of an upload-reply job. Download jobs have
 * none: {@link IBackgroundCopyJob2#getReplyProgress()} fails with {@code E_NOTIMPL} for them.
 *
 * @param bytesTotal {@code BytesTotal}, or {@link BgJobProgress#BG_SIZE_UNKNOWN}
 * @param bytesTransferred {@code BytesTransferred}
 */
public record BgJobReplyProgress(long bytesTotal, long bytesTransferred) {
}
