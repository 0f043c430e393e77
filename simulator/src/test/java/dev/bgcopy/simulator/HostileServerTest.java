package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.mockwebserver.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile or broken server against the real transport (docs/contract.md §5.5 "Server input"): the
 * build's MockWebServer on 127.0.0.1 answers with absurd {@code Retry-After} values, bodies that do not
 * match their {@code Content-Range}, other versions of the file, encoded bodies and redirect chains. The
 * clock is virtual, so every retry delay is exact and the server's request log counts every retry.
 */
@Timeout(120)
class HostileServerTest {

    private static final Duration RETRY_DELAY = SimulatorConfig.DEFAULT_MINIMUM_RETRY_DELAY;

    @TempDir
    Path dir;

    private MockWebServer server;
    private VirtualClock clock;
    private SimulatorManager manager;

    @BeforeEach
    void start() {
        server = MockWebServer.start();
        clock = VirtualClock.create();
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
        server.close();
    }

    private SimulatorManager open(Dialect dialect) {
        return open(SimulatorConfig.builder().dialect(dialect));
    }

    private SimulatorManager open(SimulatorConfig.Builder builder) {
        manager = Simulator.newManager(builder
                .virtualClock(clock)
                .readTimeout(Duration.ofSeconds(30))
                .progressNotificationInterval(Duration.ZERO)
                .build());
        return manager;
    }

    private IBackgroundCopyJob download(String path) {
        IBackgroundCopyJob job = manager.createJob(path, BgJobType.DOWNLOAD);
        Path dest = dir.resolve(path.substring(1));
        if (manager.dialect() == Dialect.DO) {
            job.addFileWithRanges(path.substring(1), server.url(path).toString(), dest.toString(), List.of(),
                    IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        } else {
            job.addFile(server.url(path).toString(), dest.toString());
        }
        job.resume();
        manager.runUntilIdle();
        return job;
    }

    private void retry() {
        clock.advance(RETRY_DELAY);
        manager.runUntilIdle();
    }

    private List<Integer> statuses() {
        return server.drainRequests().stream().map(RecordedRequest::status).toList();
    }

    private byte[] completed(IBackgroundCopyJob job, String path) throws IOException {
        assertThat(job.complete()).isEqualTo(HResult.S_OK);
        return Files.readAllBytes(dir.resolve(path.substring(1)));
    }

    private static byte[] bytes(Content content) {
        byte[] all = new byte[(int) content.size()];
        content.read(0, all, 0, all.length);
        return all;
    }

    // ---- Retry-After ----

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807", "99999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"})
    @DisplayName("a Retry-After past Instant's range kills no worker: TRANSIENT_ERROR, the retry a day later")
    void retryAfterOverflowIsClamped(String retryAfter) throws Exception {
        server.serve("/r.bin", new PseudoRandomContent(10_000, 1));
        server.script("/r.bin", Fault.HTTP_503, 1);
        server.header("/r.bin", "Retry-After", retryAfter);
        open(Dialect.BITS);
        IBackgroundCopyJob job = download("/r.bin");
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        assertThat(job.getError().getError().code()).isEqualTo(HResult.fromHttpStatus(503));
        clock.advance(HttpTransport.MAX_RETRY_AFTER.minusSeconds(1));
        manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        assertThat(statuses()).containsExactly(503);
        clock.advance(Duration.ofSeconds(1));
        manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(statuses()).containsExactly(200);
    }

    // ---- bodies that do not match their Content-Range ----

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("a resumed 206 longer than its Content-Range: a protocol error, nothing written past the end, the retry after the delay")
    void overlongResumeIsAProtocolError(Dialect dialect) throws Exception {
        PseudoRandomContent content = new PseudoRandomContent(200_000, 2);
        server.serve("/o.bin", content);
        server.script("/o.bin", Fault.DISCONNECT_MID_BODY, 1);
        server.script("/o.bin", Fault.OVERLONG_BODY, 1);
        open(dialect);
        IBackgroundCopyJob job = download("/o.bin");
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        retry();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        assertThat(job.getError().getError().code()).isEqualTo(Failure.INVALID_SERVER_RESPONSE);
        BgJobProgress progress = job.getProgress();
        assertThat(progress.bytesTransferred()).isLessThanOrEqualTo(progress.bytesTotal());
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).singleElement().satisfies(temp -> assertThat(Files.size(temp)).isEqualTo(content.size()));
        }
        assertThat(statuses()).containsExactly(200, 206);
        retry();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(completed(job, "/o.bin")).isEqualTo(bytes(content));
    }

    @Test
    @DisplayName("a 206 whose Content-Range starts elsewhere than asked: a protocol error of that request, retried after the delay")
    void contentRangeForAnotherStartIsAProtocolError() throws Exception {
        PseudoRandomContent content = new PseudoRandomContent(100_000, 3);
        server.serve("/s.bin", content);
        server.script("/s.bin", Fault.DISCONNECT_MID_BODY, 1);
        server.script("/s.bin", Fault.CONTENT_RANGE_OTHER_START, 1);
        open(Dialect.BITS);
        IBackgroundCopyJob job = download("/s.bin");
        retry();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        assertThat(job.getError().getError().code()).isEqualTo(Failure.INVALID_SERVER_RESPONSE);
        assertThat(job.getError().getErrorDescription(java.util.Locale.ROOT)).contains("Content-Range starts at byte 50001");
        assertThat(statuses()).containsExactly(200, 206);
        retry();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(statuses()).containsExactly(206);
        assertThat(completed(job, "/s.bin")).isEqualTo(bytes(content));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("a server that answers each range with 1 MiB: the parts follow one another at once, one retry delay in all")
    void shortValidRangesContinueAtOnce(Dialect dialect) throws Exception {
        PseudoRandomContent content = new PseudoRandomContent(4L * 1024 * 1024, 4);
        server.serve("/m.bin", content).maxRangeLength(1024 * 1024);
        server.script("/m.bin", Fault.DISCONNECT_MID_BODY, 1);
        open(dialect);
        IBackgroundCopyJob job = download("/m.bin");
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        retry();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(statuses()).containsExactly(200, 206, 206);
        assertThat(Content.sha256(completedPath(job, "/m.bin"))).isEqualTo(content.sha256());
    }

    @Test
    @DisplayName("ranges of a DO file answered with shorter 206s: each range completes in several requests without a delay")
    void shortValidRangesOfARangedFile() throws Exception {
        PseudoRandomContent content = new PseudoRandomContent(100_000, 5);
        server.serve("/p.bin", content).maxRangeLength(1000);
        open(Dialect.DO);
        IBackgroundCopyJob job = manager.createJob("ranges", BgJobType.DOWNLOAD);
        Path dest = dir.resolve("p.bin");
        job.addFileWithRanges("p", server.url("/p.bin").toString(), dest.toString(),
                List.of(new BgFileRange(500, 2500), new BgFileRange(10_000, 1000)), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        job.resume();
        manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(job.getProgress().bytesTransferred()).isEqualTo(3500);
        assertThat(server.drainRequests()).extracting(r -> r.range().orElseThrow())
                .containsExactly("bytes=500-2999", "bytes=1500-2999", "bytes=2500-2999", "bytes=10000-10999");
        job.complete();
        byte[] got = Files.readAllBytes(dest);
        byte[] expected = bytes(content);
        assertThat(java.util.Arrays.copyOfRange(got, 500, 3000)).isEqualTo(java.util.Arrays.copyOfRange(expected, 500, 3000));
        assertThat(java.util.Arrays.copyOfRange(got, 10_000, 11_000))
                .isEqualTo(java.util.Arrays.copyOfRange(expected, 10_000, 11_000));
    }

    private Path completedPath(IBackgroundCopyJob job, String path) {
        assertThat(job.complete()).isEqualTo(HResult.S_OK);
        return dir.resolve(path.substring(1));
    }

    // ---- versions ----

    /**
     * Serves {@code v1} at {@code path} as {@code serve} sets it up, loses the connection halfway, lets
     * {@code change} turn it into another version, and checks that the retry's 206 is refused and the file
     * restarts from zero with the new version only; returns the If-Range of the resume.
     */
    private java.util.Optional<String> restartsWithTheNewVersion(Dialect dialect, String path, Content v1, Content v2,
            java.util.function.UnaryOperator<Resource> serve, java.util.function.Consumer<Resource> change,
            Fault onResume) throws IOException {
        Resource resource = serve.apply(server.serve(path, v1));
        server.script(path, Fault.DISCONNECT_MID_BODY, 1);
        if (onResume != null) {
            server.script(path, onResume, 1);
        }
        open(dialect);
        IBackgroundCopyJob job = download(path);
        change.accept(resource);
        retry();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        List<RecordedRequest> seen = server.drainRequests();
        assertThat(seen).extracting(RecordedRequest::status).containsExactly(200, 206, 200);
        assertThat(completed(job, path)).isEqualTo(bytes(v2));
        return seen.get(1).ifRange();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("a resumed 206 with another ETag than the file started with (the server ignores If-Range): the file restarts from zero")
    void resumedRangeOfAnotherVersionRestarts(Dialect dialect) throws Exception {
        PseudoRandomContent v2 = new PseudoRandomContent(100_000, 7);
        restartsWithTheNewVersion(dialect, "/e.bin", new PseudoRandomContent(100_000, 6), v2, r -> r,
                r -> r.change(v2), Fault.IGNORE_IF_RANGE);
    }

    @Test
    @DisplayName("the same ETag with another total size: another version, the file restarts from zero")
    void sameEtagOtherSizeRestarts() throws Exception {
        PseudoRandomContent v2 = new PseudoRandomContent(120_000, 9);
        restartsWithTheNewVersion(Dialect.BITS, "/t.bin", new PseudoRandomContent(100_000, 8), v2,
                r -> r.etag("\"fixed\""), r -> r.change(v2).etag("\"fixed\""), null);
    }

    @Test
    @DisplayName("a Content-Range with another total than the file started with: the file restarts from zero")
    void contentRangeForAnotherTotalRestarts() throws Exception {
        PseudoRandomContent content = new PseudoRandomContent(100_000, 10);
        server.serve("/u.bin", content);
        server.script("/u.bin", Fault.DISCONNECT_MID_BODY, 1);
        server.script("/u.bin", Fault.CONTENT_RANGE_OTHER_TOTAL, 1);
        open(Dialect.DO);
        IBackgroundCopyJob job = download("/u.bin");
        retry();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(statuses()).containsExactly(200, 206, 200);
        assertThat(job.getProgress().bytesTotal()).isEqualTo(content.size());
        assertThat(completed(job, "/u.bin")).isEqualTo(bytes(content));
    }

    @Test
    @DisplayName("a server without any validator whose file changed size: the file restarts from zero")
    void noValidatorOtherSizeRestarts() throws Exception {
        PseudoRandomContent v2 = new PseudoRandomContent(90_000, 12);
        assertThat(restartsWithTheNewVersion(Dialect.BITS, "/n.bin", new PseudoRandomContent(100_000, 11), v2,
                r -> r.validators(false, false), r -> r.change(v2), null)).as("nothing to send as If-Range").isEmpty();
    }

    @Test
    @DisplayName("a server with Last-Modified only, whose date changed while it ignores If-Range: the file restarts from zero")
    void lastModifiedOnlyChangedRestarts() throws Exception {
        PseudoRandomContent v2 = new PseudoRandomContent(100_000, 14);
        assertThat(restartsWithTheNewVersion(Dialect.BITS, "/l.bin", new PseudoRandomContent(100_000, 13), v2,
                r -> r.validators(false, true), r -> r.change(v2), Fault.IGNORE_IF_RANGE))
                .as("the date the file started with").isPresent();
    }

    @Test
    @DisplayName("an unchanged server without any validator but with its size: the resume continues")
    void noValidatorSameSizeResumes() throws Exception {
        PseudoRandomContent content = new PseudoRandomContent(100_000, 15);
        server.serve("/k.bin", content).validators(false, false);
        server.script("/k.bin", Fault.DISCONNECT_MID_BODY, 1);
        open(Dialect.DO);
        IBackgroundCopyJob job = download("/k.bin");
        retry();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(statuses()).containsExactly(200, 206);
        assertThat(completed(job, "/k.bin")).isEqualTo(bytes(content));
    }

    // ---- encodings ----

    @Test
    @DisplayName("a body still Content-Encoding: gzip although identity was asked for: a protocol error, never stored with S_OK")
    void encodedBodyIsAProtocolError() {
        server.serve("/g.bin", new PseudoRandomContent(10_000, 16));
        server.header("/g.bin", "Content-Encoding", "gzip");
        open(Dialect.BITS);
        IBackgroundCopyJob job = download("/g.bin");
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        assertThat(job.getError().getError().code()).isEqualTo(Failure.INVALID_SERVER_RESPONSE);
        assertThat(job.getError().getErrorDescription(java.util.Locale.ROOT)).contains("Content-Encoding gzip");
        assertThat(server.drainRequests()).singleElement()
                .satisfies(r -> assertThat(r.header("Accept-Encoding")).hasValue("identity"));
    }

    // ---- redirects ----

    private void chain(String prefix, int hops, String target) {
        for (int i = 0; i < hops; i++) {
            String next = i + 1 == hops ? target : prefix + (i + 1);
            server.redirect(prefix + i, 302, server.url(next));
        }
    }

    @Test
    @DisplayName("a chain of 10 redirects is followed (WinHTTP's default limit)")
    void tenRedirectsAreFollowed() throws Exception {
        PseudoRandomContent content = new PseudoRandomContent(10_000, 17);
        server.serve("/final.bin", content);
        chain("/hop", 10, "/final.bin");
        open(Dialect.BITS);
        IBackgroundCopyJob job = manager.createJob("chain", BgJobType.DOWNLOAD);
        job.addFile(server.url("/hop0").toString(), dir.resolve("c.bin").toString());
        job.resume();
        manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(server.drainRequests()).hasSize(11);
    }

    @Test
    @DisplayName("an 11th redirect is not followed: ERROR with the redirect's status and a message that says why")
    void elevenRedirectsFail() {
        server.serve("/final.bin", new PseudoRandomContent(10, 18));
        chain("/hop", 11, "/final.bin");
        open(Dialect.BITS);
        IBackgroundCopyJob job = manager.createJob("chain", BgJobType.DOWNLOAD);
        job.addFile(server.url("/hop0").toString(), dir.resolve("c.bin").toString());
        job.resume();
        manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
        assertThat(job.getError().getError().code()).isEqualTo(HResult.fromHttpStatus(302));
        assertThat(job.getError().getErrorDescription(java.util.Locale.ROOT)).contains("more than 10 redirects");
        assertThat(server.drainRequests()).hasSize(11);
    }

    @Test
    @DisplayName("a redirect loop and a redirect to another scheme fail with a message that names the problem")
    void redirectFailuresSayWhatFailed() {
        server.redirect("/a", 302, server.url("/b"));
        server.redirect("/b", 301, server.url("/a"));
        server.redirect("/ftp", 302, java.net.URI.create("ftp://127.0.0.1/x.bin"));
        open(Dialect.BITS);
        IBackgroundCopyJob loop = manager.createJob("loop", BgJobType.DOWNLOAD);
        loop.addFile(server.url("/a").toString(), dir.resolve("a.bin").toString());
        IBackgroundCopyJob ftp = manager.createJob("ftp", BgJobType.DOWNLOAD);
        ftp.addFile(server.url("/ftp").toString(), dir.resolve("f.bin").toString());
        loop.resume();
        ftp.resume();
        manager.runUntilIdle();
        assertThat(loop.getState()).isEqualTo(BgJobState.ERROR);
        assertThat(loop.getError().getError().code()).isEqualTo(HResult.fromHttpStatus(301));
        assertThat(loop.getError().getErrorDescription(java.util.Locale.ROOT)).contains("redirect loop");
        assertThat(ftp.getState()).isEqualTo(BgJobState.ERROR);
        assertThat(ftp.getError().getErrorDescription(java.util.Locale.ROOT)).contains("unsupported scheme");
    }

    // ---- retry floors ----

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("a retry delay of 0 is raised to the documented 5 s: a 503 server gets one request per 5 s, no storm")
    void retryDelayHasAFloor(Dialect dialect) {
        server.serve("/f.bin", new PseudoRandomContent(1000, 19));
        server.scriptForever("/f.bin", Fault.HTTP_503);
        open(SimulatorConfig.builder().dialect(dialect).minimumRetryDelay(Duration.ZERO));
        IBackgroundCopyJob job = manager.createJob("storm", BgJobType.DOWNLOAD);
        Path dest = dir.resolve("f.bin");
        if (dialect == Dialect.BITS) {
            job.setMinimumRetryDelay(0);
            job.addFile(server.url("/f.bin").toString(), dest.toString());
        } else {
            job.addFileWithRanges("f", server.url("/f.bin").toString(), dest.toString(), List.of(),
                    IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        }
        job.resume();
        manager.runUntilIdle();
        assertThat(server.requests()).hasSize(1);
        for (int second = 1; second <= 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            manager.runUntilIdle();
            assertThat(server.requests()).as("requests after %d s", second).hasSize(1 + second / 5);
        }
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
    }
}
