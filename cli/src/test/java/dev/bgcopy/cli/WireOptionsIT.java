package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.bgcopy.mockwebserver.Authentication;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.Gate;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.mockwebserver.SelfSignedTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire options of {@code bgcopy} end to end: the real jar as a process, the simulator in the BITS dialect
 * (Delivery Optimization has no HTTP options), and the loopback server in its roles (plain, Basic
 * authentication, forward proxy, https with generated certificates). Every run's output is checked for the
 * secrets it was given: a password and a header value never appear.
 */
@Timeout(180)
class WireOptionsIT {

    private static final String PASSWORD = "s3cret-pw";
    private static final String PROXY_PASSWORD = "pr0xy-pw";
    private static final String TOKEN = "tok-4242";
    private static final PseudoRandomContent CONTENT = new PseudoRandomContent(1L << 20, 31);
    private static final PseudoRandomContent BIG = new PseudoRandomContent(16L << 20, 37);

    @TempDir
    Path home;
    @TempDir
    Path store;
    @TempDir
    Path downloads;

    private final List<MockWebServer> servers = new ArrayList<>();
    private BgcopyProcess bgcopy;

    @BeforeEach
    void setUp() {
        bgcopy = new BgcopyProcess(home);
    }

    @AfterEach
    void stop() {
        servers.forEach(MockWebServer::close);
    }

    private MockWebServer serving(MockWebServer server) {
        servers.add(server);
        server.serve("/content.bin", CONTENT);
        server.serve("/big.bin", BIG);
        return server;
    }

    private BgcopyProcess.Result run(BgcopyProcess process, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--store", store.toString(), "--dialect", "bits"));
        all.addAll(List.of(args));
        BgcopyProcess.Result r = process.run(all.toArray(String[]::new));
        assertNoSecret(r);
        return r;
    }

    private static void assertNoSecret(BgcopyProcess.Result r) {
        assertThat(r.stdout() + "\n" + r.stderr()).as("output").doesNotContain(PASSWORD).doesNotContain(PROXY_PASSWORD)
                .doesNotContain(TOKEN);
    }

    private static void assertDownloaded(BgcopyProcess.Result r, Path file, PseudoRandomContent content) throws Exception {
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(Content.sha256(file)).isEqualTo(content.sha256());
    }

    private static String lastLine(BgcopyProcess.Result r) {
        return r.stderrLines().get(r.stderrLines().size() - 1);
    }

    @Test
    void aCustomHeader_arrivesWithTheFirstRequest_andWithTheResumeInAnotherInvocation() throws Exception {
        MockWebServer server = serving(MockWebServer.start());
        Gate gate = server.holdAt("/big.bin", 8L << 20);
        Path file = downloads.resolve("big.bin");
        List<String> command = new ArrayList<>(List.of("--store", store.toString(), "--dialect", "bits", "download",
                "--header", "X-Api-Key: " + TOKEN, "--header", "X-Client: bgcopy-test", server.url("/big.bin").toString(),
                file.toString()));
        BgcopyProcess.Running running = bgcopy.start(bgcopy.command(command.toArray(String[]::new)), line -> false);
        assertThat(gate.awaitReached(Duration.ofSeconds(60))).as("the body reached the gate").isTrue();
        running.interrupt();
        BgcopyProcess.Result interrupted = running.finish();
        assertNoSecret(interrupted);
        assertThat(interrupted.exitCode()).as("stderr: %s", interrupted.stderr()).isEqualTo(130);
        gate.release();
        Matcher m = Pattern.compile("bgcopy resume (\\S+)").matcher(interrupted.stderr());
        assertThat(m.find()).as(interrupted.stderr()).isTrue();
        String id = m.group(1);

        assertThat(run(bgcopy, "resume", id).exitCode()).isZero();
        assertDownloaded(run(bgcopy, "wait", id), file, BIG);

        List<RecordedRequest> requests = server.requests();
        assertThat(requests.get(0).range()).isEmpty();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(2).allSatisfy(q -> {
            assertThat(q.header("X-Api-Key")).contains(TOKEN);
            assertThat(q.header("X-Client")).contains("bgcopy-test");
        });
        assertThat(requests.get(requests.size() - 1).range()).as("the resume's request")
                .hasValueSatisfying(v -> assertThat(v).startsWith("bytes=").isNotEqualTo("bytes=0-"));
    }

    @Test
    void basicAuth_withoutUser_failsWithHttp401_exit1() throws Exception {
        MockWebServer server = serving(MockWebServer.start());
        server.requireAuth(Authentication.basic("bgcopy", "alice", PASSWORD));
        Path file = downloads.resolve("content.bin");

        BgcopyProcess.Result r = run(bgcopy, "download", server.url("/content.bin").toString(), file.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isEqualTo(1);
        assertThat(lastLine(r)).contains("BG_E_HTTP_ERROR_401 (0x80190191)");
        assertThat(file).doesNotExist();
    }

    @Test
    void basicAuth_withUser_fromTheEnvironmentOrTheCommandLine_downloadsTheFile() throws Exception {
        MockWebServer server = serving(MockWebServer.start());
        server.requireAuth(Authentication.basic("bgcopy", "alice", PASSWORD));

        Path fromEnv = downloads.resolve("env.bin");
        assertDownloaded(run(bgcopy.withEnv(Map.of("BGCOPY_PASSWORD", PASSWORD)), "download", "--user", "alice",
                server.url("/content.bin").toString(), fromEnv.toString()), fromEnv, CONTENT);
        Path inline = downloads.resolve("inline.bin");
        assertDownloaded(run(bgcopy, "download", "--user", "alice:" + PASSWORD, "--auth", "basic",
                server.url("/content.bin").toString(), inline.toString()), inline, CONTENT);
        assertThat(server.requests()).anySatisfy(q -> assertThat(q.authorization()).hasValueSatisfying(
                c -> assertThat(c.user()).isEqualTo("alice")));

        Path wrong = downloads.resolve("wrong.bin");
        BgcopyProcess.Result refused = run(bgcopy, "download", "--user", "alice:not-it", server.url("/content.bin").toString(),
                wrong.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(lastLine(refused)).contains("BG_E_HTTP_ERROR_401 (0x80190191)").doesNotContain("not-it");
        assertThat(wrong).doesNotExist();
    }

    @Test
    void verbose_logsAndTracesNeverHoldAPasswordOrAHeaderValue() throws Exception {
        MockWebServer server = serving(MockWebServer.start());
        server.requireAuth(Authentication.basic("bgcopy", "carol", "another-password"));
        BgcopyProcess.Result r = run(bgcopy.withEnv(Map.of("BGCOPY_PROXY_PASSWORD", PROXY_PASSWORD)), "--verbose",
                "download", "--header", "X-Api-Key: " + TOKEN, "--user", "alice:" + PASSWORD, "--no-progress-timeout", "5s",
                server.url("/content.bin").toString(), downloads.resolve("v.bin").toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).as("the log is there").contains("DEBUG");
    }

    @Test
    void credentialsGivenToCreate_outliveTheCommand_andAnswerTheServerOfTheResumedJob() throws Exception {
        MockWebServer server = serving(MockWebServer.start());
        server.requireAuth(Authentication.basic("bgcopy", "alice", PASSWORD));
        BgcopyProcess withPassword = bgcopy.withEnv(Map.of("BGCOPY_PASSWORD", PASSWORD));
        BgcopyProcess.Result created = run(withPassword, "create", "with credentials", "--user", "alice", "--header",
                "X-Api-Key: " + TOKEN);
        assertThat(created.exitCode()).as("stderr: %s", created.stderr()).isZero();
        String id = created.stdout().strip();
        Path file = downloads.resolve("created.bin");
        assertThat(run(bgcopy, "add", id, server.url("/content.bin").toString(), file.toString()).exitCode()).isZero();
        assertThat(run(bgcopy, "resume", id).exitCode()).isZero();
        assertDownloaded(run(bgcopy, "wait", id), file, CONTENT);
        assertThat(server.requests()).anySatisfy(q -> {
            assertThat(q.authorization()).hasValueSatisfying(c -> assertThat(c.user()).isEqualTo("alice"));
            assertThat(q.header("X-Api-Key")).contains(TOKEN);
        });
    }

    @Test
    void aUserWithoutPassword_andNoTerminal_isAOneLineUsageError() throws Exception {
        MockWebServer server = serving(MockWebServer.start());
        BgcopyProcess.Result r = run(bgcopy, "download", "--user", "alice", server.url("/content.bin").toString(),
                downloads.resolve("x.bin").toString());
        r.assertOneLineError(2);
        assertThat(r.stderr()).contains("--user alice has no password and there is no terminal").contains("BGCOPY_PASSWORD");
        assertThat(server.requests()).isEmpty();
        assertThat(BgcopyProcess.filesIn(downloads)).isEmpty();
    }

    @Test
    void aProxy_carriesTheRequest_withItsOwnCredentials() throws Exception {
        MockWebServer server = serving(MockWebServer.start());
        MockWebServer proxy = MockWebServer.startProxy();
        servers.add(proxy);
        proxy.requireAuth(Authentication.basic("proxy", "bob", PROXY_PASSWORD));
        Path file = downloads.resolve("proxied.bin");

        BgcopyProcess.Result r = run(bgcopy.withEnv(Map.of("BGCOPY_PROXY_PASSWORD", PROXY_PASSWORD)), "download",
                "--proxy", "http://127.0.0.1:" + proxy.port(), "--proxy-user", "bob", server.url("/content.bin").toString(),
                file.toString());
        assertDownloaded(r, file, CONTENT);
        assertThat(proxy.requests()).anySatisfy(q -> {
            assertThat(q.target()).isEqualTo(server.url("/content.bin").toString());
            assertThat(q.proxyAuthorization()).hasValueSatisfying(c -> assertThat(c.user()).isEqualTo("bob"));
        });
        assertThat(server.requests()).isNotEmpty().allSatisfy(q -> assertThat(q.header("Via")).isPresent());
    }

    @Test
    void noProxy_goesDirect_evenWhenTheJobWouldHaveOne() throws Exception {
        MockWebServer server = serving(MockWebServer.start());
        Path file = downloads.resolve("direct.bin");
        assertDownloaded(run(bgcopy, "download", "--no-proxy", server.url("/content.bin").toString(), file.toString()),
                file, CONTENT);
        assertThat(server.requests()).isNotEmpty().allSatisfy(q -> assertThat(q.header("Via")).isEmpty());
    }

    @Test
    void aSelfSignedServer_isRefusedByDefault() throws Exception {
        MockWebServer server = serving(MockWebServer.startTls());
        Path file = downloads.resolve("tls.bin");
        BgcopyProcess.Result r = run(bgcopy, "download", server.url("/content.bin").toString(), file.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isEqualTo(1);
        assertThat(lastLine(r)).contains("ERROR_WINHTTP_SECURE");
        assertThat(file).doesNotExist();
    }

    @Test
    void aSelfSignedServer_isAcceptedWithSslIgnoreUnknownCa() throws Exception {
        MockWebServer server = serving(MockWebServer.startTls());
        Path file = downloads.resolve("tls.bin");
        assertDownloaded(run(bgcopy, "download", "--ssl-ignore", "unknown-ca", server.url("/content.bin").toString(),
                file.toString()), file, CONTENT);
    }

    @Test
    void ignoringTheUnknownCa_stillRefusesACertificateForAnotherHost() throws Exception {
        MockWebServer server = serving(MockWebServer.startTls(SelfSignedTls.wrongHost()));
        Path file = downloads.resolve("wrong-host.bin");
        BgcopyProcess.Result r = run(bgcopy, "download", "--ssl-ignore", "unknown-ca", server.url("/content.bin").toString(),
                file.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isEqualTo(1);
        assertThat(lastLine(r)).contains("ERROR_WINHTTP_SECURE");
        assertThat(file).doesNotExist();

        assertDownloaded(run(bgcopy, "download", "--ssl-ignore", "unknown-ca", "--ssl-ignore", "cn-invalid",
                server.url("/content.bin").toString(), file.toString()), file, CONTENT);
    }

    @Test
    void infoJson_showsTheHeaderNamesAndFlags_neverAValueOrAPassword() throws Exception {
        BgcopyProcess.Result created = run(bgcopy, "create", "secrets", "--header", "X-Api-Key: " + TOKEN, "--user",
                "alice:" + PASSWORD, "--proxy", "127.0.0.1:3128", "--proxy-user", "bob:" + PROXY_PASSWORD, "--ssl-ignore",
                "unknown-ca", "--crl-check", "--redirect-policy", "disallow");
        assertThat(created.exitCode()).as("stderr: %s", created.stderr()).isZero();
        String id = created.stdout().strip();

        BgcopyProcess.Result info = run(bgcopy, "info", "--json", id);
        assertThat(info.exitCode()).isZero();
        Map<String, Object> job = JSON.std.mapFrom(info.stdout());
        @SuppressWarnings("unchecked")
        Map<String, Object> http = (Map<String, Object>) job.get("http");
        assertThat(http.get("headers")).isEqualTo(List.of("X-Api-Key"));
        @SuppressWarnings("unchecked")
        Map<String, Object> proxy = (Map<String, Object>) http.get("proxy");
        assertThat(proxy).containsEntry("usage", "OVERRIDE").containsEntry("list", "127.0.0.1:3128").containsEntry("bypass", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> flags = (Map<String, Object>) http.get("securityFlags");
        assertThat(flags).containsEntry("mask", "0x00000209").containsEntry("redirectPolicy", "DISALLOW")
                .containsEntry("ssl", List.of("ENABLE_CRL_CHECK", "IGNORE_UNKNOWN_CA"));
        assertThat(run(bgcopy, "info", id).stdout()).contains("X-Api-Key (values not shown)");
        assertThat(run(bgcopy, "cancel", id).exitCode()).isZero();
    }
}
