package dev.bgcopy.mockwebserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.mockwebserver.Authentication.DigestAlgorithm;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Basic and Digest authentication over real loopback sockets: the JDK's clients for Basic, Apache HttpClient 5
 * for Digest (MD5 and SHA-256), and hand-made Digest answers where a test must choose the nonce and count.
 */
@Timeout(30)
class AuthenticationTest {

    private static final byte[] BODY = "protected bytes".getBytes(StandardCharsets.US_ASCII);

    private MockWebServer server;
    private final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        server = MockWebServer.start();
        server.serve("/secret.bin", Content.of(BODY));
        server.serve("/open.bin", Content.of(BODY));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return jdk.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Status and body of a GET by Apache HttpClient 5 holding {@code alice}'s credentials for the server. */
    private int apacheGet(String path, String password, HttpClientContext context) throws IOException {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope("127.0.0.1", server.port()),
                new UsernamePasswordCredentials("alice", password.toCharArray()));
        context.setCredentialsProvider(credentials);
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            return client.execute(new HttpGet(server.url(path)), context, response -> {
                byte[] body = EntityUtils.toByteArray(response.getEntity());
                if (response.getCode() == 200) {
                    assertThat(body).isEqualTo(BODY);
                }
                return response.getCode();
            });
        }
    }

    @Test
    void basic_withoutCredentials_is401WithTheChallenge_withThemTheResource() throws Exception {
        server.requireAuth(Authentication.basic("files", "alice", "s3cret"));
        HttpResponse<byte[]> refused = get("/secret.bin");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"files\", charset=\"UTF-8\"");
        assertThat(get("/secret.bin", "Authorization", basic("alice", "wrong")).statusCode()).isEqualTo(401);
        assertThat(get("/secret.bin", "Authorization", basic("bob", "s3cret")).statusCode()).isEqualTo(401);
        assertThat(get("/secret.bin", "Authorization", "Basic !!not-base64").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> accepted = get("/secret.bin", "Authorization", basic("alice", "s3cret"));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo(BODY);
    }

    @Test
    void basic_aClientAnsweringTheChallenge_isRecordedWithSchemeAndUser_neverThePassword() throws Exception {
        server.requireAuth(Authentication.basic("files", "alice", "s3cret"));
        HttpURLConnection connection = (HttpURLConnection) server.url("/secret.bin").toURL().openConnection();
        connection.setAuthenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication("alice", "s3cret".toCharArray());
            }
        });
        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(connection.getInputStream().readAllBytes()).isEqualTo(BODY);
        List<RecordedRequest> seen = server.drainRequests();
        assertThat(seen).extracting(RecordedRequest::status).containsExactly(401, 200);
        assertThat(seen.get(0).authorization()).isEmpty();
        assertThat(seen.get(0).responseHeader("WWW-Authenticate")).hasValue("Basic realm=\"files\", charset=\"UTF-8\"");
        assertThat(seen.get(1).authorization()).hasValue(new RecordedRequest.Credentials("Basic", "alice"));
        assertThat(seen.get(1).header("Authorization")).hasValue("Basic [redacted]");
        String token = basic("alice", "s3cret").substring(6);
        for (RecordedRequest request : seen) {
            assertThat(request.toString()).doesNotContain("s3cret").doesNotContain(token);
            assertThat(request.headers().toString()).doesNotContain("s3cret").doesNotContain(token);
        }
        // The client has every byte before the server has recorded the exchange as ended.
        assertThat(seen.get(1).awaitFinished(java.time.Duration.ofSeconds(30))).isTrue();
        assertThat(seen.get(1)).hasToString("GET /secret.bin Authorization: Basic alice -> 200, 15 bytes");
        assertThat(Authentication.basic("files", "alice", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void perPath_protectsOnlyThatResource_andOverridesTheServerWideOne() throws Exception {
        server.requireAuth("/secret.bin", Authentication.basic("files", "alice", "s3cret"));
        assertThat(get("/open.bin").statusCode()).isEqualTo(200);
        assertThat(get("/secret.bin").statusCode()).isEqualTo(401);
        server.requireAuth(Authentication.basic("everything", "carol", "pw"));
        assertThat(get("/open.bin").statusCode()).isEqualTo(401);
        assertThat(get("/open.bin", "Authorization", basic("carol", "pw")).statusCode()).isEqualTo(200);
        assertThat(get("/secret.bin", "Authorization", basic("carol", "pw")).statusCode()).isEqualTo(401);
        assertThat(get("/secret.bin", "Authorization", basic("alice", "s3cret")).statusCode()).isEqualTo(200);
        assertThat(get("/missing.bin", "Authorization", basic("carol", "pw")).statusCode()).as("then 404").isEqualTo(404);
    }

    @Test
    void authentication_comesAfterFaults_andBeforeRedirects() throws Exception {
        server.requireAuth(Authentication.basic("files", "alice", "s3cret"));
        server.redirect("/moved.bin", 302, server.url("/open.bin"));
        server.script("/moved.bin", Fault.HTTP_503, 1);
        assertThat(get("/moved.bin").statusCode()).isEqualTo(503);
        assertThat(get("/moved.bin").statusCode()).isEqualTo(401);
        assertThat(get("/moved.bin", "Authorization", basic("alice", "s3cret")).statusCode()).isEqualTo(302);
    }

    @Test
    void digest_sha256AndMd5_eachAnsweredByApacheHttpClient() throws Exception {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            server.requireAuth(Authentication.digest("files", "alice", "s3cret", algorithm));
            assertThat(apacheGet("/secret.bin", "s3cret", HttpClientContext.create())).as(algorithm.name()).isEqualTo(200);
            List<RecordedRequest> seen = server.drainRequests();
            assertThat(seen).extracting(RecordedRequest::status).containsExactly(401, 200);
            assertThat(seen.get(0).responseHeader("WWW-Authenticate").orElseThrow())
                    .startsWith("Digest realm=\"files\", qop=\"auth\", algorithm=" + algorithm.token() + ", nonce=\"");
            assertThat(seen.get(1).authorization()).hasValue(new RecordedRequest.Credentials("Digest", "alice"));
            Map<String, String> answer = Authentication.parseParameters(seen.get(1).header("Authorization").orElseThrow()
                    .substring("Digest ".length()));
            assertThat(answer).containsEntry("algorithm", algorithm.token()).containsEntry("qop", "auth")
                    .containsEntry("uri", "/secret.bin").containsEntry("response", "[redacted]");
            assertThat(apacheGet("/secret.bin", "wrong", HttpClientContext.create())).as(algorithm.name()).isEqualTo(401);
            assertThat(server.drainRequests()).as("a wrong answer is challenged, then the client gives up")
                    .extracting(RecordedRequest::status).containsExactly(401, 401);
        }
    }

    @Test
    void digest_offersSha256ThenMd5ByDefault_oneChallengeEach_sameNonce() throws Exception {
        server.requireAuth(Authentication.digest("files", "alice", "s3cret"));
        List<String> challenges = get("/secret.bin").headers().allValues("WWW-Authenticate");
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).contains("algorithm=SHA-256");
        assertThat(challenges.get(1)).contains("algorithm=MD5");
        assertThat(nonce(challenges.get(0))).isEqualTo(nonce(challenges.get(1)));
        assertThat(apacheGet("/secret.bin", "s3cret", HttpClientContext.create())).isEqualTo(200);
    }

    private static String nonce(String challenge) {
        return Authentication.parseParameters(challenge.substring("Digest ".length())).get("nonce");
    }

    /** A Digest answer computed here, so the test chooses the nonce, the count and the uri. */
    private static String digestAnswer(String challenge, String password, String nc, String uri) throws Exception {
        Map<String, String> parameters = Authentication.parseParameters(challenge.substring("Digest ".length()));
        String jca = parameters.get("algorithm").equals("MD5") ? "MD5" : "SHA-256";
        MessageDigest digest = MessageDigest.getInstance(jca);
        java.util.function.UnaryOperator<String> h = text -> HexFormat.of().formatHex(
                digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        String ha1 = h.apply("alice:" + parameters.get("realm") + ":" + password);
        String ha2 = h.apply("GET:" + uri);
        String response = h.apply(ha1 + ":" + parameters.get("nonce") + ":" + nc + ":c0ffee:auth:" + ha2);
        return "Digest username=\"alice\", realm=\"" + parameters.get("realm") + "\", nonce=\"" + parameters.get("nonce")
                + "\", uri=\"" + uri + "\", algorithm=" + parameters.get("algorithm") + ", qop=auth, nc=" + nc
                + ", cnonce=\"c0ffee\", response=\"" + response + "\", opaque=\"" + parameters.get("opaque") + "\"";
    }

    @Test
    void digest_nonceCounts_cannotBeReplayed_andTheUriMustBeTheRequests() throws Exception {
        server.requireAuth(Authentication.digest("files", "alice", "s3cret", DigestAlgorithm.SHA_256));
        String challenge = get("/secret.bin").headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(get("/secret.bin", "Authorization", digestAnswer(challenge, "s3cret", "00000001", "/secret.bin"))
                .statusCode()).isEqualTo(200);
        assertThat(get("/secret.bin", "Authorization", digestAnswer(challenge, "s3cret", "00000001", "/secret.bin"))
                .statusCode()).as("the same count again is a replay").isEqualTo(401);
        assertThat(get("/secret.bin", "Authorization", digestAnswer(challenge, "s3cret", "00000002", "/secret.bin"))
                .statusCode()).isEqualTo(200);
        assertThat(get("/secret.bin", "Authorization", digestAnswer(challenge, "s3cret", "00000003", "/open.bin"))
                .statusCode()).as("an answer for another uri").isEqualTo(401);
        assertThat(get("/secret.bin", "Authorization", digestAnswer(challenge, "wrong", "00000004", "/secret.bin"))
                .statusCode()).isEqualTo(401);
        String forged = challenge.replaceAll("nonce=\"[0-9a-f]+\"", "nonce=\"00112233445566778899aabbccddeeff\"");
        assertThat(get("/secret.bin", "Authorization", digestAnswer(forged, "s3cret", "00000001", "/secret.bin"))
                .statusCode()).as("a nonce the server never issued").isEqualTo(401);
    }

    @Test
    void digest_expiredNonce_rightAnswerGetsStaleTrue_wrongAnswerAPlainChallenge() throws Exception {
        Authentication digest = Authentication.digest("files", "alice", "s3cret", DigestAlgorithm.MD5);
        server.requireAuth(digest);
        String challenge = get("/secret.bin").headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).doesNotContain("stale");
        assertThat(get("/secret.bin", "Authorization", digestAnswer(challenge, "s3cret", "00000001", "/secret.bin"))
                .statusCode()).isEqualTo(200);
        digest.expireNonces();
        HttpResponse<byte[]> stale = get("/secret.bin", "Authorization",
                digestAnswer(challenge, "s3cret", "00000002", "/secret.bin"));
        assertThat(stale.statusCode()).isEqualTo(401);
        String fresh = stale.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(fresh).endsWith(", stale=true");
        assertThat(nonce(fresh)).isNotEqualTo(nonce(challenge));
        assertThat(get("/secret.bin", "Authorization", digestAnswer(challenge, "wrong", "00000003", "/secret.bin"))
                .headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain("stale");
        assertThat(get("/secret.bin", "Authorization", digestAnswer(fresh, "s3cret", "00000001", "/secret.bin"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void digest_apacheRetriesAStaleNonceByItself() throws Exception {
        Authentication digest = Authentication.digest("files", "alice", "s3cret", DigestAlgorithm.SHA_256);
        server.requireAuth(digest);
        HttpClientContext context = HttpClientContext.create();
        assertThat(apacheGet("/secret.bin", "s3cret", context)).isEqualTo(200);
        digest.expireNonces();
        assertThat(apacheGet("/secret.bin", "s3cret", context)).isEqualTo(200);
        assertThat(server.requests()).anySatisfy(r ->
                assertThat(r.responseHeader("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c).contains("stale=true")));
    }

    @Test
    void alwaysChallenge_refusesEvenTheRightCredentials_aClientGivesUp() throws Exception {
        server.requireAuth(Authentication.basic("files", "alice", "s3cret").alwaysChallenge());
        assertThat(get("/secret.bin", "Authorization", basic("alice", "s3cret")).statusCode()).isEqualTo(401);
        server.requireAuth(Authentication.digest("files", "alice", "s3cret").alwaysChallenge());
        assertThat(apacheGet("/secret.bin", "s3cret", HttpClientContext.create())).isEqualTo(401);
        List<RecordedRequest> seen = server.drainRequests();
        assertThat(seen).allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(seen).anySatisfy(r -> assertThat(r.authorization()).hasValue(new RecordedRequest.Credentials("Digest", "alice")));
    }

    @Test
    void unanswerable_challengesWithExactlyItsText_whateverTheRequestCarries_onServerAndProxy() throws Exception {
        server.requireAuth("/secret.bin", Authentication.unanswerable("NTLM"));
        HttpResponse<byte[]> refused = get("/secret.bin", "Authorization", "NTLM TlRMTVNTUAABAAAAB4IIAAAAAAAAAAAAAAAAAAAAAAA=");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly("NTLM");
        assertThat(get("/secret.bin", "Authorization", basic("alice", "s3cret")).statusCode()).isEqualTo(401);
        assertThat(get("/open.bin").statusCode()).isEqualTo(200);
        assertThat(Authentication.unanswerable("Negotiate").scheme()).isEqualTo("Negotiate");
        try (MockWebServer proxy = MockWebServer.startProxy()) {
            proxy.requireAuth(Authentication.unanswerable("Negotiate"));
            HttpResponse<byte[]> proxied = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .proxy(java.net.ProxySelector.of(proxy.address())).build()
                    .send(HttpRequest.newBuilder(server.url("/open.bin")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(proxied.statusCode()).isEqualTo(407);
            assertThat(proxied.headers().allValues("Proxy-Authenticate")).containsExactly("Negotiate");
        }
        assertThatThrownBy(() -> Authentication.unanswerable("NTLM\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Authentication.unanswerable(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badArguments_areRefused() {
        assertThatThrownBy(() -> Authentication.basic("r", "al:ice", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Authentication.basic("r\"", "alice", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Authentication.digest("r", "alice", "p", DigestAlgorithm.MD5, DigestAlgorithm.MD5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.requireAuth("no-slash", Authentication.basic("r", "a", "p")))
                .isInstanceOf(IllegalArgumentException.class);
        try (MockWebServer proxy = MockWebServer.startProxy()) {
            assertThatThrownBy(() -> proxy.requireAuth("/a", Authentication.basic("r", "a", "p")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
