package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.mockwebserver.Authentication;
import dev.bgcopy.mockwebserver.Authentication.DigestAlgorithm;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import dev.bgcopy.mockwebserver.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * A job's credentials on the wire (docs/contract.md §4.11 "On the wire (SIM)"): Basic and Digest answered for the
 * server and the proxy, only in answer to a challenge and only with the scheme set; a 401 or 407 that stays ends
 * the job in ERROR. Real sockets: the build's MockWebServer as the server and as the forward proxy. No password
 * appears in a description or a recorded request.
 */
@Timeout(120)
class HttpCredentialsTest {

    private static final String PASSWORD = "s3cret-Pa55";
    private static final PseudoRandomContent CONTENT = new PseudoRandomContent(200_000, 41);

    @TempDir
    Path dir;

    private MockWebServer server;
    private SimulatorManager manager;

    @BeforeEach
    void start() {
        server = MockWebServer.start();
        server.serve("/a.bin", CONTENT);
        manager = Simulator.newManager(SimulatorConfig.builder()
                .dialect(Dialect.BITS)
                .virtualClock(VirtualClock.create())
                .proxyEnvironment(Map.of())
                .build());
    }

    @AfterEach
    void stop() {
        manager.close();
        server.close();
    }

    private IBackgroundCopyJob2 job(String url) {
        IBackgroundCopyJob job = manager.createJob("auth", BgJobType.DOWNLOAD);
        job.addFile(url, dir.resolve("a.bin").toString());
        return job.queryInterface(IBackgroundCopyJob2.class).orElseThrow();
    }

    /** Reopens the manager trusting {@code tls}, which serves the content too. */
    private void trust(MockWebServer tls) {
        tls.serve("/a.bin", CONTENT);
        SimulatorConfig config = manager.config().toBuilder().sslContext(tls.clientSslContext()).build();
        manager.close();
        manager = Simulator.newManager(config);
    }

    private static void credentials(IBackgroundCopyJob2 job, BgAuthTarget target, BgAuthScheme scheme, String password) {
        job.setCredentials(BgAuthCredentials.of(target, scheme, "alice", password.toCharArray()));
    }

    private BgJobState run(IBackgroundCopyJob job) {
        job.resume();
        manager.runUntilIdle();
        return job.getState();
    }

    private void assertDownloaded(IBackgroundCopyJob job) throws Exception {
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        job.complete();
        assertThat(Content.sha256(dir.resolve("a.bin"))).isEqualTo(CONTENT.sha256());
    }

    /** The job ended in ERROR with {@code code}, context REMOTE_FILE, no file at the destination and no password said. */
    private void assertFailed(IBackgroundCopyJob job, HResult code) {
        assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
        assertThat(job.getError().getError()).isEqualTo(new BgError(BgErrorContext.REMOTE_FILE, code));
        assertThat(job.getError().getErrorDescription(Locale.ROOT)).doesNotContain(PASSWORD);
        assertThat(dir.resolve("a.bin")).doesNotExist();
    }

    private static void assertNoPassword(List<RecordedRequest> requests) {
        assertThat(requests).allSatisfy(r -> assertThat(r.toString() + r.headers()).doesNotContain(PASSWORD));
    }

    @ParameterizedTest
    @EnumSource(value = BgAuthScheme.class, names = {"BASIC", "DIGEST"})
    void serverCredentials_answerTheChallenge_afterAFirstRequestWithout(BgAuthScheme scheme) throws Exception {
        server.requireAuth(scheme == BgAuthScheme.BASIC ? Authentication.basic("files", "alice", PASSWORD)
                : Authentication.digest("files", "alice", PASSWORD));
        IBackgroundCopyJob2 job = job(server.url("/a.bin").toString());
        credentials(job, BgAuthTarget.SERVER, scheme, PASSWORD);
        run(job);
        assertDownloaded(job);
        List<RecordedRequest> requests = server.drainRequests();
        assertThat(requests).extracting(RecordedRequest::status).containsExactly(401, 200);
        assertThat(requests.get(0).authorization()).as("nothing before the challenge").isEmpty();
        assertThat(requests.get(1).authorization()).hasValue(new RecordedRequest.Credentials(
                scheme == BgAuthScheme.BASIC ? "Basic" : "Digest", "alice"));
        assertNoPassword(requests);
    }

    @ParameterizedTest
    @EnumSource(value = DigestAlgorithm.class)
    void digest_eachAlgorithm_andAStaleNonceRetriedWithoutAskingAgain(DigestAlgorithm algorithm) throws Exception {
        Authentication digest = Authentication.digest("files", "alice", PASSWORD, algorithm);
        server.requireAuth(digest);
        IBackgroundCopyJob2 job = job(server.url("/a.bin").toString());
        credentials(job, BgAuthTarget.SERVER, BgAuthScheme.DIGEST, PASSWORD);
        run(job);
        assertDownloaded(job);
        digest.expireNonces();
        IBackgroundCopyJob2 again = job(server.url("/a.bin").toString());
        credentials(again, BgAuthTarget.SERVER, BgAuthScheme.DIGEST, PASSWORD);
        run(again);
        assertDownloaded(again);
    }

    @Test
    void noCredentials_401_isFatal_withOneRequest_andThePlainHttpServerThatNeverAskedGetsNone() throws Exception {
        server.requireAuth("/a.bin", Authentication.basic("files", "alice", PASSWORD));
        server.serve("/open.bin", CONTENT);
        IBackgroundCopyJob2 open = job(server.url("/open.bin").toString());
        credentials(open, BgAuthTarget.SERVER, BgAuthScheme.BASIC, PASSWORD);
        run(open);
        assertThat(open.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(server.drainRequests()).singleElement().satisfies(r -> assertThat(r.authorization()).isEmpty());

        IBackgroundCopyJob2 job = job(server.url("/a.bin").toString());
        run(job);
        assertFailed(job, HResult.BG_E_HTTP_ERROR_401);
        assertThat(server.drainRequests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "loop"})
    void wrongCredentials_orAServerThatKeepsChallenging_401_afterABoundedNumberOfRequests(String kind) {
        Authentication basic = Authentication.basic("files", "alice", PASSWORD);
        server.requireAuth(kind.equals("loop") ? basic.alwaysChallenge() : basic);
        IBackgroundCopyJob2 job = job(server.url("/a.bin").toString());
        credentials(job, BgAuthTarget.SERVER, BgAuthScheme.BASIC, kind.equals("loop") ? PASSWORD : "wrong");
        run(job);
        assertFailed(job, HResult.BG_E_HTTP_ERROR_401);
        assertThat(server.drainRequests()).extracting(RecordedRequest::status).containsExactly(401, 401);
    }

    @Test
    void digestLoop_withStaleNoncesForEver_endsAfterTheBound() {
        Authentication digest = Authentication.digest("files", "alice", PASSWORD, DigestAlgorithm.MD5);
        server.requireAuth(digest);
        // Every answer arrives with a nonce made stale just before: the server calls each one stale.
        server.onExchangeFinished(r -> digest.expireNonces());
        IBackgroundCopyJob2 job = job(server.url("/a.bin").toString());
        credentials(job, BgAuthTarget.SERVER, BgAuthScheme.DIGEST, PASSWORD);
        run(job);
        assertFailed(job, HResult.BG_E_HTTP_ERROR_401);
        assertThat(server.drainRequests()).hasSize(JobCredentials.MAX_DIGEST_CHALLENGES + 1)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void onlyTheSchemeSet_isAnswered_andTheTargetMatters() {
        server.requireAuth(Authentication.basic("files", "alice", PASSWORD));
        IBackgroundCopyJob2 digestOnly = job(server.url("/a.bin").toString());
        credentials(digestOnly, BgAuthTarget.SERVER, BgAuthScheme.DIGEST, PASSWORD);
        credentials(digestOnly, BgAuthTarget.PROXY, BgAuthScheme.BASIC, PASSWORD);
        run(digestOnly);
        assertFailed(digestOnly, HResult.BG_E_HTTP_ERROR_401);
        assertThat(server.drainRequests()).singleElement().satisfies(r -> assertThat(r.authorization()).isEmpty());
    }

    /** §8 I-35: a scheme the simulator cannot speak is a challenge without matching credentials. */
    @ParameterizedTest
    @ValueSource(strings = {"NTLM", "Negotiate"})
    void ntlmOrNegotiate_evenWithCredentialsForIt_401(String scheme) {
        server.requireAuth(Authentication.unanswerable(scheme));
        IBackgroundCopyJob2 job = job(server.url("/a.bin").toString());
        job.setCredentials(BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.valueOf(scheme.toUpperCase(Locale.ROOT)),
                "alice", PASSWORD.toCharArray()));
        job.setCredentials(BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.NTLM, null, null));
        run(job);
        assertFailed(job, HResult.BG_E_HTTP_ERROR_401);
        assertThat(server.drainRequests()).singleElement().satisfies(r -> assertThat(r.authorization()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(value = BgAuthScheme.class, names = {"BASIC", "DIGEST"})
    void proxyCredentials_answer407_forAbsoluteFormAndConnect_andNeverReachTheServer(BgAuthScheme scheme) throws Exception {
        try (MockWebServer proxy = MockWebServer.startProxy(); MockWebServer tls = MockWebServer.startTls()) {
            proxy.requireAuth(scheme == BgAuthScheme.BASIC ? Authentication.basic("proxy", "alice", PASSWORD)
                    : Authentication.digest("proxy", "alice", PASSWORD));
            trust(tls);
            String list = "127.0.0.1:" + proxy.port();
            for (URIAndServer target : List.of(new URIAndServer(server.url("/a.bin").toString(), server),
                    new URIAndServer(tls.url("/a.bin").toString(), tls))) {
                IBackgroundCopyJob2 job = job(target.url());
                job.setProxySettings(BgJobProxyUsage.OVERRIDE, list, null);
                credentials(job, BgAuthTarget.PROXY, scheme, PASSWORD);
                run(job);
                assertDownloaded(job);
                Files.deleteIfExists(dir.resolve("a.bin"));
                List<RecordedRequest> proxied = proxy.drainRequests();
                assertThat(proxied).extracting(RecordedRequest::status).containsExactly(407, 200);
                assertThat(proxied.get(1).proxyAuthorization()).hasValue(new RecordedRequest.Credentials(
                        scheme == BgAuthScheme.BASIC ? "Basic" : "Digest", "alice"));
                assertThat(proxied.get(0).method()).isEqualTo(target.server() == tls ? "CONNECT" : "GET");
                assertNoPassword(proxied);
                assertThat(target.server().drainRequests()).singleElement().satisfies(r -> {
                    assertThat(r.proxyAuthorization()).isEmpty();
                    assertThat(r.authorization()).isEmpty();
                });
            }
        }
    }

    private record URIAndServer(String url, MockWebServer server) {
    }

    @Test
    void proxyWithoutMatchingCredentials_407_isFatal_forAbsoluteFormAndConnect() throws Exception {
        try (MockWebServer proxy = MockWebServer.startProxy()) {
            proxy.requireAuth(Authentication.basic("proxy", "alice", PASSWORD));
            IBackgroundCopyJob2 plain = job(server.url("/a.bin").toString());
            plain.setProxySettings(BgJobProxyUsage.OVERRIDE, "127.0.0.1:" + proxy.port(), null);
            credentials(plain, BgAuthTarget.SERVER, BgAuthScheme.BASIC, PASSWORD);
            run(plain);
            assertFailed(plain, HResult.BG_E_HTTP_ERROR_407);

            IBackgroundCopyJob2 tunnel = job("https://127.0.0.1:" + server.port() + "/a.bin");
            tunnel.setProxySettings(BgJobProxyUsage.OVERRIDE, "https=127.0.0.1:" + proxy.port(), null);
            credentials(tunnel, BgAuthTarget.PROXY, BgAuthScheme.BASIC, "wrong");
            run(tunnel);
            assertFailed(tunnel, HResult.BG_E_HTTP_ERROR_407);
            List<RecordedRequest> proxied = proxy.drainRequests();
            assertThat(proxied).extracting(RecordedRequest::method).containsExactly("GET", "CONNECT", "CONNECT");
            assertThat(proxied).extracting(RecordedRequest::status).containsExactly(407, 407, 407);
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void ntlmProxy_407() throws Exception {
        try (MockWebServer proxy = MockWebServer.startProxy()) {
            proxy.requireAuth(Authentication.unanswerable("NTLM"));
            IBackgroundCopyJob2 job = job(server.url("/a.bin").toString());
            job.setProxySettings(BgJobProxyUsage.OVERRIDE, "127.0.0.1:" + proxy.port(), null);
            job.setCredentials(BgAuthCredentials.of(BgAuthTarget.PROXY, BgAuthScheme.NTLM, null, null));
            run(job);
            assertFailed(job, HResult.BG_E_HTTP_ERROR_407);
        }
    }

    @Test
    void aProxyTunnelOpenedWithOneJobsCredentials_isNotReusedByAJobWithout() throws Exception {
        try (MockWebServer proxy = MockWebServer.startProxy(); MockWebServer tls = MockWebServer.startTls()) {
            proxy.requireAuth(Authentication.basic("proxy", "alice", PASSWORD));
            trust(tls);
            String list = "127.0.0.1:" + proxy.port();
            IBackgroundCopyJob2 first = job(tls.url("/a.bin").toString());
            first.setProxySettings(BgJobProxyUsage.OVERRIDE, list, null);
            credentials(first, BgAuthTarget.PROXY, BgAuthScheme.BASIC, PASSWORD);
            run(first);
            assertDownloaded(first);
            Files.delete(dir.resolve("a.bin"));
            IBackgroundCopyJob2 second = job(tls.url("/a.bin").toString());
            second.setProxySettings(BgJobProxyUsage.OVERRIDE, list, null);
            run(second);
            assertFailed(second, HResult.BG_E_HTTP_ERROR_407);
            assertThat(tls.drainRequests()).as("only the first job reached the server").hasSize(1);
        }
    }
}
