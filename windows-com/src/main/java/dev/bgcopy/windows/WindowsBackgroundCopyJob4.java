package dev.bgcopy.windows;

import dev.bgcopy.api.IBackgroundCopyJob4;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.Slots;

/** {@code IBackgroundCopyJob4} (docs/contract.md §3.14): the 47 slots of {@code IBackgroundCopyJob3}, then six. */
class WindowsBackgroundCopyJob4 extends WindowsBackgroundCopyJob3 implements IBackgroundCopyJob4 {

    WindowsBackgroundCopyJob4(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public void setPeerCachingFlags(int flags) {
        call("SetPeerCachingFlags", Slots.Job4.SET_PEER_CACHING_FLAGS, flags);
    }

    @Override
    public int getPeerCachingFlags() {
        return callForInt("GetPeerCachingFlags", Slots.Job4.GET_PEER_CACHING_FLAGS);
    }

    @Override
    public long getOwnerIntegrityLevel() {
        return Integer.toUnsignedLong(callForInt("GetOwnerIntegrityLevel", Slots.Job4.GET_OWNER_INTEGRITY_LEVEL));
    }

    @Override
    public boolean getOwnerElevationState() {
        return callForInt("GetOwnerElevationState", Slots.Job4.GET_OWNER_ELEVATION_STATE) != 0;
    }

    @Override
    public void setMaximumDownloadTime(long seconds) {
        call("SetMaximumDownloadTime", Slots.Job4.SET_MAXIMUM_DOWNLOAD_TIME,
                Hr.ulong(method("SetMaximumDownloadTime"), seconds, "seconds"));
    }

    @Override
    public long getMaximumDownloadTime() {
        return Integer.toUnsignedLong(callForInt("GetMaximumDownloadTime", Slots.Job4.GET_MAXIMUM_DOWNLOAD_TIME));
    }
}
