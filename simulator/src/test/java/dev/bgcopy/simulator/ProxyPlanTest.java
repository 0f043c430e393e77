package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgProxySettings;
import java.util.Map;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;

/**
 * How the simulator reads proxy information (docs/contract.md §4.9 "Proxies (SIM)"): which proxy each destination
 * gets from an OVERRIDE list and from the user's settings. What the wire does with the answer is
 * {@link ProxyTransferTest}'s.
 */
class ProxyPlanTest {

    private static String proxyFor(ProxyPlan plan, String url) {
        HttpHost proxy = plan.proxyFor(HttpHost.create(java.net.URI.create(url)));
        return proxy == null ? "direct" : proxy.getHostName() + ":" + proxy.getPort();
    }

    @Test
    void overrideList_perSchemeEntries_aDefaultForTheRest_firstOfASchemeWins_defaultPorts() throws Exception {
        ProxyPlan plan = ProxyPlan.fromLists("HTTP=http://web:8080 https=tls http=later:1 fallback", null);
        assertThat(proxyFor(plan, "http://a.example/x")).isEqualTo("web:8080");
        assertThat(proxyFor(plan, "https://a.example/x")).isEqualTo("tls:80");
        assertThat(proxyFor(ProxyPlan.fromLists("https://secure", null), "http://a.example")).isEqualTo("secure:443");
        assertThat(proxyFor(ProxyPlan.fromLists("[::1]:3128;other", null), "http://a.example")).isEqualTo("::1:3128");
        assertThat(proxyFor(ProxyPlan.fromLists("http=web:8080", null), "https://a.example")).as("no proxy for https")
                .isEqualTo("direct");
    }

    @Test
    void overrideBypass_namesAddressesLeftWildcardsAndLocal_caseInsensitive() throws Exception {
        ProxyPlan plan = ProxyPlan.fromLists("p:1", "Intranet.Example 10.1.2.3 *.corp.example <local> [::2]");
        assertThat(proxyFor(plan, "http://intranet.example")).isEqualTo("direct");
        assertThat(proxyFor(plan, "http://www.intranet.example")).as("a name is that name only").isEqualTo("p:1");
        assertThat(proxyFor(plan, "http://10.1.2.3")).isEqualTo("direct");
        assertThat(proxyFor(plan, "http://a.b.corp.example")).isEqualTo("direct");
        assertThat(proxyFor(plan, "http://fileserver")).as("<local>: no period").isEqualTo("direct");
        assertThat(proxyFor(plan, "http://[::2]:80")).isEqualTo("direct");
        assertThat(proxyFor(plan, "http://127.0.0.1")).as("no implicit loopback bypass for OVERRIDE").isEqualTo("p:1");
    }

    @Test
    void usersSettings_asCurlReadsThem() throws Exception {
        Map<String, String> environment = Map.of("HTTP_PROXY", "http://ignored:1", "https_proxy", "secure:3128",
                "HTTPS_PROXY", "loses:1", "ALL_PROXY", "http://all:8000/", "no_proxy", "skip.example, .dot.example,10.0.0.9",
                "NO_PROXY", "loses.example");
        ProxyPlan plan = ProxyPlan.of(new BgProxySettings(BgJobProxyUsage.PRECONFIG, null, null), environment);
        assertThat(proxyFor(plan, "http://a.example")).as("HTTP_PROXY is not read (curl)").isEqualTo("all:8000");
        assertThat(proxyFor(plan, "https://a.example")).isEqualTo("secure:3128");
        assertThat(proxyFor(plan, "http://skip.example")).isEqualTo("direct");
        assertThat(proxyFor(plan, "http://www.skip.example")).as("a name covers its subdomains").isEqualTo("direct");
        assertThat(proxyFor(plan, "http://www.dot.example")).isEqualTo("direct");
        assertThat(proxyFor(plan, "http://10.0.0.9")).isEqualTo("direct");
        assertThat(proxyFor(plan, "http://loses.example")).isEqualTo("all:8000");
        for (String loopback : new String[] {"http://localhost", "http://127.0.0.1", "http://127.1.2.3", "http://[::1]"}) {
            assertThat(proxyFor(plan, loopback)).as(loopback).isEqualTo("direct");
        }
        assertThat(proxyFor(ProxyPlan.fromEnvironment(Map.of("http_proxy", "p:1", "no_proxy", "*")), "http://a.example"))
                .isEqualTo("direct");
        assertThat(ProxyPlan.fromEnvironment(Map.of("http_proxy", " ", "all_proxy", ""))).isSameAs(ProxyPlan.DIRECT);
    }

    @Test
    void noProxy_isDirect_andTheMessagesNeverHoldUserInformation() {
        assertThat(proxyFor(ProxyPlan.DIRECT, "http://a.example")).isEqualTo("direct");
        assertThatThrownBy(() -> ProxyPlan.fromLists("http=http://alice:hunter2@p:1", null))
                .isInstanceOf(ProxyPlan.InvalidProxyInfoException.class)
                .hasMessageContaining("...@p:1").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ProxyPlan.fromEnvironment(Map.of("https_proxy", "socks5h://alice:hunter2@p:1")))
                .isInstanceOf(ProxyPlan.InvalidProxyInfoException.class)
                .hasMessageContaining("https_proxy").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ProxyPlan.fromLists("  ", null)).isInstanceOf(ProxyPlan.InvalidProxyInfoException.class);
    }
}
