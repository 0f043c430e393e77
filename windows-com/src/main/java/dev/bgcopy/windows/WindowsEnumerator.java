package dev.bgcopy.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.bgcopy.api.BackgroundCopyEnumerator;
import dev.bgcopy.api.HResult;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.OutBuffer;
import dev.bgcopy.windows.internal.Slots;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code IEnumBackgroundCopyFiles} and {@code IEnumBackgroundCopyJobs} share (docs/contract.md §3.6): the
 * same slots, differing only in the element interface.
 */
abstract class WindowsEnumerator<T> extends ComBacked implements BackgroundCopyEnumerator<T> {

    private final String elementInterface;

    WindowsEnumerator(Binding binding, ComPtr com, String elementInterface) {
        super(binding, com);
        this.elementInterface = elementInterface;
    }

    /** The wrapper of one element, owning its reference. */
    abstract T wrap(ComPtr element);

    @Override
    public List<T> next(long celt) {
        int n = Hr.ulong(method("Next"), celt, "celt");
        // The callee writes at most min(celt, remaining) pointers, never more than the snapshot holds.
        long capacity = Math.max(1, Math.min(celt, getCount()));
        Memory elements = new Memory(capacity * Native.POINTER_SIZE);
        elements.clear();
        int count;
        try (OutBuffer fetched = OutBuffer.acquire(Integer.BYTES)) {
            call("Next", Slots.Enum.NEXT, n, elements, fetched.pointer());
            count = fetched.pointer().getInt(0);
        }
        List<T> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Pointer p = elements.getPointer((long) i * Native.POINTER_SIZE);
            result.add(wrap(ComPtr.adopt(runtime(), p, elementInterface)));
        }
        return result;
    }

    @Override
    public HResult skip(long celt) {
        return call("Skip", Slots.Enum.SKIP, Hr.ulong(method("Skip"), celt, "celt"));
    }

    @Override
    public void reset() {
        call("Reset", Slots.Enum.RESET);
    }

    @Override
    public long getCount() {
        return Integer.toUnsignedLong(callForInt("GetCount", Slots.Enum.GET_COUNT));
    }

    /** {@code Clone}: the new enumerator's reference. */
    final ComPtr cloneReference() {
        return callForInterface("Clone", iface(), Slots.Enum.CLONE);
    }
}
