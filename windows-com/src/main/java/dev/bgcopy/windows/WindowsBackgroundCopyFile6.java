package dev.bgcopy.windows;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile6;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;

import java.util.List;

/**
 * {@code IBackgroundCopyFile6} (docs/contract.md §3.19): the 15 slots of {@code IBackgroundCopyFile5}, then three.
 * A null list is sent as no ranges, which the service refuses; a null range cannot be expressed natively, so the
 * binding refuses it with the service's code for it, {@code E_INVALIDARG} (§4.19).
 */
final class WindowsBackgroundCopyFile6 extends WindowsBackgroundCopyFile5 implements IBackgroundCopyFile6 {

    WindowsBackgroundCopyFile6(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public void updateDownloadPosition(long offset) {
        call("UpdateDownloadPosition", Slots.File6.UPDATE_DOWNLOAD_POSITION, offset);
    }

    @Override
    public void requestFileRanges(List<BgFileRange> ranges) {
        List<BgFileRange> given = ranges == null ? List.of() : ranges;
        if (given.stream().anyMatch(java.util.Objects::isNull)) {
            throw Hr.fail(method("RequestFileRanges"), HResult.E_INVALIDARG, "a null range");
        }
        Structs.FileRange[] array = Structs.FileRange.array(given);
        call("RequestFileRanges", Slots.File6.REQUEST_FILE_RANGES, given.size(), array == null ? null : array[0].getPointer());
    }

    @Override
    public List<BgFileRange> getFilledFileRanges() {
        return callForRanges(method("GetFilledFileRanges"), com, Slots.File6.GET_FILLED_FILE_RANGES);
    }
}
