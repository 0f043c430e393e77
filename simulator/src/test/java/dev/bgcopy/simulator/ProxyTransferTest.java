package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import dev.bgcopy.mockwebserver.RecordedRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code BG_JOB_PROXY_USAGE} on the wire (docs/contract.md §4.9 "Proxies (SIM)"): the build's MockWebServer as
 * the origin and as forward proxies on 127.0.0.1, the user's settings from a configured environment, never the
 * process's. A name only the proxy resolves ({@link MockWebServer#resolveAsLoopback}) proves a request went
 * through it; an empty proxy log proves one did not.
 */
@Timeout(120)
class ProxyTransferTest {

    private static final PseudoRandomContent CONTENT = new PseudoRandomContent(150_000, 7);
    private static final String PROXY_ONLY_NAME = "files.example";

    @TempDir
    Path dir;

    private MockWebServer origin;
    private MockWebServer proxy;
    private SimulatorManager manager;

    @BeforeEach
    void start() {
        origin = MockWebServer.start();
        origin.serve("/a.bin", CONTENT);
        proxy = MockWebServer.startProxy();
        proxy.resolveAsLoopback(PROXY_ONLY_NAME);
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
        proxy.close();
        origin.close();
    }

    private SimulatorManager open(Dialect dialect, Map<String, String> environment) {
        manager = Simulator.newManager(SimulatorConfig.builder()
                .dialect(dialect)
                .virtualClock(VirtualClock.create())
                .proxyEnvironment(environment)
                .build());
        return manager;
    }

    private SimulatorManager open(Map<String, String> environment) {
        return open(Dialect.BITS, environment);
    }

    private String proxyUrl() {
        return "http://127.0.0.1:" + proxy.port();
    }

    private String byProxyOnlyName() {
        return "http://" + PROXY_ONLY_NAME + ":" + origin.port() + "/a.bin";
    }

    private IBackgroundCopyJob job(String url, String name) {
        IBackgroundCopyJob job = manager.createJob(name, BgJobType.DOWNLOAD);
        if (manager.dialect() == Dialect.DO) {
            job.addFileWithRanges(name, url, dir.resolve(name).toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        } else {
            job.addFile(url, dir.resolve(name).toString());
        }
        return job;
    }

    private BgJobState run(IBackgroundCopyJob job) {
        job.resume();
        manager.runUntilIdle();
        return job.getState();
    }

    private void assertDownloaded(IBackgroundCopyJob job, String name) throws Exception {
        assertThat(job.getState()).as("state of %s", name).isEqualTo(BgJobState.TRANSFERRED);
        job.complete();
        assertThat(Content.sha256(dir.resolve(name))).isEqualTo(CONTENT.sha256());
    }

    @Test
    void override_theProxyListsProxyCarriesTheRequest_underANameOnlyItResolves() throws Exception {
        open(Map.of());
        IBackgroundCopyJob job = job(byProxyOnlyName(), "a.bin");
        job.setProxySettings(BgJobProxyUsage.OVERRIDE, "http=" + proxyUrl() + " 127.0.0.1:1", null);
        run(job);
        assertDownloaded(job, "a.bin");
        assertThat(proxy.drainRequests()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo(byProxyOnlyName());
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(origin.drainRequests()).singleElement().satisfies(r -> assertThat(r.header("Via")).isPresent());
    }

    @Test
    void override_httpsGoesThroughATunnel() throws Exception {
        try (MockWebServer tls = MockWebServer.startTls()) {
            tls.serve("/a.bin", CONTENT);
            manager = Simulator.newManager(SimulatorConfig.builder().dialect(Dialect.BITS).virtualClock(VirtualClock.create())
                    .proxyEnvironment(Map.of()).sslContext(tls.clientSslContext()).build());
            IBackgroundCopyJob job = job(tls.url("/a.bin").toString(), "a.bin");
            job.setProxySettings(BgJobProxyUsage.OVERRIDE, "127.0.0.1:" + proxy.port(), "");
            run(job);
            assertDownloaded(job, "a.bin");
            assertThat(proxy.drainRequests()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("CONNECT");
                assertThat(r.target()).isEqualTo("127.0.0.1:" + tls.port());
            });
            assertThat(tls.drainRequests()).singleElement().satisfies(r -> assertThat(r.header("Via")).isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "*.0.0.1", "*", "example.org 127.0.0.1;other", "<local>"})
    void override_aBypassedHostGoesDirect(String bypass) throws Exception {
        open(Map.of());
        String url = bypass.equals("<local>") ? "http://localhost:" + origin.port() + "/a.bin" : origin.url("/a.bin").toString();
        IBackgroundCopyJob job = job(url, "a.bin");
        job.setProxySettings(BgJobProxyUsage.OVERRIDE, proxyUrl(), bypass);
        run(job);
        assertDownloaded(job, "a.bin");
        assertThat(proxy.requests()).isEmpty();
        assertThat(origin.drainRequests()).singleElement().satisfies(r -> assertThat(r.header("Via")).isEmpty());
    }

    @Test
    void override_aBypassListThatDoesNotMatch_stillUsesTheProxy() throws Exception {
        open(Map.of());
        IBackgroundCopyJob job = job(origin.url("/a.bin").toString(), "a.bin");
        job.setProxySettings(BgJobProxyUsage.OVERRIDE, proxyUrl(), "<local> *.example.org 127.0.0.2");
        run(job);
        assertDownloaded(job, "a.bin");
        assertThat(proxy.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = BgJobProxyUsage.class, names = {"PRECONFIG", "AUTODETECT"})
    void usersSettings_fromTheConfiguredEnvironment_carryTheRequest(BgJobProxyUsage usage) throws Exception {
        open(Map.of("http_proxy", proxyUrl(), "no_proxy", "example.org"));
        IBackgroundCopyJob job = job(byProxyOnlyName(), "a.bin");
        job.setProxySettings(usage, null, null);
        run(job);
        assertDownloaded(job, "a.bin");
        assertThat(proxy.drainRequests()).singleElement().satisfies(r -> assertThat(r.target()).isEqualTo(byProxyOnlyName()));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void preconfig_isTheDefault_inBothDialects_andNeverProxiesLoopback(Dialect dialect) throws Exception {
        open(dialect, Map.of("http_proxy", proxyUrl(), "all_proxy", proxyUrl()));
        IBackgroundCopyJob viaProxy = job(byProxyOnlyName(), "a.bin");
        run(viaProxy);
        assertDownloaded(viaProxy, "a.bin");
        assertThat(proxy.drainRequests()).hasSize(1);
        for (String url : List.of(origin.url("/a.bin").toString(), "http://localhost:" + origin.port() + "/a.bin")) {
            IBackgroundCopyJob direct = job(url, "b.bin");
            run(direct);
            assertDownloaded(direct, "b.bin");
            java.nio.file.Files.delete(dir.resolve("b.bin"));
        }
        assertThat(proxy.drainRequests()).isEmpty();
    }

    @Test
    void noProxy_goesDirect_whateverTheUsersSettings() throws Exception {
        open(Map.of("http_proxy", proxyUrl(), "all_proxy", proxyUrl()));
        IBackgroundCopyJob job = job("http://127.0.0.2:" + origin.port() + "/a.bin", "a.bin");
        job.setProxySettings(BgJobProxyUsage.NO_PROXY, null, null);
        run(job);
        // 127.0.0.2 is not where the origin listens: the direct attempt fails, which the proxy would have hidden.
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        assertThat(proxy.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp=127.0.0.1:8080", "socks://127.0.0.1:1080", "127.0.0.1:99999", "proxy:port", "user:pw@127.0.0.1:8080",
            "bad_host!", "=127.0.0.1"})
    void override_aProxyListThatCannotBeRead_isBgEInvalidProxyInfo_atTransferTime_withoutARequest(String list) {
        open(Map.of());
        IBackgroundCopyJob job = job(origin.url("/a.bin").toString(), "a.bin");
        job.setProxySettings(BgJobProxyUsage.OVERRIDE, list, null);
        run(job);
        assertInvalidProxyInfo(job);
        assertThat(job.getError().getErrorDescription(java.util.Locale.ROOT)).doesNotContain("pw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaa.*", "*.exa*mple.org", "http://127.0.0.1", ".example.org"})
    void override_aBypassEntryThatCannotBeRead_isBgEInvalidProxyInfo(String bypass) {
        open(Map.of());
        IBackgroundCopyJob job = job(origin.url("/a.bin").toString(), "a.bin");
        job.setProxySettings(BgJobProxyUsage.OVERRIDE, proxyUrl(), bypass);
        run(job);
        assertInvalidProxyInfo(job);
    }

    @ParameterizedTest
    @ValueSource(strings = {"socks5://127.0.0.1:1080", "https://127.0.0.1:3128", "http://127.0.0.1:3128/path"})
    void usersSettings_thatCannotBeRead_areBgEInvalidProxyInfo_neverPrintingUserInformation(String value) {
        open(Map.of("all_proxy", value.replace("://", "://alice:hunter2@")));
        IBackgroundCopyJob job = job(byProxyOnlyName(), "a.bin");
        run(job);
        assertInvalidProxyInfo(job);
        assertThat(job.getError().getErrorDescription(java.util.Locale.ROOT)).doesNotContain("hunter2");
    }

    private void assertInvalidProxyInfo(IBackgroundCopyJob job) {
        assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
        assertThat(job.getError().getError()).isEqualTo(new BgError(BgErrorContext.GENERAL_TRANSPORT, HResult.BG_E_INVALID_PROXY_INFO));
        assertThat(proxy.requests()).isEmpty();
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void aProxyThatRefusesConnections_isATransientConnectionFailure_likeADirectOne() throws Exception {
        int vacant;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            vacant = socket.getLocalPort();
        }
        open(Map.of());
        IBackgroundCopyJob job = job(origin.url("/a.bin").toString(), "a.bin");
        job.setProxySettings(BgJobProxyUsage.OVERRIDE, "127.0.0.1:" + vacant, null);
        run(job);
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        assertThat(job.getError().getError()).isEqualTo(new BgError(BgErrorContext.GENERAL_TRANSPORT,
                SemanticError.NETWORK_DOWN.in(Dialect.BITS)));
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void twoJobsWithTwoProxies_eachRequestGoesThroughItsOwn() throws Exception {
        try (MockWebServer second = MockWebServer.startProxy()) {
            second.resolveAsLoopback(PROXY_ONLY_NAME);
            open(Map.of());
            IBackgroundCopyJob one = job(byProxyOnlyName(), "one.bin");
            one.setProxySettings(BgJobProxyUsage.OVERRIDE, proxyUrl(), null);
            IBackgroundCopyJob two = job(byProxyOnlyName(), "two.bin");
            two.setProxySettings(BgJobProxyUsage.OVERRIDE, "http://127.0.0.1:" + second.port(), null);
            for (int round = 0; round < 2; round++) {
                one.resume();
                two.resume();
                manager.runUntilIdle();
                assertDownloaded(one, "one.bin");
                assertDownloaded(two, "two.bin");
                assertThat(proxy.drainRequests()).extracting(RecordedRequest::status).containsExactly(200);
                assertThat(second.drainRequests()).extracting(RecordedRequest::status).containsExactly(200);
                java.nio.file.Files.delete(dir.resolve("one.bin"));
                java.nio.file.Files.delete(dir.resolve("two.bin"));
                one = job(byProxyOnlyName(), "one.bin");
                one.setProxySettings(BgJobProxyUsage.OVERRIDE, proxyUrl(), null);
                two = job(byProxyOnlyName(), "two.bin");
                two.setProxySettings(BgJobProxyUsage.OVERRIDE, "http://127.0.0.1:" + second.port(), null);
            }
        }
    }
}
