package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https over real sockets: the MockWebServer's self-signed certificate for 127.0.0.1, made at start. The
 * default configuration verifies certificates (so the download fails, fatally); a configured
 * {@link SSLContext} that trusts the certificate downloads; a redirect from https to http is not followed.
 */
@Timeout(60)
class HttpsTransferTest {

    private static final byte[] CONTENT = SimFixture.bytes(50_000, 443);

    private static MockWebServer server;
    private static MockWebServer plain;
    private static SSLContext trusting;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        plain = MockWebServer.start();
        plain.serve("/plain.bin", new PseudoRandomContent(1_000, 1));
        server = MockWebServer.startTls();
        server.serve("/secure.bin", Content.of(CONTENT)).etag("\"s1\"");
        server.redirect("/downgrade", 302, plain.url("/plain.bin"));
        trusting = server.clientSslContext();
    }

    @AfterAll
    static void stop() {
        server.close();
        plain.close();
    }

    private static String url(String path) {
        return server.url(path).toString();
    }

    private IBackgroundCopyJob download(SimulatorManager manager, String path, Path dest) {
        IBackgroundCopyJob job = manager.createJob("https", BgJobType.DOWNLOAD);
        job.addFileWithRanges("f", url(path), dest.toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        job.resume();
        manager.runUntilIdle();
        return job;
    }

    private static SimulatorConfig.Builder config() {
        return SimulatorConfig.builder().dialect(Dialect.DO).virtualClock(VirtualClock.create())
                .readTimeout(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("§5.5 https with an untrusted certificate: ERROR with the unknown-CA code, nothing written")
    void untrustedCertificateIsFatal() throws Exception {
        try (SimulatorManager manager = Simulator.newManager(config().build())) {
            IBackgroundCopyJob job = download(manager, "/secure.bin", dir.resolve("s.bin"));
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.ERROR_WINHTTP_SECURE_INVALID_CA);
            assertThat(job.getError().getError().code()).as("printed with its name")
                    .hasToString("HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_INVALID_CA) (0x80072F0D)");
            try (var files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("https with a trusting SSLContext downloads byte-identically")
    void trustedCertificateDownloads() throws Exception {
        try (SimulatorManager manager = Simulator.newManager(config().sslContext(trusting).build())) {
            Path dest = dir.resolve("s.bin");
            IBackgroundCopyJob job = download(manager, "/secure.bin", dest);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            job.complete();
            assertThat(Files.readAllBytes(dest)).isEqualTo(CONTENT);
        }
    }

    @Test
    @DisplayName("a redirect from https to http is not followed: ERROR with the redirect status, the http URL never requested")
    void httpsToHttpRedirectIsRefused() throws Exception {
        try (SimulatorManager manager = Simulator.newManager(config().sslContext(trusting).build())) {
            plain.drainRequests();
            IBackgroundCopyJob job = download(manager, "/downgrade", dir.resolve("d.bin"));
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.fromHttpStatus(302));
            assertThat(plain.drainRequests()).isEmpty();
        }
    }

    @Test
    @DisplayName("the refused https to http redirect says so in the error description (BITS)")
    void httpsToHttpRedirectSaysWhy() {
        try (SimulatorManager manager = Simulator.newManager(config().dialect(Dialect.BITS).sslContext(trusting).build())) {
            IBackgroundCopyJob job = manager.createJob("https", BgJobType.DOWNLOAD);
            job.addFile(url("/downgrade"), dir.resolve("d.bin").toString());
            job.resume();
            manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getErrorDescription(java.util.Locale.ROOT))
                    .contains("HTTP 302").contains("a redirect from https to http");
        }
    }
}
