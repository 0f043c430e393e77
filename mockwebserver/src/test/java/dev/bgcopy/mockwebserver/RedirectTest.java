package dev.bgcopy.mockwebserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redirects of every kind over real loopback sockets, followed by the JDK's HttpClient or one hop at a time. */
@Timeout(30)
class RedirectTest {

    private static final Content BODY = Content.of("arrived".getBytes(StandardCharsets.US_ASCII));

    private MockWebServer server;
    private final HttpClient stepping = client(HttpClient.Redirect.NEVER);

    @BeforeEach
    void start() {
        server = MockWebServer.start();
        server.serve("/final.bin", BODY);
        server.serve("/dir/b.bin", BODY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static HttpClient client(HttpClient.Redirect policy) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(policy).build();
    }

    private static HttpResponse<String> get(HttpClient client, URI url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRedirectStatus_answersWithItsLocation_andIsRecorded() throws Exception {
        for (int status : List.of(301, 302, 303, 307, 308)) {
            server.redirect("/r" + status, status, server.url("/final.bin"));
            HttpResponse<String> response = get(stepping, server.url("/r" + status));
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.headers().firstValue("Location")).hasValue(server.url("/final.bin").toString());
            RecordedRequest recorded = server.takeRequest(java.time.Duration.ofSeconds(5));
            assertThat(recorded.status()).isEqualTo(status);
            assertThat(recorded.responseHeader("Location")).hasValue(server.url("/final.bin").toString());
            assertThat(get(client(HttpClient.Redirect.NORMAL), server.url("/r" + status)).body()).isEqualTo("arrived");
            server.drainRequests();
        }
        assertThatThrownBy(() -> server.redirect("/x", 200, server.url("/y"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relativeLocation_isSentAsGiven_andResolvedByTheClient() throws Exception {
        server.redirect("/dir/a.bin", 302, URI.create("b.bin"));
        server.redirect("/abs-path", 301, URI.create("/dir/b.bin"));
        assertThat(get(stepping, server.url("/dir/a.bin")).headers().firstValue("Location")).hasValue("b.bin");
        assertThat(get(client(HttpClient.Redirect.NORMAL), server.url("/dir/a.bin")).body()).isEqualTo("arrived");
        assertThat(get(client(HttpClient.Redirect.NORMAL), server.url("/abs-path")).body()).isEqualTo("arrived");
        assertThat(server.requests()).extracting(RecordedRequest::target)
                .containsExactly("/dir/a.bin", "/dir/a.bin", "/dir/b.bin", "/abs-path", "/dir/b.bin");
    }

    @Test
    void toAnotherLoopbackPort_andToAFileUrl_areSentAsGiven() throws Exception {
        try (MockWebServer other = MockWebServer.start()) {
            other.serve("/elsewhere.bin", BODY);
            server.redirect("/away", 307, other.url("/elsewhere.bin"));
            server.redirect("/file", 302, URI.create("file:///etc/passwd"));
            assertThat(get(client(HttpClient.Redirect.NORMAL), server.url("/away")).body()).isEqualTo("arrived");
            assertThat(other.takeRequest(java.time.Duration.ofSeconds(5)).path()).isEqualTo("/elsewhere.bin");
            assertThat(get(stepping, server.url("/file")).headers().firstValue("Location")).hasValue("file:///etc/passwd");
        }
    }

    @Test
    void httpsToHttp_aCarefulClientStops_aCarelessOneFollows() throws Exception {
        try (MockWebServer secure = MockWebServer.startTls()) {
            secure.redirect("/down", 302, server.url("/final.bin"));
            HttpClient careful = HttpClient.newBuilder().sslContext(secure.clientSslContext())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> stopped = get(careful, secure.url("/down"));
            assertThat(stopped.statusCode()).isEqualTo(302);
            assertThat(stopped.headers().firstValue("Location")).hasValue(server.url("/final.bin").toString());
            assertThat(server.requests()).isEmpty();
            HttpClient careless = HttpClient.newBuilder().sslContext(secure.clientSslContext())
                    .followRedirects(HttpClient.Redirect.ALWAYS).build();
            assertThat(get(careless, secure.url("/down")).body()).isEqualTo("arrived");
            assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/final.bin");
        }
    }

    @Test
    void chainOfHops_eachHopANewUrl_thenTheTarget() throws Exception {
        server.redirectChain("/chain", 4, 307, server.url("/final.bin"));
        assertThat(get(client(HttpClient.Redirect.NORMAL), server.url("/chain")).body()).isEqualTo("arrived");
        assertThat(server.requests()).extracting(RecordedRequest::target)
                .containsExactly("/chain", "/chain?hop=1", "/chain?hop=2", "/chain?hop=3", "/final.bin");
        assertThat(server.requests()).extracting(RecordedRequest::status).containsExactly(307, 307, 307, 307, 200);
        assertThatThrownBy(() -> server.redirectChain("/c", 0, 302, server.url("/final.bin")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loop_aToBToA_neverArrives() throws Exception {
        server.redirect("/a", 302, server.url("/b"));
        server.redirect("/b", 302, URI.create("/a"));
        URI next = server.url("/a");
        for (int hop = 0; hop < 6; hop++) {
            HttpResponse<String> response = get(stepping, next);
            assertThat(response.statusCode()).isEqualTo(302);
            next = next.resolve(response.headers().firstValue("Location").orElseThrow());
        }
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/a", "/b", "/a", "/b", "/a", "/b");
    }

    @Test
    void endless_everyHopIsANewUrl() throws Exception {
        server.redirectEndlessly("/endless", 301);
        Set<String> seen = new HashSet<>();
        URI next = server.url("/endless");
        for (int hop = 0; hop < 50; hop++) {
            HttpResponse<String> response = get(stepping, next);
            assertThat(response.statusCode()).isEqualTo(301);
            String location = response.headers().firstValue("Location").orElseThrow();
            assertThat(seen.add(location)).as("hop %d repeats %s", hop, location).isTrue();
            next = next.resolve(location);
        }
        assertThat(server.requests()).hasSize(50).allSatisfy(r -> assertThat(r.path()).isEqualTo("/endless"));
    }
}
