package dev.bgcopy.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.OutBuffer;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.Wide;

import java.util.List;

/**
 * {@code IBackgroundCopyFile} (docs/contract.md §3.7); the {@code IBackgroundCopyFile2} slots 6 and 7 are called
 * on the pointer {@code QueryInterface(IID_IBackgroundCopyFile2)} returns, never on the File1 pointer.
 */
class WindowsBackgroundCopyFile extends ComBacked implements IBackgroundCopyFile {

    private static final int FILE_PROGRESS_SIZE = new Structs.FileProgress().size();

    WindowsBackgroundCopyFile(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public String getRemoteName() {
        return callForString("GetRemoteName", Slots.File.GET_REMOTE_NAME);
    }

    @Override
    public String getLocalName() {
        return callForString("GetLocalName", Slots.File.GET_LOCAL_NAME);
    }

    @Override
    public BgFileProgress getProgress() {
        try (OutBuffer out = OutBuffer.acquire(FILE_PROGRESS_SIZE)) {
            call("GetProgress", Slots.File.GET_PROGRESS, out.pointer());
            return Structs.FileProgress.read(out.pointer());
        }
    }

    @Override
    public List<BgFileRange> getFileRanges() {
        String method = "IBackgroundCopyFile2::GetFileRanges";
        try (ComPtr file2 = file2(method)) {
            return callForRanges(method, file2, Slots.File.GET_FILE_RANGES);
        }
    }

    /** A call whose out-values are a range count and a callee-allocated {@code BG_FILE_RANGE} array, freed here once. */
    final List<BgFileRange> callForRanges(String method, ComPtr on, int slot) {
        // Out-values: the count (a ULONG, padded to a pointer), then the [arr-out] pointer.
        try (OutBuffer out = OutBuffer.acquire(2 * Native.POINTER_SIZE)) {
            Pointer ranges = out.at(Native.POINTER_SIZE);
            ranges.setPointer(0, null);
            try {
                Hr.check(method, on.invoke(slot, out.pointer(), ranges));
                return ranges.getPointer(0) == null ? List.of()
                        : List.copyOf(Structs.FileRange.read(ranges.getPointer(0), out.pointer().getInt(0)));
            } finally {
                runtime().coTaskMemFree(ranges.getPointer(0));
            }
        }
    }

    @Override
    public void setRemoteName(String remoteUrl) {
        String method = "IBackgroundCopyFile2::SetRemoteName";
        try (ComPtr file2 = file2(method)) {
            Hr.check(method, file2.invoke(Slots.File.SET_REMOTE_NAME, Wide.toNative(remoteUrl)));
        }
    }

    private ComPtr file2(String method) {
        return com.queryInterface(Guids.IID_IBACKGROUND_COPY_FILE2, "IBackgroundCopyFile2")
                .orElseThrow(() -> Hr.fail(method, HResult.E_NOINTERFACE, "the file has no IBackgroundCopyFile2"));
    }
}
