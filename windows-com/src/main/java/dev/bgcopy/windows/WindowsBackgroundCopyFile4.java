package dev.bgcopy.windows;

import dev.bgcopy.api.BgPeerDownloadStats;
import dev.bgcopy.api.IBackgroundCopyFile4;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.OutBuffer;
import dev.bgcopy.windows.internal.Slots;

/** {@code IBackgroundCopyFile4} (docs/contract.md §3.16): the twelve slots of {@code IBackgroundCopyFile3}, then one. */
class WindowsBackgroundCopyFile4 extends WindowsBackgroundCopyFile3 implements IBackgroundCopyFile4 {

    WindowsBackgroundCopyFile4(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public BgPeerDownloadStats getPeerDownloadStats() {
        // Two separate UINT64 out-parameters, in the calling thread's out-buffer.
        try (OutBuffer out = OutBuffer.acquire(2 * Long.BYTES)) {
            call("GetPeerDownloadStats", Slots.File4.GET_PEER_DOWNLOAD_STATS, out.pointer(), out.at(Long.BYTES));
            return new BgPeerDownloadStats(out.pointer().getLong(0), out.at(Long.BYTES).getLong(0));
        }
    }
}
