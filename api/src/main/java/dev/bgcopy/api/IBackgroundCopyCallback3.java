package dev.bgcopy.api;

import java.util.List;

/**
 * {@code IBackgroundCopyCallback3} (IID {@code 98C97BD2-E32B-4AD8-A528-95FD8B16BD42}; bits10_1.h; docs/contract.md
 * §3.20, §4.20): a callback that also hears of downloaded ranges. An application implements this interface instead of
 * {@link IBackgroundCopyCallback} to receive {@link #fileRangesTransferred}; the service calls it only when the job's
 * notify flags include {@link BgNotify#FILE_RANGES_TRANSFERRED} (R224).
 */
public interface IBackgroundCopyCallback3 extends IBackgroundCopyCallback {

    /**
     * {@code FileRangesTransferred} (slot 7): ranges of {@code file} that arrived since the last call or the last
     * {@link IBackgroundCopyFile6#requestFileRanges}. They need not match the ranges requested (R224).
     */
    default HResult fileRangesTransferred(IBackgroundCopyJob job, IBackgroundCopyFile file, List<BgFileRange> ranges) {
        return HResult.S_OK;
    }
}
