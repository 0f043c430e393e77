package dev.bgcopy.api;

import java.util.OptionalDouble;

/**
 * {@code BG_JOB_PROGRESS}: a job's byte and file counts (docs/contract.md §6.1, invariants §6.10).
 *
 * <p>The {@code UINT64} fields keep their raw bits in a {@code long}: values above
 * {@link Long#MAX_VALUE} are negative in Java and must be compared and printed unsigned
 * ({@link Long#compareUnsigned}, {@link Long#toUnsignedString}). {@link #BG_SIZE_UNKNOWN} (all ones,
 * {@code -1L}) marks a total that is not known yet. The {@code ULONG} file counts are widened to
 * {@code long}. The record reports what an implementation says; it does not judge it.
 *
 * <pre>{@code
 * BgJobProgress p = job.getProgress();
 * p.fractionComplete().ifPresent(f -> bar.setPercent(100 * f));
 * }</pre>
 *
 * @param bytesTotal {@code BytesTotal}: bytes to transfer, or {@link #BG_SIZE_UNKNOWN}
 * @param bytesTransferred {@code BytesTransferred}
 * @param filesTotal {@code FilesTotal}, a {@code ULONG}
 * @param filesTransferred {@code FilesTransferred}, a {@code ULONG}
 */
public record BgJobProgress(long bytesTotal, long bytesTransferred, long filesTotal, long filesTransferred) {

    /** {@code BG_SIZE_UNKNOWN}: {@code (UINT64)-1}, a total that is not known (also {@code DO_UNKNOWN_FILE_SIZE}). */
    public static final long BG_SIZE_UNKNOWN = -1L;

    /** The progress of a job with no files: all zeros (not unknown; docs/contract.md §6.10 P3). */
    public static final BgJobProgress EMPTY = new BgJobProgress(0, 0, 0, 0);

    /** Rejects file counts that cannot be a {@code ULONG}. */
    public BgJobProgress {
        Ulong.check(filesTotal, "filesTotal");
        Ulong.check(filesTransferred, "filesTransferred");
    }

    /** Whether {@link #bytesTotal()} is a number rather than {@link #BG_SIZE_UNKNOWN}. */
    public boolean isBytesTotalKnown() {
        return bytesTotal != BG_SIZE_UNKNOWN;
    }

    /**
     * {@code bytesTransferred / bytesTotal} in [0, 1] (clamped), empty while the total is unknown;
     * a known total of zero counts as complete.
     */
    public OptionalDouble fractionComplete() {
        if (!isBytesTotalKnown()) {
            return OptionalDouble.empty();
        }
        if (bytesTotal == 0) {
            return OptionalDouble.of(1.0);
        }
        double fraction = unsignedToDouble(bytesTransferred) / unsignedToDouble(bytesTotal);
        return OptionalDouble.of(Math.min(1.0, fraction));
    }

    private static double unsignedToDouble(long value) {
        double d = (double) (value >>> 1) * 2.0;
        return d + (value & 1);
    }

    @Override
    public String toString() {
        return "BgJobProgress[bytes " + Long.toUnsignedString(bytesTransferred) + "/" + Ulong.sizeOrUnknown(bytesTotal)
                + ", files " + filesTransferred + "/" + filesTotal + "]";
    }
}
