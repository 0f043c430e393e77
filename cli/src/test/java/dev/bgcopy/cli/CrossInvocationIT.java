package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
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

/**
 * Jobs that outlive the process: one invocation creates, suspends or interrupts, another resumes,
 * waits, lists, through the simulator's durable store (option {@code store}, issue [durable]).
 */
@Timeout(180)
class CrossInvocationIT {

    private static final long SIZE = 8L << 20;

    @TempDir
    Path home;
    @TempDir
    Path store;
    @TempDir
    Path downloads;

    private final PseudoRandomContent content = new PseudoRandomContent(SIZE, 11);
    private MockWebServer server;
    private MockWebServer slow;
    private BgcopyProcess bgcopy;

    @BeforeEach
    void start() throws Exception {
        server = MockWebServer.start();
        server.serve("/c.bin", content);
        slow = MockWebServer.start();
        slow.serve("/c.bin", content).throttle(1L << 20);
        bgcopy = new BgcopyProcess(home);
    }

    @AfterEach
    void stop() {
        server.close();
        slow.close();
    }

    private BgcopyProcess.Result run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--store", store.toString()));
        all.addAll(List.of(args));
        BgcopyProcess.Result r = bgcopy.run(all.toArray(String[]::new));
        return r;
    }

    private String ok(String... args) throws Exception {
        BgcopyProcess.Result r = run(args);
        assertThat(r.exitCode()).as("bgcopy %s: %s", List.of(args), r.stderr()).isZero();
        return r.stdout().strip();
    }

    private String sha(Path file) throws Exception {
        return Content.sha256(file);
    }

    @Test
    void createAddResumeWait_acrossFourProcesses() throws Exception {
        String id = ok("create", "four steps");
        Path file = downloads.resolve("c.bin");
        ok("add", id, server.url("/c.bin").toString(), file.toString());
        ok("resume", id);
        ok("wait", id);
        assertThat(sha(file)).isEqualTo(content.sha256());
        run("info", id).assertOneLineError(3);
    }

    @Test
    void suspendInOneInvocation_resumeInAnother_continuesWithARangeRequest() throws Exception {
        String id = ok("create", "suspend and resume");
        Path file = downloads.resolve("c.bin");
        ok("add", id, slow.url("/c.bin").toString(), file.toString());
        ok("resume", id);
        // Past the store's first checkpoint (every 4 MiB or 2 s), so that progress is on record when the
        // process goes away.
        BgcopyProcess.Running watch = bgcopy.start(bgcopy.command("--store", store.toString(), "wait", id),
                line -> line.matches(".*TRANSFERRING ([5-9]|\\d\\d)\\.\\d MiB.*"));
        watch.awaitStderr();
        watch.interrupt();
        assertThat(watch.finish().exitCode()).isEqualTo(130);
        ok("suspend", id);
        Map<String, Object> info = JSON.std.mapFrom(ok("info", "--json", id));
        assertThat(info).containsEntry("state", "SUSPENDED");
        assertThat(((Number) info.get("bytesTransferred")).longValue()).isPositive();
        ok("resume", id);
        ok("wait", id);
        assertThat(sha(file)).isEqualTo(content.sha256());
        assertThat(slow.requests()).anySatisfy(r -> assertThat(r.range()).hasValueSatisfying(v -> assertThat(v).startsWith("bytes=")));
    }

    @Test
    void downloadInterrupted_suspendsTheJob_andPrintsHowToResume() throws Exception {
        Path file = downloads.resolve("c.bin");
        BgcopyProcess.Running run = bgcopy.start(bgcopy.command("--store", store.toString(), "download",
                slow.url("/c.bin").toString(), file.toString()), line -> line.contains("TRANSFERRING"));
        run.awaitStderr();
        run.interrupt();
        BgcopyProcess.Result r = run.finish();
        assertThat(r.exitCode()).isEqualTo(130);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bgcopy resume (\\S+)").matcher(r.stderr());
        assertThat(m.find()).as(r.stderr()).isTrue();
        String id = m.group(1);
        assertThat(JSON.std.mapFrom(ok("info", "--json", id))).containsEntry("state", "SUSPENDED");
        ok("resume", id);
        ok("wait", id);
        assertThat(sha(file)).isEqualTo(content.sha256());
    }

    @Test
    void downloadIntoAFileAnInterruptedDownloadStillTargets_exits1_namingItsJob() throws Exception {
        Path file = downloads.resolve("c.bin");
        BgcopyProcess.Running run = bgcopy.start(bgcopy.command("--store", store.toString(), "download",
                slow.url("/c.bin").toString(), file.toString()), line -> line.contains("TRANSFERRING"));
        run.awaitStderr();
        run.interrupt();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bgcopy resume (\\S+)").matcher(run.finish().stderr());
        assertThat(m.find()).isTrue();
        String id = m.group(1);

        BgcopyProcess.Result again = run("download", "--name", "another name", server.url("/c.bin").toString(), file.toString());
        again.assertOneLineError(1);
        assertThat(again.stderr()).contains("job " + id + " is already downloading into " + file)
                .contains("'bgcopy resume " + id + " && bgcopy wait " + id + "'");
        Path sameName = java.nio.file.Files.createDirectories(downloads.resolve("sub")).resolve("c.bin");
        assertThat(ok("download", server.url("/c.bin").toString(), sameName.toString()))
                .as("a FILE of the same name elsewhere is another download").startsWith("downloaded");
        ok("resume", id);
        ok("wait", id);
        assertThat(sha(file)).isEqualTo(content.sha256());
    }

    @Test
    void list_json_isAnArrayOfTheSchema() throws Exception {
        String a = ok("create", "first");
        String b = ok("create", "second");
        List<Object> jobs = JSON.std.listFrom(ok("list", "--json"));
        assertThat(jobs).hasSize(2);
        assertThat(jobs).allSatisfy(o -> assertThat(new java.util.HashSet<Object>(((Map<?, ?>) o).keySet())).containsExactlyInAnyOrder("id", "displayName", "state",
                "priority", "bytesTotal", "bytesTransferred", "filesTotal", "filesTransferred", "times", "error"));
        assertThat(jobs).extracting(o -> (Object) ((Map<?, ?>) o).get("id")).containsExactlyInAnyOrder(a, b);
        ok("cancel", a);
        assertThat(JSON.std.listFrom(ok("list", "--json"))).hasSize(1);
    }

    @Test
    void wait_onAJobThatEndsInError_exits1() throws Exception {
        String id = ok("create", "404");
        ok("add", id, server.url("/no-such-file").toString(), downloads.resolve("x.bin").toString());
        ok("resume", id);
        BgcopyProcess.Result r = run("wait", id);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines().get(r.stderrLines().size() - 1)).contains("BG_E_HTTP_ERROR_404 (0x80190194)");
        Map<String, Object> info = JSON.std.mapFrom(ok("info", "--json", id));
        assertThat(info).containsEntry("state", "ERROR");
        assertThat(((Map<?, ?>) info.get("error")).get("hresult")).isEqualTo("0x80190194");
    }

    @Test
    void wait_timeout_exits5() throws Exception {
        String id = ok("create", "never resumed");
        ok("add", id, server.url("/c.bin").toString(), downloads.resolve("c.bin").toString());
        BgcopyProcess.Result r = run("wait", "--timeout", "1s", id);
        assertThat(r.exitCode()).isEqualTo(5);
    }

    @Test
    void operationsOnACancelledJob_exit3_andLeaveNoFiles() throws Exception {
        String id = ok("create", "cancelled");
        ok("add", id, slow.url("/c.bin").toString(), downloads.resolve("c.bin").toString());
        ok("resume", id);
        ok("cancel", id);
        run("complete", id).assertOneLineError(3);
        run("resume", id).assertOneLineError(3);
        assertThat(BgcopyProcess.filesIn(downloads)).isEmpty();
    }
}
