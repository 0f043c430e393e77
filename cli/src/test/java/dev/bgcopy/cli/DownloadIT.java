package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgcopy download} as a process, against the simulator and a local HTTP server on 127.0.0.1. */
@Timeout(180)
class DownloadIT {

    private static final long SIZE = 16L << 20;
    private static final long SEED = 7;

    @TempDir
    Path home;
    @TempDir
    Path downloads;

    private final PseudoRandomContent content = new PseudoRandomContent(SIZE, SEED);
    private MockWebServer server;
    private BgcopyProcess bgcopy;

    @BeforeEach
    void start() throws Exception {
        server = MockWebServer.start();
        server.serve("/content.bin", content);
        bgcopy = new BgcopyProcess(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void download_wholeFile_equalsTheSourceBySha256() throws Exception {
        Path file = downloads.resolve("content.bin");
        BgcopyProcess.Result r = bgcopy.run("download", server.url("/content.bin").toString(), file.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("downloaded 16.0 MiB (16777216 bytes) to " + file);
        assertThat(Content.sha256(file)).isEqualTo(content.sha256());
        assertThat(BgcopyProcess.filesIn(downloads)).as("no temporary file is left").containsExactly("content.bin");
    }

    @Test
    void download_underTheGlobalCapsAndTransferLimit_equalsTheSource() throws Exception {
        Path file = downloads.resolve("capped.bin");
        BgcopyProcess.Result r = bgcopy.run("--store", ":memory:", "--max-transfers", "1", "--max-rate", "64MiB/s",
                "--max-foreground-rate", "1.5MB/s", "download", server.url("/content.bin").toString(), file.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(Content.sha256(file)).isEqualTo(content.sha256());
    }

    @Test
    void download_withoutATerminal_printsPlainProgressLines() throws Exception {
        BgcopyProcess.Result r = bgcopy.run("download", server.url("/content.bin").toString(), downloads.resolve("a.bin").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderrLines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("a.bin: ")
                .doesNotContain("\r"));
        assertThat(r.stderr()).contains("TRANSFERRED 16.0 MiB / 16.0 MiB (100.0%)");
    }

    @Test
    void download_whileAnotherCommandHoldsTheDefaultStore_runsInMemory() throws Exception {
        BgcopyProcess.Running holder = bgcopy.start(bgcopy.command("monitor"), line -> line.contains("Ctrl-C to stop"));
        try {
            holder.awaitStderr();
            Path file = downloads.resolve("m.bin");
            BgcopyProcess.Result r = bgcopy.run("download", server.url("/content.bin").toString(), file.toString());
            assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
            assertThat(r.stderrLines().get(0)).startsWith("bgcopy: note: the job store ")
                    .contains("HRESULT_FROM_WIN32(ERROR_SHARING_VIOLATION) (0x80070020)").contains("in memory");
            assertThat(Content.sha256(file)).isEqualTo(content.sha256());
        } finally {
            holder.stop();
        }
    }

    @Test
    void download_json_isOneObjectOfTheSchema() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        BgcopyProcess.Result r = bgcopy.run("download", "--json", "--name", "schema check", "--priority", "foreground",
                server.url("/content.bin").toString(), downloads.resolve("j.bin").toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout().strip()).doesNotContain("\n");
        Map<String, Object> job = JSON.std.mapFrom(r.stdout());
        assertThat(job).containsOnlyKeys("id", "displayName", "state", "priority", "bytesTotal", "bytesTransferred",
                "filesTotal", "filesTransferred", "times", "error");
        assertThat(job.get("id")).asString().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(job).containsEntry("displayName", "schema check").containsEntry("state", "ACKNOWLEDGED")
                .containsEntry("priority", "FOREGROUND").containsEntry("error", null);
        assertThat(((Number) job.get("bytesTotal")).longValue()).isEqualTo(SIZE);
        assertThat(((Number) job.get("bytesTransferred")).longValue()).isEqualTo(SIZE);
        assertThat(((Number) job.get("filesTotal")).longValue()).isEqualTo(1);
        assertThat(((Number) job.get("filesTransferred")).longValue()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> times = (Map<String, Object>) job.get("times");
        assertThat(times).containsOnlyKeys("created", "modified", "transferCompleted");
        Instant created = Instant.parse((String) times.get("created"));
        Instant modified = Instant.parse((String) times.get("modified"));
        Instant completed = Instant.parse((String) times.get("transferCompleted"));
        assertThat(created).isAfter(before).isBeforeOrEqualTo(completed);
        assertThat(completed).isBeforeOrEqualTo(modified);
    }

    @Test
    void download_ranges_fetchesOnlyThoseBytes() throws Exception {
        Path file = downloads.resolve("ranges.bin");
        BgcopyProcess.Result r = bgcopy.run("download", "--json", "--range", "0:1000", "--range", "5000:eof",
                server.url("/content.bin").toString(), file.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        Map<String, Object> job = JSON.std.mapFrom(r.stdout());
        assertThat(((Number) job.get("bytesTotal")).longValue()).isEqualTo(1000 + SIZE - 5000);
        assertThat(server.requests()).anySatisfy(q -> assertThat(q.range()).isPresent());
        byte[] expected = new byte[1000];
        content.read(0, expected, 0, 1000);
        byte[] got = Files.readAllBytes(file);
        assertThat(java.util.Arrays.copyOfRange(got, 0, 1000)).isEqualTo(expected);
    }

    @Test
    void download_404_exits1_withOneLine_andLeavesNothing() throws Exception {
        BgcopyProcess.Result r = bgcopy.run("download", server.url("/no-such-file").toString(), downloads.resolve("x.bin").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        String last = r.stderrLines().get(r.stderrLines().size() - 1);
        assertThat(last).startsWith("bgcopy: download of " + server.url("/no-such-file") + " failed: BG_E_HTTP_ERROR_404 (0x80190194)")
                .contains("hint: ");
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(BgcopyProcess.filesIn(downloads)).isEmpty();
    }

    @Test
    void download_json_ofAFailedJob_printsItsErrorRecord() throws Exception {
        BgcopyProcess.Result r = bgcopy.run("download", "--json", server.url("/no-such-file").toString(),
                downloads.resolve("x.bin").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        Map<String, Object> job = JSON.std.mapFrom(r.stdout());
        assertThat(job).containsEntry("state", "ERROR");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) job.get("error");
        assertThat(error).containsEntry("hresult", "0x80190194").containsEntry("name", "BG_E_HTTP_ERROR_404")
                .containsKeys("context", "description");
        assertThat(BgcopyProcess.filesIn(downloads)).isEmpty();
    }

    @Test
    void download_refusedConnection_givesUpAfterTheNoProgressTimeout() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        BgcopyProcess.Result r = bgcopy.run("download", "--no-progress-timeout", "1s", "http://127.0.0.1:" + port + "/x",
                downloads.resolve("x.bin").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("TRANSIENT_ERROR").contains("DO_E_BLOCKED_BY_NO_NETWORK (0x80D03805)");
        assertThat(r.stderrLines().get(r.stderrLines().size() - 1))
                .contains("failed: DO_E_DOWNLOAD_NO_PROGRESS (0x80D02002)");
        assertThat(BgcopyProcess.filesIn(downloads)).isEmpty();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "sends SIGINT with kill(1)")
    void ctrlC_cancelsTheInMemoryJob_exits130_andLeavesNothing() throws Exception {
        try (MockWebServer slow = MockWebServer.start()) {
            slow.serve("/slow.bin", content).throttle(2L << 20);
            Path file = downloads.resolve("slow.bin");
            BgcopyProcess.Running run = bgcopy.start(bgcopy.command("--store", ":memory:", "download", slow.url("/slow.bin").toString(),
                    file.toString()),
                    line -> line.contains("TRANSFERRING"));
            run.awaitStderr();
            run.interrupt();
            BgcopyProcess.Result r = run.finish();
            assertThat(r.exitCode()).isEqualTo(130);
            assertThat(r.stderr()).contains("bgcopy: interrupted: the download was cancelled")
                    .doesNotContain("Exception");
            assertThat(BgcopyProcess.filesIn(downloads)).as("cancel deletes the temporary file").isEmpty();
        }
    }
}
