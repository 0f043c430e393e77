package dev.bgcopy.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.mockwebserver.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kit's content server over real loopback sockets, driven by the JDK's HttpClient. */
@Timeout(30)
class LoopbackRemoteContentTest {

    private static final byte[] BODY = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    private LoopbackRemoteContent content;
    private HttpClient client;

    @BeforeEach
    void start() {
        content = LoopbackRemoteContent.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        content.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(content.url(path)).timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void put_servesWholeBodyOnLoopbackWithValidators() throws Exception {
        URI url = content.put("/a.bin", BODY);
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        HttpResponse<byte[]> r = get("/a.bin");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BODY);
        assertThat(r.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(r.headers().firstValue("ETag")).contains("\"v1\"");
        assertThat(r.headers().firstValue("Last-Modified")).isPresent();
    }

    @Test
    void range_closedOpenAndSuffix_answer206WithContentRange() throws Exception {
        content.put("/a.bin", BODY);
        HttpResponse<byte[]> closed = get("/a.bin", "Range", "bytes=2-5");
        assertThat(closed.statusCode()).isEqualTo(206);
        assertThat(closed.body()).isEqualTo(Arrays.copyOfRange(BODY, 2, 6));
        assertThat(closed.headers().firstValue("Content-Range")).contains("bytes 2-5/" + BODY.length);
        HttpResponse<byte[]> open = get("/a.bin", "Range", "bytes=30-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(BODY, 30, BODY.length));
        HttpResponse<byte[]> suffix = get("/a.bin", "Range", "bytes=-3");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(BODY, BODY.length - 3, BODY.length));
    }

    @Test
    void range_beyondEnd_is416() throws Exception {
        content.put("/a.bin", BODY);
        HttpResponse<byte[]> r = get("/a.bin", "Range", "bytes=100-200");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).contains("bytes */" + BODY.length);
    }

    @Test
    void withoutRangeSupport_rangeIgnoredWhole200() throws Exception {
        content.put("/n.bin", BODY, false);
        HttpResponse<byte[]> r = get("/n.bin", "Range", "bytes=2-5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BODY);
        assertThat(r.headers().firstValue("Accept-Ranges")).isEmpty();
    }

    @Test
    void change_newValidators_staleIfRangeGetsWholeNewBody() throws Exception {
        content.put("/c.bin", BODY);
        String etag = get("/c.bin").headers().firstValue("ETag").orElseThrow();
        byte[] changed = "changed content".getBytes(StandardCharsets.US_ASCII);
        content.change("/c.bin", changed);
        HttpResponse<byte[]> stale = get("/c.bin", "Range", "bytes=2-5", "If-Range", etag);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(changed);
        String fresh = stale.headers().firstValue("ETag").orElseThrow();
        assertThat(fresh).isNotEqualTo(etag);
        HttpResponse<byte[]> current = get("/c.bin", "Range", "bytes=0-6", "If-Range", fresh);
        assertThat(current.statusCode()).isEqualTo(206);
        assertThat(new String(current.body(), StandardCharsets.US_ASCII)).isEqualTo("changed");
    }

    @Test
    void script_failsNextNRequestsThenServes() throws Exception {
        content.put("/f.bin", BODY);
        content.script("/f.bin", Fault.HTTP_503, 2);
        assertThat(get("/f.bin").statusCode()).isEqualTo(503);
        assertThat(get("/f.bin").statusCode()).isEqualTo(503);
        assertThat(get("/f.bin").statusCode()).isEqualTo(200);
    }

    @Test
    void scriptForever_answersUntilCleared() throws Exception {
        content.put("/g.bin", BODY);
        content.scriptForever("/g.bin", Fault.HTTP_403);
        for (int i = 0; i < 3; i++) {
            assertThat(get("/g.bin").statusCode()).isEqualTo(403);
        }
        content.clearFaults("/g.bin");
        assertThat(get("/g.bin").statusCode()).isEqualTo(200);
        assertThat(get("/missing.bin").statusCode()).isEqualTo(404);
    }

    @Test
    void disconnectMidBody_clientSeesTruncatedResponse() throws Exception {
        content.put("/d.bin", new byte[100_000]);
        content.script("/d.bin", Fault.DISCONNECT_MID_BODY, 1);
        assertThatThrownBy(() -> get("/d.bin")).isInstanceOf(IOException.class);
        assertThat(get("/d.bin").body()).hasSize(100_000);
    }

    @Test
    void stall_holdsBodyThenDropsByItself() throws Exception {
        content.put("/s.bin", new byte[50_000]);
        content.stallLimit(Duration.ofMillis(300));
        content.script("/s.bin", Fault.STALL_BODY, 1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> get("/s.bin")).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(10));
    }

    @Test
    void stall_releasedAtOnceByClose() throws Exception {
        content.put("/s.bin", new byte[50_000]);
        content.stallLimit(Duration.ofMinutes(5));
        content.script("/s.bin", Fault.STALL_BODY, 1);
        HttpRequest request = HttpRequest.newBuilder(content.url("/s.bin")).GET().build();
        var pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.takeRequest(Duration.ofSeconds(5))).isNotNull();
        content.close();
        assertThatThrownBy(() -> pending.get(10, java.util.concurrent.TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void requests_recordedInOrderWithRangeHeaders() throws Exception {
        content.put("/r.bin", BODY);
        get("/r.bin");
        get("/r.bin", "Range", "bytes=1-2", "If-Range", "\"v1\"");
        RecordedRequest first = content.takeRequest(Duration.ofSeconds(1));
        RecordedRequest second = content.takeRequest(Duration.ofSeconds(1));
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/r.bin");
        assertThat(first.range()).isEmpty();
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.range()).isEqualTo(Optional.of("bytes=1-2"));
        assertThat(second.ifRange()).contains("\"v1\"");
        assertThat(second.status()).isEqualTo(206);
        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
        assertThat(content.takeRequest(Duration.ofMillis(100))).as("no further request").isNull();
        assertThat(content.requests()).containsExactly(first, second);
    }

    @Test
    void close_isIdempotent() {
        content.close();
        content.close();
    }
}
