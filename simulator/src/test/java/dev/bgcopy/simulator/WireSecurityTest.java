package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgCertStoreLocation;
import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.mockwebserver.SelfSignedTls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a job's security flags, client certificate and redirect policy do on real TLS and http servers
 * (docs/contract.md §4.12 "On the wire (SIM)"): every certificate fault fails with its own code, each
 * {@code BG_SSL_IGNORE_*} flag waives its own fault only, revocation is checked against the CRL the
 * certificate names, a demanded client certificate is presented from its PKCS#12 file, and the three
 * redirect policies do what the SetSecurityFlags page says.
 */
@Timeout(60)
class WireSecurityTest {

    private static final byte[] CONTENT = SimFixture.bytes(20_000, 71);

    @TempDir
    Path dir;

    private SimulatorConfig.Builder config() {
        return SimulatorConfig.builder().dialect(Dialect.BITS).virtualClock(VirtualClock.create())
                .readTimeout(Duration.ofSeconds(10)).certificateDirectory(dir.resolve("certificates"));
    }

    /** An engine trusting exactly the CA (or self-signed certificate) of {@code tls}. */
    private SimulatorConfig.Builder trusting(SelfSignedTls tls) throws Exception {
        Path pem = Files.writeString(dir.resolve("trust-" + UUID.randomUUID() + ".pem"), tls.trustAnchorPem(), StandardCharsets.US_ASCII);
        return config().trustStore(pem, null);
    }

    private static MockWebServer serving(SelfSignedTls tls) {
        MockWebServer server = MockWebServer.startTls(tls);
        server.serve("/f.bin", Content.of(CONTENT));
        return server;
    }

    private static int mask(Set<BgSslFlag> flags) {
        return BgSslFlag.toMask(flags);
    }

    /** Downloads {@code url} with {@code flags} and returns the job, left as the transfer left it. */
    private IBackgroundCopyJob download(SimulatorManager manager, URI url, int flags) {
        IBackgroundCopyJob job = manager.createJob("wire", BgJobType.DOWNLOAD);
        job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow().setSecurityFlags(flags);
        job.addFile(url.toString(), dir.resolve("out-" + UUID.randomUUID() + ".bin").toString());
        job.resume();
        manager.runUntilIdle();
        return job;
    }

    private static void assertFailed(IBackgroundCopyJob job, HResult code) {
        assertThat(job.getState()).as("a certificate fault is fatal").isEqualTo(BgJobState.ERROR);
        assertThat(job.getError().getError().code()).as(job.getError().getErrorDescription(java.util.Locale.ROOT)).isEqualTo(code);
    }

    private static void assertTransferred(IBackgroundCopyJob job) {
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
    }

    /** Each flag but {@code own}: none of them waives the fault {@code own} stands for. */
    private static int allBut(BgSslFlag own) {
        EnumSet<BgSslFlag> others = EnumSet.complementOf(EnumSet.of(own, BgSslFlag.ENABLE_CRL_CHECK));
        return mask(others);
    }

    @Test
    @DisplayName("a self-signed certificate: SECURE_INVALID_CA; IGNORE_UNKNOWN_CA downloads; every other flag leaves the fault")
    void unknownCa() throws Exception {
        try (MockWebServer server = serving(SelfSignedTls.selfSigned());
             SimulatorManager manager = Simulator.newManager(config().build())) {
            URI url = server.url("/f.bin");
            assertFailed(download(manager, url, 0), HResult.ERROR_WINHTTP_SECURE_INVALID_CA);
            assertFailed(download(manager, url, allBut(BgSslFlag.IGNORE_UNKNOWN_CA)), HResult.ERROR_WINHTTP_SECURE_INVALID_CA);
            assertTransferred(download(manager, url, BgSslFlag.IGNORE_UNKNOWN_CA.nativeValue()));
        }
    }

    /**
     * A certificate of a CA the engine trusts, with one fault: refused with {@code code}, also under every other
     * flag, and downloaded byte for byte under its own.
     */
    private void onlyItsOwnFlagWaives(SelfSignedTls tls, BgSslFlag own, HResult code) throws Exception {
        try (MockWebServer server = serving(tls); SimulatorManager manager = Simulator.newManager(trusting(tls).build())) {
            URI url = server.url("/f.bin");
            assertFailed(download(manager, url, 0), code);
            assertFailed(download(manager, url, allBut(own)), code);
            IBackgroundCopyJob job = download(manager, url, own.nativeValue());
            assertTransferred(job);
            job.complete();
            assertThat(Files.readAllBytes(Path.of(job.enumFiles().next(1).get(0).getLocalName()))).isEqualTo(CONTENT);
        }
    }

    @Test
    @DisplayName("an expired certificate of a trusted CA: SECURE_CERT_DATE_INVALID; only IGNORE_CERT_DATE_INVALID waives it")
    void expired() throws Exception {
        onlyItsOwnFlagWaives(SelfSignedTls.expired(), BgSslFlag.IGNORE_CERT_DATE_INVALID, HResult.ERROR_WINHTTP_SECURE_CERT_DATE_INVALID);
    }

    @Test
    @DisplayName("an expired certificate of an unknown CA needs both IGNORE_UNKNOWN_CA and IGNORE_CERT_DATE_INVALID")
    void expiredAndUnknownCaNeedBothFlags() throws Exception {
        try (MockWebServer server = serving(SelfSignedTls.expired()); SimulatorManager manager = Simulator.newManager(config().build())) {
            URI url = server.url("/f.bin");
            assertFailed(download(manager, url, 0), HResult.ERROR_WINHTTP_SECURE_INVALID_CA);
            assertFailed(download(manager, url, BgSslFlag.IGNORE_UNKNOWN_CA.nativeValue()), HResult.ERROR_WINHTTP_SECURE_CERT_DATE_INVALID);
            assertFailed(download(manager, url, BgSslFlag.IGNORE_CERT_DATE_INVALID.nativeValue()), HResult.ERROR_WINHTTP_SECURE_INVALID_CA);
            assertTransferred(download(manager, url, mask(Set.of(BgSslFlag.IGNORE_UNKNOWN_CA, BgSslFlag.IGNORE_CERT_DATE_INVALID))));
        }
    }

    @Test
    @DisplayName("a certificate for another host: SECURE_CERT_CN_INVALID; only IGNORE_CERT_CN_INVALID waives it")
    void wrongHost() throws Exception {
        onlyItsOwnFlagWaives(SelfSignedTls.wrongHost(), BgSslFlag.IGNORE_CERT_CN_INVALID, HResult.ERROR_WINHTTP_SECURE_CERT_CN_INVALID);
    }

    @Test
    @DisplayName("a certificate for client authentication only: SECURE_CERT_WRONG_USAGE; only IGNORE_CERT_WRONG_USAGE waives it")
    void wrongUsage() throws Exception {
        onlyItsOwnFlagWaives(SelfSignedTls.wrongUsage(), BgSslFlag.IGNORE_CERT_WRONG_USAGE,
                HResult.ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE);
    }

    @Test
    @DisplayName("a kept connection never carries one job's waived check to another job's request")
    void relaxedConnectionsAreNotShared() throws Exception {
        try (MockWebServer server = serving(SelfSignedTls.selfSigned());
             SimulatorManager manager = Simulator.newManager(config().build())) {
            URI url = server.url("/f.bin");
            assertTransferred(download(manager, url, BgSslFlag.IGNORE_UNKNOWN_CA.nativeValue()));
            assertFailed(download(manager, url, 0), HResult.ERROR_WINHTTP_SECURE_INVALID_CA);
            assertTransferred(download(manager, url, BgSslFlag.IGNORE_UNKNOWN_CA.nativeValue()));
        }
    }

    @Test
    @DisplayName("BG_SSL_ENABLE_CRL_CHECK: a revoked certificate is SECURE_CERT_REVOKED, a good one downloads, an unobtainable CRL is SECURE_CERT_REV_FAILED; no check without the flag")
    void crlCheck() throws Exception {
        try (MockWebServer crls = MockWebServer.start()) {
            SelfSignedTls revoked = SelfSignedTls.revoked(crls.url("/revoked.crl"));
            SelfSignedTls good = SelfSignedTls.signedByUnknownCa(crls.url("/good.crl"));
            SelfSignedTls missing = SelfSignedTls.signedByUnknownCa(crls.url("/missing.crl"));
            crls.serve("/revoked.crl", Content.of(revoked.crl()));
            crls.serve("/good.crl", Content.of(good.crl()));
            int crl = BgSslFlag.ENABLE_CRL_CHECK.nativeValue();
            try (MockWebServer server = serving(revoked); SimulatorManager manager = Simulator.newManager(trusting(revoked).build())) {
                assertTransferred(download(manager, server.url("/f.bin"), 0));
                assertThat(crls.drainRequests()).as("no revocation check without the flag").isEmpty();
                assertFailed(download(manager, server.url("/f.bin"), crl), HResult.ERROR_WINHTTP_SECURE_CERT_REVOKED);
                assertFailed(download(manager, server.url("/f.bin"), crl | allBut(BgSslFlag.ENABLE_CRL_CHECK)),
                        HResult.ERROR_WINHTTP_SECURE_CERT_REVOKED);
                assertThat(crls.drainRequests()).extracting(RecordedRequest::path).contains("/revoked.crl");
            }
            try (MockWebServer server = serving(good); SimulatorManager manager = Simulator.newManager(trusting(good).build())) {
                assertTransferred(download(manager, server.url("/f.bin"), crl));
                assertThat(crls.drainRequests()).extracting(RecordedRequest::path).containsExactly("/good.crl");
            }
            try (MockWebServer server = serving(missing); SimulatorManager manager = Simulator.newManager(trusting(missing).build())) {
                assertFailed(download(manager, server.url("/f.bin"), crl), HResult.ERROR_WINHTTP_SECURE_CERT_REV_FAILED);
                assertTransferred(download(manager, server.url("/f.bin"), 0));
            }
        }
    }

    @Test
    @DisplayName("a server demanding a client certificate: CLIENT_AUTH_CERT_NEEDED without one, a download with the job's certificate, whose connection no other job reuses")
    void clientCertificate() throws Exception {
        SelfSignedTls tls = SelfSignedTls.signedByUnknownCa().requiringClientCertificate();
        Path store = Files.createDirectories(dir.resolve("certificates").resolve("current-user").resolve("MY"));
        Files.write(store.resolve("client.p12"), tls.clientCertificatePkcs12(new char[0]));
        try (MockWebServer server = serving(tls); SimulatorManager manager = Simulator.newManager(trusting(tls).build())) {
            URI url = server.url("/f.bin");
            assertFailed(download(manager, url, 0), HResult.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED);

            IBackgroundCopyJob job = manager.createJob("mutual", BgJobType.DOWNLOAD);
            job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow()
                    .setClientCertificateByName(BgCertStoreLocation.CURRENT_USER, "MY", "bgcopy client");
            Path dest = dir.resolve("mutual.bin");
            job.addFile(url.toString(), dest.toString());
            job.resume();
            manager.runUntilIdle();
            assertTransferred(job);
            job.complete();
            assertThat(Files.readAllBytes(dest)).isEqualTo(CONTENT);
            assertFailed(download(manager, url, 0), HResult.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED);
        }
    }

    @Test
    @DisplayName("turning BG_SSL_ENABLE_CRL_CHECK on after part of a file arrived downloads that file again from its first byte")
    void crlCheckTurnedOnRestartsAPartialFile() throws Exception {
        try (MockWebServer crls = MockWebServer.start()) {
            SelfSignedTls tls = SelfSignedTls.signedByUnknownCa(crls.url("/ca.crl"));
            crls.serve("/ca.crl", Content.of(tls.crl()));
            try (MockWebServer server = serving(tls); SimulatorManager manager = Simulator.newManager(trusting(tls).build())) {
                server.script("/f.bin", dev.bgcopy.mockwebserver.Fault.DISCONNECT_MID_BODY, 1);
                Path dest = dir.resolve("restarted.bin");
                IBackgroundCopyJob job = manager.createJob("crl later", BgJobType.DOWNLOAD);
                job.addFile(server.url("/f.bin").toString(), dest.toString());
                job.resume();
                manager.runUntilIdle();
                assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
                assertThat(job.getProgress().bytesTransferred()).as("half the body arrived").isPositive();
                job.suspend();

                job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow()
                        .setSecurityFlags(BgSslFlag.ENABLE_CRL_CHECK.nativeValue());
                assertThat(job.getProgress().bytesTransferred()).as("the partial bytes no longer count").isZero();
                server.drainRequests();
                job.resume();
                manager.runUntilIdle();
                assertTransferred(job);
                assertThat(server.drainRequests()).singleElement().satisfies(request ->
                        assertThat(request.range()).as("asked from the first byte").isEmpty());
                assertThat(crls.drainRequests()).extracting(RecordedRequest::path).containsExactly("/ca.crl");
                job.complete();
                assertThat(Files.readAllBytes(dest)).isEqualTo(CONTENT);
            }
        }
    }

    // ---- redirect policy ----

    private static int policy(BgHttpRedirectPolicy policy) {
        return policy.nativeValue();
    }

    private static String remoteName(IBackgroundCopyJob job) {
        return job.enumFiles().next(1).get(0).getRemoteName();
    }

    @Test
    @DisplayName("ALLOW_SILENT follows and keeps the remote name; ALLOW_REPORT follows and makes the final URL the remote name, kept across a restart")
    void allowSilentAndAllowReport() throws Exception {
        try (MockWebServer server = MockWebServer.start()) {
            server.serve("/f.bin", Content.of(CONTENT));
            server.redirectChain("/moved", 3, 302, server.url("/f.bin"));
            URI moved = server.url("/moved");
            UUID reported;
            try (SimulatorManager manager = Simulator.newManager(config().store(dir.resolve("store")).build())) {
                IBackgroundCopyJob silent = download(manager, moved, policy(BgHttpRedirectPolicy.ALLOW_SILENT));
                assertTransferred(silent);
                assertThat(remoteName(silent)).isEqualTo(moved.toString());
                IBackgroundCopyJob report = download(manager, moved, policy(BgHttpRedirectPolicy.ALLOW_REPORT));
                assertTransferred(report);
                assertThat(remoteName(report)).isEqualTo(server.url("/f.bin").toString());
                reported = report.getId();
            }
            try (SimulatorManager again = Simulator.newManager(config().store(dir.resolve("store")).build())) {
                assertThat(remoteName(again.getJob(reported))).as("persisted").isEqualTo(server.url("/f.bin").toString());
            }
        }
    }

    @Test
    @DisplayName("DISALLOW: ERROR with HRESULT_FROM_WIN32(HTTP_STATUS_…) of the redirect, the remote name becomes the redirected URL, which is not requested")
    void disallow() throws Exception {
        try (MockWebServer server = MockWebServer.start()) {
            server.serve("/f.bin", Content.of(CONTENT));
            server.redirect("/found", 302, server.url("/f.bin"));
            server.redirect("/moved", 301, server.url("/f.bin"));
            server.redirect("/see", 303, server.url("/f.bin"));
            server.redirect("/temporary", 307, server.url("/f.bin"));
            server.redirect("/permanent", 308, server.url("/f.bin"));
            server.redirect("/hostile", 302, URI.create("file:///etc/passwd"));
            try (SimulatorManager manager = Simulator.newManager(config().build())) {
                int disallow = policy(BgHttpRedirectPolicy.DISALLOW);
                IBackgroundCopyJob job = download(manager, server.url("/found"), disallow);
                assertFailed(job, HResult.HTTP_STATUS_REDIRECT);
                assertThat(job.getError().getError().code().value()).isEqualTo(0x8007012E);
                assertThat(remoteName(job)).isEqualTo(server.url("/f.bin").toString());
                assertFailed(download(manager, server.url("/moved"), disallow), HResult.HTTP_STATUS_MOVED);
                assertFailed(download(manager, server.url("/see"), disallow), HResult.HTTP_STATUS_REDIRECT_METHOD);
                assertFailed(download(manager, server.url("/temporary"), disallow), HResult.HTTP_STATUS_REDIRECT_KEEP_VERB);
                assertFailed(download(manager, server.url("/permanent"), disallow), HResult.HTTP_STATUS_PERMANENT_REDIRECT);
                IBackgroundCopyJob hostile = download(manager, server.url("/hostile"), disallow);
                assertFailed(hostile, HResult.HTTP_STATUS_REDIRECT);
                assertThat(remoteName(hostile)).as("a file: Location never becomes the remote name")
                        .isEqualTo(server.url("/hostile").toString());
                assertThat(server.requests()).extracting(RecordedRequest::path).doesNotContain("/f.bin");

                job.resume();
                manager.runUntilIdle();
                assertThat(job.getState()).as("the next attempt asks for the redirected URL").isEqualTo(BgJobState.TRANSFERRED);
            }
        }
    }

    @Test
    @DisplayName("https to http is followed only with BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP (else BG_E_HTTP_ERROR_302, unchanged)")
    void httpsToHttp() throws Exception {
        SelfSignedTls tls = SelfSignedTls.selfSigned();
        try (MockWebServer plain = MockWebServer.start(); MockWebServer secure = MockWebServer.startTls(tls);
             SimulatorManager manager = Simulator.newManager(trusting(tls).build())) {
            plain.serve("/f.bin", Content.of(CONTENT));
            secure.redirect("/down", 302, plain.url("/f.bin"));
            assertFailed(download(manager, secure.url("/down"), 0), HResult.fromHttpStatus(302));
            assertFailed(download(manager, secure.url("/down"), policy(BgHttpRedirectPolicy.ALLOW_REPORT)), HResult.fromHttpStatus(302));
            assertThat(plain.drainRequests()).isEmpty();
            IBackgroundCopyJob allowed = download(manager, secure.url("/down"),
                    policy(BgHttpRedirectPolicy.ALLOW_REPORT) | BgHttpRedirectPolicy.ALLOW_HTTPS_TO_HTTP);
            assertTransferred(allowed);
            assertThat(remoteName(allowed)).isEqualTo(plain.url("/f.bin").toString());
        }
    }

    @Test
    @DisplayName("under every policy an endless redirect chain stops after 10 hops with the redirect's status")
    void endlessChainsStayBounded() throws Exception {
        try (MockWebServer server = MockWebServer.start(); SimulatorManager manager = Simulator.newManager(config().build())) {
            server.redirectEndlessly("/endless", 302);
            for (BgHttpRedirectPolicy each : List.of(BgHttpRedirectPolicy.ALLOW_SILENT, BgHttpRedirectPolicy.ALLOW_REPORT)) {
                server.drainRequests();
                IBackgroundCopyJob job = download(manager, server.url("/endless"), policy(each));
                assertFailed(job, HResult.fromHttpStatus(302));
                assertThat(server.drainRequests()).hasSize(RedirectPolicy.MAX_REDIRECTS + 1);
                assertThat(remoteName(job)).isEqualTo(server.url("/endless").toString());
            }
        }
    }
}
