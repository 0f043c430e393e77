package dev.bgcopy.windows;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob3;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.Wide;

import java.util.List;
import java.util.Objects;

/** {@code IBackgroundCopyJob3} (docs/contract.md §3.13): the 43 slots of {@code IBackgroundCopyJob2}, then four. */
class WindowsBackgroundCopyJob3 extends WindowsBackgroundCopyJob2 implements IBackgroundCopyJob3 {

    WindowsBackgroundCopyJob3(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public HResult replaceRemotePrefix(String oldPrefix, String newPrefix) {
        return call("ReplaceRemotePrefix", Slots.Job3.REPLACE_REMOTE_PREFIX, Wide.toNative(oldPrefix), Wide.toNative(newPrefix));
    }

    @Override
    public void addFileWithRanges(String remoteUrl, String localName, List<BgFileRange> ranges) {
        Objects.requireNonNull(ranges, "ranges");
        Structs.FileRange[] array = Structs.FileRange.array(ranges);
        call("AddFileWithRanges", Slots.Job3.ADD_FILE_WITH_RANGES, Wide.toNative(remoteUrl), Wide.toNative(localName),
                ranges.size(), array == null ? null : array[0].getPointer());
    }

    @Override
    public void setFileACLFlags(int flags) {
        call("SetFileACLFlags", Slots.Job3.SET_FILE_ACL_FLAGS, flags);
    }

    @Override
    public int getFileACLFlags() {
        return callForInt("GetFileACLFlags", Slots.Job3.GET_FILE_ACL_FLAGS);
    }
}
