package dev.bgcopy.api;

/**
 * {@code IBackgroundCopyFile4} (IID {@code EF7E0655-7888-4960-B0E5-730846E03492}; docs/contract.md §3.16, §4.16):
 * BITS 4.0's file extension, reached with {@code file.queryInterface(IBackgroundCopyFile4.class)}. Its slot 12
 * follows those of {@link IBackgroundCopyFile3}. Delivery Optimization does not document it
 * ({@link Feature#BITS3_INTERFACES}).
 */
public interface IBackgroundCopyFile4 extends IBackgroundCopyFile3 {

    /** {@code GetPeerDownloadStats} (slot 12): the file's bytes by where they came from (R201). */
    BgPeerDownloadStats getPeerDownloadStats();
}
