package dev.bgcopy.api;

import java.util.List;

/**
 * {@code IBackgroundCopyFile6} (IID {@code CF6784F7-D677-49FD-9368-CB47AEE9D1AD}; bits10_1.h; docs/contract.md
 * §3.19, §4.19): ranges on demand. Natively it derives from {@code IBackgroundCopyFile5}, so its methods take slots
 * 15-17. BITS only ({@link Feature#ON_DEMAND_RANGES}); Delivery Optimization answers {@code E_NOINTERFACE}.
 *
 * <p>Every method needs a file that can serve ranges: an http or https file of a job without dynamic content and
 * added without ranges; otherwise {@code BG_E_RANDOM_ACCESS_NOT_SUPPORTED} (R219).
 */
public interface IBackgroundCopyFile6 extends IBackgroundCopyFile5 {

    /** {@code UpdateDownloadPosition} (slot 15): the offset from which missing data comes first (R220). */
    void updateDownloadPosition(long offset);

    /**
     * {@code RequestFileRanges} (slot 16): ranges to download (first); they may overlap each other and what is
     * already here. {@code BG_E_INVALID_RANGE} for a range beyond the file's known size (R221). In
     * {@link BitsJobPropertyId#ON_DEMAND_MODE} the job transfers only the requested ranges and then goes to
     * SUSPENDED, or TRANSFERRED once every byte of every file is here (R222).
     */
    void requestFileRanges(List<BgFileRange> ranges);

    /** {@code GetFilledFileRanges} (slot 17): the ranges downloaded, merged and ordered by offset (R223). */
    List<BgFileRange> getFilledFileRanges();
}
