package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.HttpHeader;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code bgcopy info} shows of a job's wire options, read once through the getters that exist:
 * {@code IBackgroundCopyJobHttpOptions::GetCustomHeaders} (the names only: values are often tokens) and
 * {@code GetSecurityFlags}, and {@code IBackgroundCopyJob::GetProxySettings}. Credentials are not here:
 * {@code IBackgroundCopyJob2} has {@code SetCredentials} and {@code RemoveCredentials} but no getter, so no
 * service can report them, and a record kept by the CLI would be wrong as soon as the service dropped them
 * (BITS drops them at {@code TakeOwnership}; the simulator loads a store read without its key without them).
 *
 * @param headerNames the custom headers' names, in order
 * @param proxy the proxy settings, with any user and password in a proxy URL masked
 * @param securityFlags the mask as {@code GetSecurityFlags} returns it
 */
public record WireSnapshot(List<String> headerNames, BgProxySettings proxy, int securityFlags) {

    /** {@code //user:password@} in a proxy URL; the password part is masked. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@\\s:]*):[^@\\s/]*@");

    /** The job's wire options, or empty where the service has no {@code IBackgroundCopyJobHttpOptions} (DO). */
    public static Optional<WireSnapshot> of(IBackgroundCopyJob job) {
        Optional<IBackgroundCopyJobHttpOptions> http = job.queryInterface(IBackgroundCopyJobHttpOptions.class);
        if (http.isEmpty()) {
            return Optional.empty();
        }
        List<String> names;
        try {
            names = http.get().getCustomHeaders().map(HttpHeader::parseAll).orElse(List.of()).stream()
                    .map(HttpHeader::name).toList();
        } catch (IllegalArgumentException notLines) {
            names = List.of("(text that is not 'Name: value' lines)");
        }
        BgProxySettings proxy;
        try {
            BgProxySettings set = job.getProxySettings();
            proxy = new BgProxySettings(set.usage(), masked(set.proxyList()), set.proxyBypassList());
        } catch (BackgroundCopyException notImplemented) {
            proxy = null;
        }
        return Optional.of(new WireSnapshot(names, proxy, http.get().getSecurityFlags()));
    }

    /** The text lines of {@code info}, label first. */
    public List<String> lines() {
        Optional<BgSecurityFlags> flags = BgSecurityFlags.fromMask(securityFlags);
        return List.of(
                "headers:      " + (headerNames.isEmpty() ? "none" : Printable.text(String.join(", ", headerNames))
                        + " (values not shown)"),
                "credentials:  not shown: the service cannot report them (SetCredentials has no getter)",
                "proxy:        " + (proxy == null ? "-" : proxy.usage() + (proxy.proxyList() == null ? ""
                        : " " + Printable.text(proxy.proxyList())) + (proxy.proxyBypassList() == null ? ""
                        : ", bypass " + Printable.text(proxy.proxyBypassList()))),
                "tls:          " + flags.map(f -> f.ssl().isEmpty() ? "every check, no revocation check"
                        : String.join(", ", f.ssl().stream().sorted().map(BgSslFlag::name).toList()))
                        .orElse(String.format("0x%08X", securityFlags)),
                "redirects:    " + flags.map(f -> f.redirectPolicy() + (f.allowHttpsToHttp() ? ", https to http allowed"
                        : ", https to http refused")).orElse(String.format("0x%08X", securityFlags)));
    }

    /** The {@code http} member of {@code info --json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("headers", headerNames);
        if (proxy == null) {
            m.put("proxy", null);
        } else {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("usage", proxy.usage().name());
            p.put("list", proxy.proxyList());
            p.put("bypass", proxy.proxyBypassList());
            m.put("proxy", p);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mask", String.format("0x%08X", securityFlags));
        BgSecurityFlags.fromMask(securityFlags).ifPresent(flags -> {
            f.put("ssl", flags.ssl().stream().sorted().map(BgSslFlag::name).toList());
            f.put("redirectPolicy", flags.redirectPolicy().name());
            f.put("allowHttpsToHttp", flags.allowHttpsToHttp());
        });
        m.put("securityFlags", f);
        return m;
    }

    private static String masked(String proxyList) {
        return proxyList == null ? null : USER_INFO.matcher(proxyList).replaceAll("$1:***@");
    }
}
