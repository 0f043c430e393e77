package dev.bgcopy.api;

/**
 * {@code BG_FILE_PROGRESS}: one file's byte counts and whether Complete took it (docs/contract.md §6.3).
 * {@code UINT64} fields keep their raw bits; {@link BgJobProgress#BG_SIZE_UNKNOWN} marks an unknown size.
 *
 * @param bytesTotal {@code BytesTotal}: the file's size (or the sum of its ranges), or unknown
 * @param bytesTransferred {@code BytesTransferred}
 * @param completed {@code Completed}: TRUE only after a successful Complete took this file
 */
public record BgFileProgress(long bytesTotal, long bytesTransferred, boolean completed) {

    /** Whether {@link #bytesTotal()} is a number rather than {@link BgJobProgress#BG_SIZE_UNKNOWN}. */
    public boolean isBytesTotalKnown() {
        return bytesTotal != BgJobProgress.BG_SIZE_UNKNOWN;
    }

    /** Whether every byte of a known total has arrived. */
    public boolean isFullyTransferred() {
        return isBytesTotalKnown() && bytesTransferred == bytesTotal;
    }

    @Override
    public String toString() {
        return "BgFileProgress[bytes " + Long.toUnsignedString(bytesTransferred) + "/" + Ulong.sizeOrUnknown(bytesTotal)
                + (completed ? ", completed" : "") + "]";
    }
}
