package dev.bgcopy.mockwebserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over real loopback sockets, driven by the JDK's HttpClient (and HttpURLConnection where it sees more). */
@Timeout(30)
class MockWebServerTest {

    private static final int SIZE = 300_000;
    private static final PseudoRandomContent CONTENT = new PseudoRandomContent(SIZE, 7);
    private static final byte[] WHOLE = CONTENT.bytes();

    private MockWebServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        server = MockWebServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, headers);
    }

    private HttpResponse<byte[]> send(String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] slice(long from, long toExclusive) {
        return Arrays.copyOfRange(WHOLE, (int) from, (int) toExclusive);
    }

    @Test
    void get_wholeBodyOnLoopback_withValidatorsAndLength() throws Exception {
        Resource resource = server.serve("/a.bin", CONTENT);
        HttpResponse<byte[]> r = get("/a.bin");
        assertThat(server.url("/a.bin").getHost()).isEqualTo("127.0.0.1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(WHOLE);
        assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(r.headers().firstValue("ETag")).hasValue("\"v1\"").hasValue(resource.etag());
        assertThat(r.headers().firstValue("Last-Modified")).hasValue("Mon, 1 Jan 2024 01:00:00 GMT");
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
    }

    @Test
    void range_closedOpenSuffixAndPastTheEnd_answer206WithContentRange() throws Exception {
        server.serve("/a.bin", CONTENT);
        HttpResponse<byte[]> closed = get("/a.bin", "Range", "bytes=1000-1999");
        assertThat(closed.statusCode()).isEqualTo(206);
        assertThat(closed.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + SIZE);
        assertThat(closed.headers().firstValueAsLong("Content-Length")).hasValue(1000);
        assertThat(closed.body()).isEqualTo(slice(1000, 2000));
        HttpResponse<byte[]> open = get("/a.bin", "Range", "bytes=299000-");
        assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 299000-299999/" + SIZE);
        assertThat(open.body()).isEqualTo(slice(299_000, SIZE));
        HttpResponse<byte[]> suffix = get("/a.bin", "Range", "bytes=-10");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 299990-299999/" + SIZE);
        assertThat(suffix.body()).isEqualTo(slice(SIZE - 10, SIZE));
        assertThat(get("/a.bin", "Range", "bytes=-400000").body()).as("a suffix longer than the body is all of it")
                .isEqualTo(WHOLE);
        assertThat(get("/a.bin", "Range", "bytes=299990-400000").body()).isEqualTo(slice(299_990, SIZE));
    }

    @Test
    void range_unsatisfiable_is416WithTheLength() throws Exception {
        server.serve("/a.bin", CONTENT);
        for (String range : List.of("bytes=" + SIZE + "-", "bytes=400000-500000", "bytes=-0")) {
            HttpResponse<byte[]> r = get("/a.bin", "Range", range);
            assertThat(r.statusCode()).as(range).isEqualTo(416);
            assertThat(r.headers().firstValue("Content-Range")).as(range).hasValue("bytes */" + SIZE);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void range_multipleInvalidOrOtherUnit_isIgnored_wholeBody200() throws Exception {
        server.serve("/a.bin", CONTENT);
        for (String range : List.of("bytes=0-1,5-6", "bytes=9-5", "bytes=-", "items=0-5", "bytes=abc")) {
            HttpResponse<byte[]> r = get("/a.bin", "Range", range);
            assertThat(r.statusCode()).as(range).isEqualTo(200);
            assertThat(r.body()).as(range).isEqualTo(WHOLE);
        }
    }

    @Test
    void ifRange_strongEtag_matchingHonoursTheRange_staleSendsTheWhole() throws Exception {
        server.serve("/a.bin", CONTENT);
        assertThat(get("/a.bin", "Range", "bytes=10-19", "If-Range", "\"v1\"").statusCode()).isEqualTo(206);
        HttpResponse<byte[]> stale = get("/a.bin", "Range", "bytes=10-19", "If-Range", "\"other\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(WHOLE);
    }

    @Test
    void ifRange_weakEtag_neverMatches() throws Exception {
        server.serve("/w.bin", CONTENT).etag("W/\"weak\"");
        server.serve("/s.bin", CONTENT).etag("\"strong\"");
        assertThat(get("/w.bin", "Range", "bytes=10-19", "If-Range", "W/\"weak\"").statusCode()).isEqualTo(200);
        assertThat(get("/w.bin", "Range", "bytes=10-19", "If-Range", "\"weak\"").statusCode()).isEqualTo(200);
        assertThat(get("/s.bin", "Range", "bytes=10-19", "If-Range", "W/\"strong\"").statusCode()).isEqualTo(200);
        assertThat(get("/s.bin", "Range", "bytes=10-19", "If-Range", "\"strong\"").statusCode()).isEqualTo(206);
        assertThat(get("/w.bin", "Range", "bytes=10-19").statusCode()).as("without If-Range").isEqualTo(206);
    }

    @Test
    void ifRange_date_matchesOnlyTheExactLastModified() throws Exception {
        Instant modified = Instant.parse("2026-03-04T05:06:07Z");
        server.serve("/d.bin", CONTENT).lastModified(modified);
        DateTimeFormatter http = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        HttpResponse<byte[]> exact = get("/d.bin", "Range", "bytes=10-19", "If-Range", http.format(modified));
        assertThat(exact.statusCode()).isEqualTo(206);
        assertThat(exact.body()).isEqualTo(slice(10, 20));
        assertThat(get("/d.bin", "Range", "bytes=10-19", "If-Range", http.format(modified.minusSeconds(1))).statusCode())
                .isEqualTo(200);
        assertThat(get("/d.bin", "Range", "bytes=10-19", "If-Range", http.format(modified.plusSeconds(1))).statusCode())
                .isEqualTo(200);
        assertThat(get("/d.bin", "Range", "bytes=10-19", "If-Range", "not a date").statusCode()).isEqualTo(200);
    }

    @Test
    void change_newValidators_oldEtagAndDateNoLongerMatch() throws Exception {
        Resource resource = server.serve("/c.bin", Content.of(new byte[] {1, 2, 3, 4, 5}));
        String etag = get("/c.bin").headers().firstValue("ETag").orElseThrow();
        String date = get("/c.bin").headers().firstValue("Last-Modified").orElseThrow();
        resource.change(CONTENT);
        HttpResponse<byte[]> stale = get("/c.bin", "Range", "bytes=2-3", "If-Range", etag);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(WHOLE);
        assertThat(stale.headers().firstValue("ETag")).hasValue("\"v2\"");
        assertThat(get("/c.bin", "Range", "bytes=2-3", "If-Range", date).statusCode()).isEqualTo(200);
        assertThat(get("/c.bin", "Range", "bytes=2-3", "If-Range", "\"v2\"").body()).isEqualTo(slice(2, 4));
    }

    @Test
    void head_hasTheHeadersOfGetButNoBody_andIgnoresRange() throws Exception {
        server.serve("/a.bin", CONTENT);
        HttpResponse<byte[]> r = send("HEAD", "/a.bin", "Range", "bytes=0-9");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"v1\"");
        assertThat(r.body()).isEmpty();
        assertThat(get("/a.bin").body()).as("the connection is still usable").isEqualTo(WHOLE);
    }

    @Test
    void unknownPath404_otherMethods405() throws Exception {
        server.serve("/a.bin", CONTENT);
        assertThat(get("/missing.bin").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> delete = send("DELETE", "/a.bin");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void withoutRangeSupport_rangeIgnored_whole200_noAcceptRanges() throws Exception {
        server.serve("/n.bin", CONTENT).rangeSupport(false);
        HttpResponse<byte[]> r = get("/n.bin", "Range", "bytes=2-5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(WHOLE);
        assertThat(r.headers().firstValue("Accept-Ranges")).isEmpty();
    }

    @Test
    void withoutContentLength_bodyIsChunked() throws Exception {
        server.serve("/u.bin", CONTENT).contentLength(false);
        HttpResponse<byte[]> r = get("/u.bin");
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
        assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(r.body()).isEqualTo(WHOLE);
        assertThat(get("/u.bin", "Range", "bytes=5-9").body()).isEqualTo(slice(5, 10));
    }

    @Test
    void statusFaults_answerTheirStatus_inScriptedOrder_thenForever_untilCleared() throws Exception {
        server.serve("/f.bin", CONTENT);
        server.script("/f.bin", Fault.HTTP_503, 2);
        server.script("/f.bin", Fault.HTTP_408, 1);
        assertThat(get("/f.bin").statusCode()).isEqualTo(503);
        assertThat(get("/f.bin").statusCode()).isEqualTo(503);
        assertThat(get("/f.bin").statusCode()).isEqualTo(408);
        assertThat(get("/f.bin").statusCode()).isEqualTo(200);
        server.scriptForever("/f.bin", Fault.HTTP_403);
        for (int i = 0; i < 3; i++) {
            assertThat(get("/f.bin").statusCode()).isEqualTo(403);
        }
        server.clearFaults("/f.bin");
        assertThat(get("/f.bin").statusCode()).isEqualTo(200);
        server.script("/nothing-here.bin", Fault.HTTP_500, 1);
        assertThat(get("/nothing-here.bin").statusCode()).as("a fault comes before the 404").isEqualTo(500);
        for (Fault fault : Fault.values()) {
            if (fault.status() != 0) {
                server.script("/f.bin", fault, 1);
                assertThat(get("/f.bin").statusCode()).as(fault.name()).isEqualTo(fault.status());
            }
        }
    }

    @Test
    void bodyFaults_cutTheResponse_andTheNextRequestIsServed() throws Exception {
        server.serve("/d.bin", CONTENT);
        for (Fault fault : List.of(Fault.CLOSE_AFTER_HEADERS, Fault.DISCONNECT_MID_BODY,
                Fault.RESET_MID_BODY, Fault.WRONG_CONTENT_LENGTH)) {
            server.script("/d.bin", fault, 1);
            assertThatThrownBy(() -> get("/d.bin")).as(fault.name()).isInstanceOf(IOException.class);
            RecordedRequest failed = server.takeRequest(Duration.ofSeconds(5));
            assertThat(failed.awaitFinished(Duration.ofSeconds(5))).isTrue();
            long expectedBytes = switch (fault) {
                case DISCONNECT_MID_BODY, RESET_MID_BODY -> SIZE / 2;
                case WRONG_CONTENT_LENGTH -> SIZE;
                default -> 0;
            };
            assertThat(failed.bodyBytes()).as(fault.name()).isEqualTo(expectedBytes);
            assertThat(failed.status()).as(fault.name()).isEqualTo(200);
            assertThat(get("/d.bin").body()).as("after " + fault).isEqualTo(WHOLE);
            server.takeRequest(Duration.ofSeconds(5));
        }
    }

    @Test
    void connection_keptAliveExchangesShareItsNumber_aNewConnectionGetsTheNext() throws Exception {
        server.serve("/k.bin", CONTENT);
        get("/k.bin");
        get("/k.bin");
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write("GET /k.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getInputStream().readAllBytes();
        }
        List<RecordedRequest> seen = server.drainRequests();
        assertThat(seen).extracting(RecordedRequest::connection).containsExactly(0, 0, 1);
    }

    @Test
    void overlongBody_sendsTheRangeAndMore_withoutContentLength_thenCloses() throws Exception {
        server.serve("/o.bin", CONTENT);
        server.script("/o.bin", Fault.OVERLONG_BODY, 1);
        HttpResponse<byte[]> response = get("/o.bin", "Range", "bytes=10-19");
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + SIZE);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.body()).hasSize(10 + MockWebServer.OVERLONG_EXTRA);
        assertThat(Arrays.copyOf(response.body(), 10)).isEqualTo(slice(10, 20));
        assertThat(server.takeRequest(Duration.ofSeconds(5)).bodyBytes()).isEqualTo(10);
    }

    @Test
    void disconnectAtStart_closesWithoutAByte_andRecordsNoStatus() throws Exception {
        // A raw socket: HTTP clients retry an idempotent request that got no response, hiding the fault.
        server.serve("/d.bin", CONTENT);
        server.script("/d.bin", Fault.DISCONNECT_AT_START, 1);
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write("GET /d.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        RecordedRequest dropped = server.takeRequest(Duration.ofSeconds(5));
        assertThat(dropped.awaitFinished(Duration.ofSeconds(5))).isTrue();
        assertThat(dropped.status()).isZero();
        assertThat(dropped.bodyBytes()).isZero();
        assertThat(get("/d.bin").body()).isEqualTo(WHOLE);
    }

    @Test
    void midBodyFault_sendsExactlyHalfBeforeTheCut() throws Exception {
        server.serve("/d.bin", CONTENT);
        server.script("/d.bin", Fault.DISCONNECT_MID_BODY, 1);
        HttpURLConnection connection = (HttpURLConnection) server.url("/d.bin").toURL().openConnection();
        connection.setRequestProperty("Range", "bytes=1000-");
        assertThat(connection.getResponseCode()).isEqualTo(206);
        byte[] received;
        try (InputStream in = connection.getInputStream()) {
            received = readUntilCut(in);
        }
        assertThat(received).isEqualTo(slice(1000, 1000 + (SIZE - 1000) / 2));
    }

    private static byte[] readUntilCut(InputStream in) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                got.write(buffer, 0, n);
            }
        } catch (IOException cut) {
            // The connection was dropped short of Content-Length: what arrived before is the point.
        }
        return got.toByteArray();
    }

    @Test
    void ignoreRangeFault_answersTheWholeBodyOnce() throws Exception {
        server.serve("/i.bin", CONTENT);
        server.script("/i.bin", Fault.IGNORE_RANGE, 1);
        HttpResponse<byte[]> ignored = get("/i.bin", "Range", "bytes=5-9");
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(ignored.body()).isEqualTo(WHOLE);
        assertThat(get("/i.bin", "Range", "bytes=5-9").statusCode()).isEqualTo(206);
    }

    @Test
    void stall_holdsHalfTheBodyThenDropsByItself() throws Exception {
        server.serve("/s.bin", CONTENT);
        server.stallLimit(Duration.ofMillis(300));
        server.script("/s.bin", Fault.STALL_BODY, 1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> get("/s.bin")).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(10));
        assertThat(server.takeRequest(Duration.ofSeconds(1)).bodyBytes()).isEqualTo(SIZE / 2);
    }

    @Test
    void stall_isReleasedAtOnceByClose() throws Exception {
        server.serve("/s.bin", CONTENT);
        server.stallLimit(Duration.ofMinutes(5));
        server.script("/s.bin", Fault.STALL_BODY, 1);
        var pending = client.sendAsync(HttpRequest.newBuilder(server.url("/s.bin")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        RecordedRequest stalled = server.takeRequest(Duration.ofSeconds(5));
        assertThat(stalled).isNotNull();
        server.close();
        assertThat(stalled.awaitFinished(Duration.ofSeconds(5))).isTrue();
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void gate_holdsTheBodyAtTheOffset_untilReleased_thenTheRestFollows() throws Exception {
        server.serve("/g.bin", CONTENT);
        Gate gate = server.holdAt("/g.bin", 100_000);
        HttpURLConnection connection = (HttpURLConnection) server.url("/g.bin").toURL().openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        InputStream in = connection.getInputStream();
        byte[] first = in.readNBytes(100_000);
        assertThat(first).isEqualTo(slice(0, 100_000));
        assertThat(gate.awaitReached(Duration.ofSeconds(5))).isTrue();
        RecordedRequest held = server.takeRequest(Duration.ofSeconds(1));
        assertThat(held.bodyBytes()).isEqualTo(100_000);
        assertThat(held.finished()).isFalse();
        assertThat(held.toString()).isEqualTo("GET /g.bin -> 200, 100000 bytes (still open)");
        gate.release();
        assertThat(in.readAllBytes()).isEqualTo(slice(100_000, SIZE));
        in.close();
        assertThat(held.awaitFinished(Duration.ofSeconds(5))).isTrue();
        assertThat(held.bodyBytes()).isEqualTo(SIZE);
        assertThat(get("/g.bin").body()).as("a released gate holds nothing more").isEqualTo(WHOLE);
    }

    @Test
    void gate_holdsEveryRequestArrivingWhileInPlace_evenOneStartingAtTheOffset() throws Exception {
        server.serve("/g.bin", CONTENT);
        Gate gate = server.holdAt("/g.bin", 200_000);
        var whole = client.sendAsync(HttpRequest.newBuilder(server.url("/g.bin")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        var fromGate = client.sendAsync(HttpRequest.newBuilder(server.url("/g.bin")).header("Range", "bytes=200000-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        RecordedRequest a = server.takeRequest(Duration.ofSeconds(5));
        RecordedRequest b = server.takeRequest(Duration.ofSeconds(5));
        assertThat(gate.awaitReached(Duration.ofSeconds(5))).isTrue();
        assertThat(a.finished() || b.finished()).as("both held").isFalse();
        gate.release();
        assertThat(whole.get(10, TimeUnit.SECONDS).body()).isEqualTo(WHOLE);
        assertThat(fromGate.get(10, TimeUnit.SECONDS).body()).isEqualTo(slice(200_000, SIZE));
    }

    @Test
    void gate_closingTheServerDropsHeldConnections() throws Exception {
        server.serve("/g.bin", CONTENT);
        Gate gate = server.holdAt("/g.bin", 10);
        var pending = client.sendAsync(HttpRequest.newBuilder(server.url("/g.bin")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gate.awaitReached(Duration.ofSeconds(5))).isTrue();
        server.close();
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void throttle_pacesTheBody() throws Exception {
        server.serve("/t.bin", CONTENT).throttle(1_000_000);
        long start = System.nanoTime();
        assertThat(get("/t.bin").body()).isEqualTo(WHOLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("300 kB at 1 MB/s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }

    @Test
    void requests_recordedInOrder_withHeadersStatusAndBytes_andListenerCalledAtTheEnd() throws Exception {
        server.serve("/r.bin", CONTENT);
        List<RecordedRequest> ended = new CopyOnWriteArrayList<>();
        java.util.concurrent.Semaphore endings = new java.util.concurrent.Semaphore(0);
        server.onExchangeFinished(r -> {
            ended.add(r);
            endings.release();
        });
        get("/r.bin");
        get("/r.bin?x=1", "Range", "bytes=5-9", "If-Range", "\"v1\"");
        RecordedRequest first = server.takeRequest(Duration.ofSeconds(1));
        RecordedRequest second = server.takeRequest(Duration.ofSeconds(1));
        assertThat(endings.tryAcquire(2, 5, TimeUnit.SECONDS)).as("both exchanges ended").isTrue();
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/r.bin");
        assertThat(first.range()).isEmpty();
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bodyBytes()).isEqualTo(SIZE);
        assertThat(second.path()).isEqualTo("/r.bin");
        assertThat(second.range()).hasValue("bytes=5-9");
        assertThat(second.ifRange()).hasValue("\"v1\"");
        assertThat(second.header("if-range")).as("case-insensitive").hasValue("\"v1\"");
        assertThat(second.headers()).containsKey("Host");
        assertThat(second.status()).isEqualTo(206);
        assertThat(second.bodyBytes()).isEqualTo(5);
        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
        assertThat(second).hasToString("GET /r.bin Range: bytes=5-9 If-Range: \"v1\" -> 206, 5 bytes");
        assertThat(server.takeRequest(Duration.ofMillis(100))).as("no further request").isNull();
        assertThat(server.requests()).containsExactly(first, second);
        assertThat(ended).containsExactly(first, second);
        get("/r.bin");
        assertThat(server.drainRequests()).hasSize(1);
        assertThat(server.drainRequests()).isEmpty();
    }

    @Test
    void tls_trustedThroughTheServersContext_untrustedByDefault() throws Exception {
        try (MockWebServer secure = MockWebServer.startTls()) {
            secure.serve("/s.bin", CONTENT);
            assertThat(secure.url("/s.bin").getScheme()).isEqualTo("https");
            assertThat(secure.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=127.0.0.1");
            assertThat(secure.trustStore().getCertificate("mockwebserver")).isEqualTo(secure.certificate());
            HttpClient trusting = HttpClient.newBuilder().sslContext(secure.clientSslContext()).build();
            HttpResponse<byte[]> r = trusting.send(HttpRequest.newBuilder(secure.url("/s.bin"))
                    .header("Range", "bytes=-100").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(206);
            assertThat(r.body()).isEqualTo(slice(SIZE - 100, SIZE));
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(secure.url("/s.bin")).build(),
                    HttpResponse.BodyHandlers.ofByteArray())).isInstanceOf(SSLHandshakeException.class);
        }
        assertThatThrownBy(server::certificate).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_isIdempotent_andRefusesNewConnections() throws Exception {
        server.serve("/a.bin", CONTENT);
        server.close();
        server.close();
        assertThatThrownBy(() -> get("/a.bin")).isInstanceOf(IOException.class);
    }

    @Test
    void header_isAddedToEveryResponseOfItsPath_faultsIncluded() throws Exception {
        server.serve("/h.bin", CONTENT);
        server.header("/h.bin", "Retry-After", "9223372036854775807");
        server.script("/h.bin", Fault.HTTP_503, 1);
        HttpResponse<byte[]> refused = get("/h.bin");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("9223372036854775807");
        assertThat(get("/h.bin").headers().firstValue("Retry-After")).hasValue("9223372036854775807");
        assertThatThrownBy(() -> server.header("/h.bin", "X", "a\r\nInjected: 1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validatorsAndMaxRangeLength_shapeTheAnswer() throws Exception {
        server.serve("/v.bin", CONTENT).validators(false, true).maxRangeLength(1000);
        HttpResponse<byte[]> whole = get("/v.bin");
        assertThat(whole.headers().firstValue("ETag")).isEmpty();
        assertThat(whole.headers().firstValue("Last-Modified")).isPresent();
        assertThat(whole.body()).isEqualTo(WHOLE);
        HttpResponse<byte[]> part = get("/v.bin", "Range", "bytes=5000-");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 5000-5999/" + SIZE);
        assertThat(part.body()).isEqualTo(slice(5000, 6000));
    }

    @Test
    void contentRangeFaultsAndIgnoreIfRange_misreportOrMixVersions() throws Exception {
        server.serve("/c.bin", CONTENT);
        server.script("/c.bin", Fault.CONTENT_RANGE_OTHER_START, 1);
        server.script("/c.bin", Fault.CONTENT_RANGE_OTHER_TOTAL, 1);
        server.script("/c.bin", Fault.IGNORE_IF_RANGE, 1);
        HttpResponse<byte[]> otherStart = get("/c.bin", "Range", "bytes=100-199");
        assertThat(otherStart.headers().firstValue("Content-Range")).hasValue("bytes 101-200/" + (SIZE + 1));
        assertThat(otherStart.body()).isEqualTo(slice(100, 200));
        HttpResponse<byte[]> otherTotal = get("/c.bin", "Range", "bytes=100-199");
        assertThat(otherTotal.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + (SIZE + 1));
        HttpResponse<byte[]> stale = get("/c.bin", "Range", "bytes=100-199", "If-Range", "\"v0\"");
        assertThat(stale.statusCode()).as("If-Range names another version, yet a 206").isEqualTo(206);
        assertThat(get("/c.bin", "Range", "bytes=100-199", "If-Range", "\"v0\"").statusCode()).isEqualTo(200);
    }

    @Test
    void certificatePem_isTheCertificate() throws Exception {
        try (MockWebServer tls = MockWebServer.startTls()) {
            java.security.cert.Certificate parsed = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(
                            tls.certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            assertThat(parsed).isEqualTo(tls.certificate());
        }
        assertThatThrownBy(server::certificatePem).isInstanceOf(IllegalStateException.class);
    }
}
