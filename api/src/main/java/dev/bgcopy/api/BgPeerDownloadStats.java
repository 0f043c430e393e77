package dev.bgcopy.api;

/**
 * The two out-values of {@code IBackgroundCopyFile4::GetPeerDownloadStats} (docs/contract.md §4.16): the bytes of a
 * file downloaded from the origin server and from peers, as unsigned {@code UINT64} bits.
 *
 * @param fromOrigin {@code pFromOrigin}
 * @param fromPeers {@code pFromPeers}
 */
public record BgPeerDownloadStats(long fromOrigin, long fromPeers) {

    @Override
    public String toString() {
        return "BgPeerDownloadStats[fromOrigin=" + Long.toUnsignedString(fromOrigin) + ", fromPeers="
                + Long.toUnsignedString(fromPeers) + "]";
    }
}
