package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo server over real sockets on 127.0.0.1, checked with the JDK's HttpClient. */
@Timeout(30)
class ContentServerTest {

    private static final int SIZE = 300_000;

    private final DemoContent content = new DemoContent(SIZE, DemoRun.SEED);
    private final byte[] whole = new byte[SIZE];
    /** One permit per ended exchange: the client has its response before the server has logged it. */
    private final Semaphore ended = new Semaphore(0);
    private final HttpClient client = HttpClient.newHttpClient();
    private ContentServer server;

    @BeforeEach
    void start() throws Exception {
        content.fill(0, whole, SIZE);
        server = ContentServer.start("/f.bin", content, "abc123", 0, r -> ended.release());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void get_wholeFile_withValidators() throws Exception {
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(whole);
        assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(r.headers().firstValue("ETag")).hasValue("\"abc123\"");
        assertThat(r.headers().firstValue("Last-Modified")).isPresent();
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void get_range_is206WithContentRange() throws Exception {
        HttpResponse<byte[]> r = get("Range", "bytes=1000-1999");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + SIZE);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(whole, 1000, 2000));
    }

    @Test
    void get_openAndSuffixRanges() throws Exception {
        assertThat(get("Range", "bytes=299000-").body()).isEqualTo(Arrays.copyOfRange(whole, 299_000, SIZE));
        assertThat(get("Range", "bytes=-10").body()).isEqualTo(Arrays.copyOfRange(whole, SIZE - 10, SIZE));
        assertThat(get("Range", "bytes=299990-400000").body()).isEqualTo(Arrays.copyOfRange(whole, 299_990, SIZE));
    }

    @Test
    void get_rangeBeyondTheEnd_is416() throws Exception {
        HttpResponse<byte[]> r = get("Range", "bytes=" + SIZE + "-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */" + SIZE);
    }

    @Test
    void ifRange_matching_honoursTheRange_stale_sendsTheWholeFile() throws Exception {
        assertThat(get("Range", "bytes=10-19", "If-Range", "\"abc123\"").statusCode()).isEqualTo(206);
        HttpResponse<byte[]> stale = get("Range", "bytes=10-19", "If-Range", "\"other\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(whole);
    }

    @Test
    void multiRange_isServedWhole() throws Exception {
        HttpResponse<byte[]> r = get("Range", "bytes=0-1,5-6");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(SIZE);
    }

    @Test
    void head_hasTheLengthButNoBody() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(server.uri())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void otherPaths_are404() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(server.missing()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void everyRequest_isLogged_withItsRangeHeader() throws Exception {
        get();
        get("Range", "bytes=5-9", "If-Range", "\"abc123\"");
        assertThat(ended.tryAcquire(2, 10, TimeUnit.SECONDS)).as("both exchanges ended").isTrue();
        List<ContentServer.Request> log = server.requests();
        assertThat(log).hasSize(2);
        assertThat(log.get(0).range()).isNull();
        assertThat(log.get(0).bodyBytes()).isEqualTo(SIZE);
        assertThat(log.get(1).range()).isEqualTo("bytes=5-9");
        assertThat(log.get(1).ifRange()).isEqualTo("\"abc123\"");
        assertThat(log.get(1).status()).isEqualTo(206);
        assertThat(log.get(1).bodyBytes()).isEqualTo(5);
        assertThat(log.get(1).toString()).contains("Range: bytes=5-9").contains("206");
    }

    @Test
    void throttled_bodyStillArrivesWhole() throws Exception {
        try (ContentServer slow = ContentServer.start("/f.bin", content, "abc123", 4_000_000, r -> { })) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(slow.uri()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.body()).isEqualTo(whole);
        }
    }
}
