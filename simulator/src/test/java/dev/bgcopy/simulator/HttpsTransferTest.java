package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https over real sockets: a self-signed certificate for 127.0.0.1 made with the JDK's keytool. The
 * default configuration verifies certificates (so the download fails, fatally); a configured
 * {@link SSLContext} that trusts the certificate downloads; a redirect from https to http is not followed.
 */
@Timeout(60)
class HttpsTransferTest {

    private static final byte[] CONTENT = SimFixture.bytes(50_000, 443);
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;

    private static HttpsServer server;
    private static ExecutorService executor;
    private static LoopbackServer plain;
    private static SSLContext trusting;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "server", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", ks.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);

        plain = new LoopbackServer();
        plain.serve("/plain.bin", new LoopbackServer.Content(1_000, 1));
        executor = Executors.newCachedThreadPool();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.setExecutor(executor);
        server.createContext("/secure.bin", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("ETag", "\"s1\"");
                exchange.sendResponseHeaders(200, CONTENT.length);
                exchange.getResponseBody().write(CONTENT);
            }
        });
        server.createContext("/downgrade", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", plain.url("/plain.bin").toString());
                exchange.sendResponseHeaders(302, -1);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        executor.shutdownNow();
        plain.close();
    }

    private static String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
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
    @DisplayName("§5.5 https with an untrusted certificate: ERROR with the TLS failure code, nothing written")
    void untrustedCertificateIsFatal() throws Exception {
        try (SimulatorManager manager = Simulator.newManager(config().build())) {
            IBackgroundCopyJob job = download(manager, "/secure.bin", dir.resolve("s.bin"));
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(Failure.SECURE_FAILURE);
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
}
