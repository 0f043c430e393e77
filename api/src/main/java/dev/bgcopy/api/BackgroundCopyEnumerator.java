package dev.bgcopy.api;

import java.util.List;

/**
 * The four methods that {@code IEnumBackgroundCopyFiles} and {@code IEnumBackgroundCopyJobs} share
 * (docs/contract.md §3.6, §4.4): a cursor over a snapshot taken when the enumerator was made.
 *
 * @param <T> {@link IBackgroundCopyFile} or {@link IBackgroundCopyJob}
 */
public interface BackgroundCopyEnumerator<T> extends IUnknown {

    /**
     * {@code Next} (slot 3): up to {@code celt} elements from the cursor, which moves past them. A list
     * shorter than {@code celt} is the native {@code S_FALSE} ("fewer remained"); empty at the end.
     * {@code celt = 0} returns an empty list.
     *
     * @param celt a {@code ULONG}; outside 0..2^32-1 fails with {@code E_INVALIDARG}
     */
    List<T> next(long celt);

    /**
     * {@code Skip} (slot 4): moves the cursor {@code celt} elements, clamping at the end.
     *
     * @return {@link HResult#S_OK}, or {@link HResult#S_FALSE} when fewer than {@code celt} remained
     */
    HResult skip(long celt);

    /** {@code Reset} (slot 5): moves the cursor back to the first element. */
    void reset();

    /** {@code GetCount} (slot 7): the number of elements in the snapshot, wherever the cursor is. */
    long getCount();
}
