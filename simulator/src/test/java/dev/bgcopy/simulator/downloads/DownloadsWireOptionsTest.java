package dev.bgcopy.simulator.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.api.downloads.Download;
import dev.bgcopy.api.downloads.DownloadRequest;
import dev.bgcopy.api.downloads.Downloads;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import dev.bgcopy.mockwebserver.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Downloads API's wire options (headers, credentials, proxy, security flags) on the real simulator: set on
 * the job before it starts where the dialect has the interfaces (BITS), refused before any job exists where it
 * has not (Delivery Optimization), and passwords cleared once the service holds them.
 */
@Timeout(60)
class DownloadsWireOptionsTest {

    private static final PseudoRandomContent CONTENT = new PseudoRandomContent(200_000, 23);

    @TempDir
    Path dir;

    private MockWebServer server;
    private Path out;
    private Path store;

    @BeforeEach
    void setUp() throws Exception {
        server = MockWebServer.start();
        server.serve("/app.zip", CONTENT);
        out = Files.createDirectories(dir.resolve("out"));
        store = Files.createDirectories(dir.resolve("store"));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Downloads open(String dialect) {
        return Downloads.open("wire-test", "simulator", Map.of("dialect", dialect, "store", store.toString(),
                Downloads.OPTION_POLL_MILLIS, "20"));
    }

    @Test
    void onBits_theHeadersAndFlagsAreTheJobsBeforeItStarts_andTheHeadersArriveAtTheServer() throws Exception {
        try (Downloads downloads = open("bits")) {
            Download d = downloads.start(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip"))
                    .header("X-Api-Key", "k-123").header("X-Client", "updater/2.4")
                    .tlsFlags(Set.of(BgSslFlag.ENABLE_CRL_CHECK))
                    .redirectPolicy(BgHttpRedirectPolicy.ALLOW_REPORT, false)
                    .proxy(BgJobProxyUsage.NO_PROXY, null, null)
                    .build());
            IBackgroundCopyJob job = d.job().orElseThrow();
            IBackgroundCopyJobHttpOptions http = job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow();
            assertThat(http.getCustomHeaders()).contains("X-Api-Key: k-123\r\nX-Client: updater/2.4\r\n");
            assertThat(BgSecurityFlags.fromMask(http.getSecurityFlags())).contains(new BgSecurityFlags(
                    Set.of(BgSslFlag.ENABLE_CRL_CHECK), BgHttpRedirectPolicy.ALLOW_REPORT, false));
            assertThat(job.getProxySettings().usage()).isEqualTo(BgJobProxyUsage.NO_PROXY);

            assertThat(d.completion().get(30, TimeUnit.SECONDS)).isEqualTo(out.resolve("app.zip"));
        }
        assertThat(Content.sha256(out.resolve("app.zip"))).isEqualTo(CONTENT.sha256());
        RecordedRequest first = server.requests().get(0);
        assertThat(first.header("X-Api-Key")).contains("k-123");
        assertThat(first.header("X-Client")).contains("updater/2.4");
    }

    @Test
    void onDeliveryOptimization_eachWireOptionIsRefusedWithItsHresult_beforeAnyJobIsCreated() {
        try (Downloads downloads = open("do")) {
            assertRefusedBeforeCreation(downloads, DownloadRequest.builder(server.url("/app.zip"), out.resolve("a.zip"))
                    .header("X-Api-Key", "k-123"), HResult.E_NOINTERFACE, "IUnknown::QueryInterface");
            assertRefusedBeforeCreation(downloads, DownloadRequest.builder(server.url("/app.zip"), out.resolve("b.zip"))
                    .credentials(BgAuthScheme.BASIC, "alice", "s3cret".toCharArray()), HResult.E_NOINTERFACE,
                    "IUnknown::QueryInterface");
            assertRefusedBeforeCreation(downloads, DownloadRequest.builder(server.url("/app.zip"), out.resolve("c.zip"))
                    .tlsFlags(Set.of(BgSslFlag.IGNORE_UNKNOWN_CA)), HResult.E_NOINTERFACE, "IUnknown::QueryInterface");
            assertRefusedBeforeCreation(downloads, DownloadRequest.builder(server.url("/app.zip"), out.resolve("d.zip"))
                    .proxy(BgJobProxyUsage.OVERRIDE, "127.0.0.1:3128", null), HResult.E_NOTIMPL,
                    "IBackgroundCopyJob::SetProxySettings");
            assertThat(downloads.list()).isEmpty();
        }
        assertThat(server.requests()).isEmpty();
        assertThat(out).isEmptyDirectory();
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", Map.of("dialect", "bits", "store",
                store.resolve("apps").resolve("wire-test").toString()));
                IEnumBackgroundCopyJobs jobs = manager.enumJobs(0)) {
            assertThat(jobs.getCount()).as("jobs in the store").isZero();
        }
    }

    private static void assertRefusedBeforeCreation(Downloads downloads, DownloadRequest.Builder request, HResult expected,
            String method) {
        assertThatThrownBy(() -> downloads.start(request.build()))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(expected);
                    assertThat(e.method()).isEqualTo(method);
                    assertThat(e.getMessage()).contains("simulator").doesNotContain("s3cret").doesNotContain("k-123");
                });
    }

    @Test
    void aRequestWithCredentials_startsOnce_sinceItsPasswordIsClearedWhenTheServiceHoldsIt() throws Exception {
        char[] password = "s3cret".toCharArray();
        DownloadRequest request = DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip"))
                .credentials(BgAuthScheme.BASIC, "alice", password).build();
        java.util.Arrays.fill(password, '\0');
        try (Downloads downloads = open("bits")) {
            Download d = downloads.start(request);
            assertThat(d.completion().get(30, TimeUnit.SECONDS)).isEqualTo(out.resolve("app.zip"));
            assertThat(request.wire().toString()).contains("alice").doesNotContain("s3cret");

            assertThatThrownBy(() -> downloads.start(request)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cleared");
            assertThat(downloads.list()).isEmpty();
        }
    }
}
