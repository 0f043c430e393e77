package dev.bgcopy.api;

/**
 * {@code DOSwarmStats}: where a Delivery Optimization file's bytes came from (docs/contract.md §6.8), from
 * {@link IDeliveryOptimizationFile#getStats()}. {@code UINT64} counters keep their raw bits; the
 * {@code UINT} counters are widened to {@code long}.
 *
 * @param fileId the id given to AddFileWithRanges / Job2.AddFile
 * @param sourceUrl {@code sourceURL}
 * @param fileSize the file size, or {@link BgJobProgress#BG_SIZE_UNKNOWN}
 * @param totalBytesDownloaded bytes downloaded from every source
 * @param bytesFromLanPeers bytes from peers on the LAN
 * @param bytesFromGroupPeers bytes from peers in the group
 * @param bytesFromInternetPeers bytes from Internet peers
 * @param bytesFromHttp bytes from the HTTP source
 * @param bytesFromDoinc bytes from the DO cache servers
 * @param bytesToLanPeers bytes uploaded to LAN peers
 * @param bytesToGroupPeers bytes uploaded to group peers
 * @param bytesToInternetPeers bytes uploaded to Internet peers
 * @param httpConnectionCount {@code httpConnectionCount}
 * @param doincConnectionCount {@code doincConnectionCount}
 * @param lanConnectionCount {@code lanConnectionCount}
 * @param groupConnectionCount {@code groupConnectionCount}
 * @param internetConnectionCount {@code internetConnectionCount}
 * @param downloadDurationMillis {@code downloadDuration}, in milliseconds
 * @param downloadMode {@code downloadMode}
 * @param status {@code status}
 * @param isBackground whether the file downloads in the background (priority is not FOREGROUND)
 */
public record DoSwarmStats(
        String fileId,
        String sourceUrl,
        long fileSize,
        long totalBytesDownloaded,
        long bytesFromLanPeers,
        long bytesFromGroupPeers,
        long bytesFromInternetPeers,
        long bytesFromHttp,
        long bytesFromDoinc,
        long bytesToLanPeers,
        long bytesToGroupPeers,
        long bytesToInternetPeers,
        long httpConnectionCount,
        long doincConnectionCount,
        long lanConnectionCount,
        long groupConnectionCount,
        long internetConnectionCount,
        long downloadDurationMillis,
        DownloadMode downloadMode,
        SwarmStatus status,
        boolean isBackground) {

    /** Rejects {@code UINT} counters outside 0..2^32-1. */
    public DoSwarmStats {
        Ulong.check(httpConnectionCount, "httpConnectionCount");
        Ulong.check(doincConnectionCount, "doincConnectionCount");
        Ulong.check(lanConnectionCount, "lanConnectionCount");
        Ulong.check(groupConnectionCount, "groupConnectionCount");
        Ulong.check(internetConnectionCount, "internetConnectionCount");
        Ulong.check(downloadDurationMillis, "downloadDurationMillis");
    }

    /** {@code DownloadMode} (docs/contract.md §6.5). */
    public enum DownloadMode implements NativeEnum {
        /** {@code DownloadMode_CdnOnly} (0). */
        CDN_ONLY(0),
        /** {@code DownloadMode_Lan} (1). */
        LAN(1),
        /** {@code DownloadMode_Group} (2). */
        GROUP(2),
        /** {@code DownloadMode_Internet} (3). */
        INTERNET(3),
        /** {@code DownloadMode_Simple} (99): no peers. */
        SIMPLE(99),
        /** {@code DownloadMode_Bypass} (100). */
        BYPASS(100);

        private final int nativeValue;

        DownloadMode(int nativeValue) {
            this.nativeValue = nativeValue;
        }

        @Override
        public int nativeValue() {
            return nativeValue;
        }
    }

    /** {@code SwarmStatus} (docs/contract.md §6.5). */
    public enum SwarmStatus implements NativeEnum {
        /** {@code SwarmStatus_Downloading} (0). */
        DOWNLOADING(0),
        /** {@code SwarmStatus_Complete} (1). */
        COMPLETE(1),
        /** {@code SwarmStatus_Caching} (2). */
        CACHING(2),
        /** {@code SwarmStatus_Paused} (3). */
        PAUSED(3);

        private final int nativeValue;

        SwarmStatus(int nativeValue) {
            this.nativeValue = nativeValue;
        }

        @Override
        public int nativeValue() {
            return nativeValue;
        }
    }
}
