package dev.bgcopy.windows;

import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.Wide;

import java.util.List;

/**
 * {@code IBackgroundCopyFile} (docs/contract.md §3.7); the {@code IBackgroundCopyFile2} slots 6 and 7 are called
 * on the pointer {@code QueryInterface(IID_IBackgroundCopyFile2)} returns, never on the File1 pointer.
 */
final class WindowsBackgroundCopyFile extends ComBacked implements IBackgroundCopyFile {

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
        Structs.FileProgress progress = new Structs.FileProgress();
        call("GetProgress", Slots.File.GET_PROGRESS, progress);
        return progress.toRecord();
    }

    @Override
    public List<BgFileRange> getFileRanges() {
        String method = "IBackgroundCopyFile2::GetFileRanges";
        try (ComPtr file2 = file2(method)) {
            IntByReference count = new IntByReference();
            PointerByReference ranges = new PointerByReference();
            try {
                Hr.check(method, file2.invoke(Slots.File.GET_FILE_RANGES, count, ranges));
                return ranges.getValue() == null ? List.of()
                        : List.copyOf(Structs.FileRange.read(ranges.getValue(), count.getValue()));
            } finally {
                runtime().coTaskMemFree(ranges.getValue());
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
