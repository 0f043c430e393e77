package dev.bgcopy.api;

/**
 * {@code BG_FILE_RANGE}: a byte range of a remote file (docs/contract.md §6.4). Offsets are zero-based
 * {@code UINT64}s kept as raw bits; {@link #BG_LENGTH_TO_EOF} means "to the end of the file".
 * Whether a range is valid (non-zero length, inside the file, not overlapping) is the service's
 * judgement, reported as {@code INVALID_RANGE}/{@code OVERLAPPING_RANGES} by {@code AddFileWithRanges}.
 *
 * @param initialOffset {@code InitialOffset}
 * @param length {@code Length}, or {@link #BG_LENGTH_TO_EOF}
 */
public record BgFileRange(long initialOffset, long length) {

    /** {@code BG_LENGTH_TO_EOF} (also {@code DO_LENGTH_TO_EOF}): {@code (UINT64)-1}. */
    public static final long BG_LENGTH_TO_EOF = -1L;

    /** Whether this range runs to the end of the file. */
    public boolean isToEndOfFile() {
        return length == BG_LENGTH_TO_EOF;
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(initialOffset) + ":" + (isToEndOfFile() ? "EOF" : Long.toUnsignedString(length));
    }
}
