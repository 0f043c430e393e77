package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.bgcopy.cli.InProcess.Run;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands that work on one job across invocations (create, add, resume, suspend, cancel, complete,
 * info, list, wait), run in this process one after another against the simulator's durable store in a
 * temporary directory, with a real HTTP server on 127.0.0.1. The same flows across processes are
 * {@code CrossInvocationIT}.
 */
@Timeout(60)
class JobCommandsTest {

    private static final long SIZE = 4L << 20;

    @TempDir
    Path store;
    @TempDir
    Path downloads;

    private final PseudoRandomContent content = new PseudoRandomContent(SIZE, 5);
    private MockWebServer server;
    private MockWebServer slow;

    @BeforeEach
    void start() throws Exception {
        server = MockWebServer.start();
        server.serve("/c.bin", content);
        slow = MockWebServer.start();
        // In this process the simulated service goes on between commands, so the job transfers from 'resume'
        // on: slow enough (8 s for 4 MiB) that 'wait --timeout 500ms' cannot see it end on a loaded machine.
        slow.serve("/c.bin", content).throttle(512L << 10);
    }

    @AfterEach
    void stop() {
        server.close();
        slow.close();
    }

    private Run run(String dialect, String... args) {
        List<String> all = new ArrayList<>(List.of("--store", store.toString(), "--dialect", dialect));
        all.addAll(List.of(args));
        return InProcess.run(all);
    }

    private String ok(String dialect, String... args) {
        Run r = run(dialect, args);
        assertThat(r.exit()).as("bgcopy %s: %s", List.of(args), r.err()).isZero();
        return r.out().strip();
    }

    private void oneLineError(Run r, int exit) {
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("bgcopy: ").contains("hint: ").doesNotContain("Exception");
    }

    private String sha(Path file) throws Exception {
        return Content.sha256(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"do", "bits"})
    void createAddResumeWait_downloadsTheFile_andTheJobLeavesTheQueue(String dialect) throws Exception {
        String id = ok(dialect, "create", "four steps");
        Path file = downloads.resolve("c.bin");
        assertThat(ok(dialect, "add", id, server.url("/c.bin").toString(), file.toString())).startsWith("added ");
        assertThat(ok(dialect, "resume", id)).startsWith("job " + id + ": resume -> ");
        assertThat(ok(dialect, "wait", id)).isEqualTo("job " + id + ": transferred and completed");
        assertThat(sha(file)).isEqualTo(content.sha256());
        oneLineError(run(dialect, "info", id), 3);
    }

    @Test
    void waitTimeout_exits5_thenSuspendAndResume_continueWithARangeRequest() throws Exception {
        String id = ok("do", "create", "suspend and resume");
        Path file = downloads.resolve("c.bin");
        ok("do", "add", id, slow.url("/c.bin").toString(), file.toString());
        ok("do", "resume", id);
        Run waited = run("do", "wait", "--timeout", "500ms", id);
        assertThat(waited.exit()).isEqualTo(5);
        assertThat(waited.errLines().get(waited.errLines().size() - 1)).startsWith("bgcopy: job " + id + " is still ");
        assertThat(ok("do", "suspend", id)).isEqualTo("job " + id + ": suspend -> SUSPENDED");
        Map<String, Object> info = JSON.std.mapFrom(ok("do", "info", "--json", id));
        assertThat(info).containsEntry("state", "SUSPENDED").containsEntry("error", null);
        long suspendedAt = ((Number) info.get("bytesTransferred")).longValue();
        ok("do", "resume", id);
        ok("do", "wait", id);
        assertThat(sha(file)).isEqualTo(content.sha256());
        if (suspendedAt > 0) {
            assertThat(slow.requests()).anySatisfy(r -> assertThat(r.range()).hasValueSatisfying(v -> assertThat(v).startsWith("bytes=")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"do", "bits"})
    void list_showsTheLiveJobs_evenWithoutEnumJobs(String dialect) throws Exception {
        // DO has no EnumJobs (E_NOTIMPL): the CLI lists the jobs it created that are still in the queue.
        String a = ok(dialect, "create", "first");
        String b = ok(dialect, "create", "second");
        List<Object> jobs = JSON.std.listFrom(ok(dialect, "list", "--json"));
        assertThat(jobs).extracting(o -> (Object) ((Map<?, ?>) o).get("id")).containsExactlyInAnyOrder(a, b);
        assertThat(jobs).allSatisfy(o -> assertThat(((Map<?, ?>) o).get("state")).isEqualTo("SUSPENDED"));
        ok(dialect, "cancel", a);
        jobs = JSON.std.listFrom(ok(dialect, "list", "--json"));
        assertThat(jobs).extracting(o -> (Object) ((Map<?, ?>) o).get("id")).containsExactly(b);
        assertThat(ok(dialect, "list")).contains(b).contains("second").doesNotContain(a);
    }

    @Test
    void wait_onAJobThatFails_exits1_andInfoShowsTheErrorRecord() throws Exception {
        String id = ok("do", "create", "404");
        ok("do", "add", id, server.url("/no-such-file").toString(), downloads.resolve("x.bin").toString());
        ok("do", "resume", id);
        Run r = run("do", "wait", id);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines().get(r.errLines().size() - 1))
                .startsWith("bgcopy: job " + id + " failed: BG_E_HTTP_ERROR_404 (0x80190194)");
        Map<String, Object> info = JSON.std.mapFrom(ok("do", "info", "--json", id));
        assertThat(info).containsEntry("state", "ERROR");
        assertThat(((Map<?, ?>) info.get("error")).get("hresult")).isEqualTo("0x80190194");
        assertThat(ok("do", "info", id)).contains("error:        BG_E_HTTP_ERROR_404 (0x80190194)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"do", "bits"})
    void refusedOperations_haveTheirExitCodes(String dialect) throws Exception {
        String id = ok(dialect, "create", "empty");
        Run empty = run(dialect, "resume", id);
        oneLineError(empty, 2);
        assertThat(empty.err()).contains(dialect.equals("do") ? "DO_E_JOB_EMPTY (0x80D02004)" : "BG_E_EMPTY (0x80200003)");
        ok(dialect, "cancel", id);
        oneLineError(run(dialect, "complete", id), 3);
        oneLineError(run(dialect, "add", id, server.url("/c.bin").toString(), downloads.resolve("c.bin").toString()), 3);
        assertThat(BgcopyProcess.filesIn(downloads)).isEmpty();
    }

    @Test
    void complete_ofAnUntransferredJob_inBits_reportsPartialCompletion() {
        String id = ok("bits", "create", "partial");
        assertThat(ok("bits", "complete", id)).isEqualTo("job " + id + ": complete -> ACKNOWLEDGED");
        String id2 = ok("bits", "create", "partial with a file");
        ok("bits", "add", id2, slow.url("/c.bin").toString(), downloads.resolve("p.bin").toString());
        assertThat(ok("bits", "complete", id2)).contains("BG_S_PARTIAL_COMPLETE (0x00200017)");
    }
}
