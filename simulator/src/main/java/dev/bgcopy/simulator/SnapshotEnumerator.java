package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyEnumerator;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.Ulong;
import java.util.List;

/**
 * The cursor shared by the file and job enumerators (docs/contract.md §4.4) over a list fixed at creation.
 * Thread-safe.
 */
abstract class SnapshotEnumerator<T> implements BackgroundCopyEnumerator<T> {


    final List<T> elements;
    private final String iface;
    int cursor;

    SnapshotEnumerator(List<T> elements, int cursor, String iface) {
        this.elements = List.copyOf(elements);
        this.cursor = cursor;
        this.iface = iface;
    }

    @Override
    public synchronized List<T> next(long celt) {
        if (celt < 0 || celt > Ulong.MAX) {
            throw new BackgroundCopyException(iface + "::Next", HResult.E_INVALIDARG, "celt is not a ULONG: " + celt);
        }
        int end = (int) Math.min(elements.size(), cursor + celt);
        List<T> fetched = List.copyOf(elements.subList(cursor, end));
        cursor = end;
        return fetched;
    }

    @Override
    public synchronized HResult skip(long celt) {
        if (celt < 0 || celt > Ulong.MAX) {
            throw new BackgroundCopyException(iface + "::Skip", HResult.E_INVALIDARG, "celt is not a ULONG: " + celt);
        }
        long remaining = elements.size() - cursor;
        if (celt > remaining) {
            cursor = elements.size();
            return HResult.S_FALSE;
        }
        cursor += (int) celt;
        return HResult.S_OK;
    }

    @Override
    public synchronized void reset() {
        cursor = 0;
    }

    @Override
    public long getCount() {
        return elements.size();
    }

    synchronized int position() {
        return cursor;
    }
}
