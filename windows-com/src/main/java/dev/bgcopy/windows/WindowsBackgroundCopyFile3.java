package dev.bgcopy.windows;

import dev.bgcopy.api.IBackgroundCopyFile3;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;

/**
 * {@code IBackgroundCopyFile3} (docs/contract.md §3.15): its pointer's vtable holds the eight slots of
 * {@code IBackgroundCopyFile2}, then four.
 */
class WindowsBackgroundCopyFile3 extends WindowsBackgroundCopyFile implements IBackgroundCopyFile3 {

    WindowsBackgroundCopyFile3(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public String getTemporaryName() {
        return callForString("GetTemporaryName", Slots.File3.GET_TEMPORARY_NAME);
    }

    @Override
    public void setValidationState(boolean valid) {
        call("SetValidationState", Slots.File3.SET_VALIDATION_STATE, valid ? 1 : 0);
    }

    @Override
    public boolean getValidationState() {
        return callForInt("GetValidationState", Slots.File3.GET_VALIDATION_STATE) != 0;
    }

    @Override
    public boolean isDownloadedFromPeer() {
        return callForInt("IsDownloadedFromPeer", Slots.File3.IS_DOWNLOADED_FROM_PEER) != 0;
    }
}
