package dev.bgcopy.api;

import java.util.Objects;

/**
 * The three values of {@code IBackgroundCopyJob::GetProxySettings}/{@code SetProxySettings} (BITS only;
 * docs/contract.md §4.9).
 *
 * @param usage {@code BG_JOB_PROXY_USAGE}
 * @param proxyList the proxies for {@link BgJobProxyUsage#OVERRIDE}, or null
 * @param proxyBypassList hosts that bypass the proxy, or null
 */
public record BgProxySettings(BgJobProxyUsage usage, String proxyList, String proxyBypassList) {

    /** The settings of a new job: the system's proxy configuration. */
    public static final BgProxySettings PRECONFIG = new BgProxySettings(BgJobProxyUsage.PRECONFIG, null, null);

    /** A usage is required. */
    public BgProxySettings {
        Objects.requireNonNull(usage, "usage");
    }
}
