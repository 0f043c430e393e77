package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the real jar: one line on stderr (what failed, the HRESULT where there is one, a hint),
 * the documented exit code, no stack trace, and nothing left behind.
 */
@Timeout(120)
class BadInputIT {

    @TempDir
    Path home;
    @TempDir
    Path downloads;

    private MockWebServer server;
    private BgcopyProcess bgcopy;

    @BeforeEach
    void start() throws Exception {
        server = MockWebServer.start();
        server.serve("/f.bin", new PseudoRandomContent(1 << 20, 3));
        bgcopy = new BgcopyProcess(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String file() {
        return downloads.resolve("f.bin").toString();
    }

    private void assertNothingLeftBehind() throws Exception {
        assertThat(BgcopyProcess.filesIn(downloads)).isEmpty();
        assertThat(server.requests()).as("no transfer started").isEmpty();
    }

    @Test
    void malformedUrl_exits2() throws Exception {
        bgcopy.run("download", "not a url", file()).assertOneLineError(2);
        bgcopy.run("download", "example.com/f.bin", file()).assertOneLineError(2);
        assertNothingLeftBehind();
    }

    @Test
    void missingDirectory_exits2() throws Exception {
        BgcopyProcess.Result r = bgcopy.run("download", server.url("/f.bin").toString(), downloads.resolve("no/such/f.bin").toString())
                .assertOneLineError(2);
        assertThat(r.stderr()).contains("does not exist");
        assertNothingLeftBehind();
    }

    @Test
    void malformedRange_exits2() throws Exception {
        for (String range : new String[] {"5", "a:b", "1:2:3", "-1:5"}) {
            bgcopy.run("download", "--range", range, server.url("/f.bin").toString(), file()).assertOneLineError(2);
        }
        assertNothingLeftBehind();
    }

    @Test
    void rangeTheServiceRejects_exits2_andTheJobIsCancelled() throws Exception {
        // Syntactically fine, but a zero length is INVALID_RANGE (docs/contract.md §4.3): the job was created, so
        // download must cancel it.
        BgcopyProcess.Result r = bgcopy.run("download", "--range", "10:0", server.url("/f.bin").toString(), file())
                .assertOneLineError(2);
        assertThat(r.stderr()).contains("DO_E_INVALID_RANGE (0x80D05010)");
        assertNothingLeftBehind();
    }

    @Test
    void unknownBackend_exits2() throws Exception {
        bgcopy.run("--backend", "carrier-pigeon", "download", server.url("/f.bin").toString(), file()).assertOneLineError(2);
        assertNothingLeftBehind();
    }

    @Test
    void badRatesAndTransferCounts_exit2() throws Exception {
        String url = server.url("/f.bin").toString();
        for (String rate : new String[] {"-1", "fast", "99999999999999999999", "9223372036854775808"}) {
            bgcopy.run("--store", ":memory:", "--max-rate", rate, "download", url, file()).assertOneLineError(2);
            bgcopy.run("--store", ":memory:", "download", "--max-foreground-rate", rate, url, file()).assertOneLineError(2);
        }
        for (String count : new String[] {"0", "-3", "four"}) {
            bgcopy.run("--store", ":memory:", "--max-transfers", count, "download", url, file()).assertOneLineError(2);
        }
        BgcopyProcess.Result r = bgcopy.run("--backend", "bits", "--max-rate", "1MiB/s", "download", url, file())
                .assertOneLineError(2);
        assertThat(r.stderr()).contains("simulator backend only");
        assertNothingLeftBehind();
    }

    @Test
    void unavailableBackend_exits4() throws Exception {
        BgcopyProcess.Result r = bgcopy.run("--backend", "bits", "download", server.url("/f.bin").toString(), file())
                .assertOneLineError(4);
        assertThat(r.stderr()).contains("REGDB_E_CLASSNOTREG (0x80040154)");
        assertNothingLeftBehind();
    }

    @Test
    void unknownId_exits3() throws Exception {
        UUID id = UUID.randomUUID();
        BgcopyProcess.Result r = bgcopy.run("--store", ":memory:", "info", id.toString()).assertOneLineError(3);
        assertThat(r.stderr()).contains("no job " + id).contains("DO_E_JOB_NOT_FOUND (0x80D02003)");
        bgcopy.run("--store", ":memory:", "--dialect", "bits", "resume", id.toString()).assertOneLineError(3);
    }

    @Test
    void malformedId_exits2() throws Exception {
        bgcopy.run("info", "not-a-uuid").assertOneLineError(2);
    }

    @Test
    void usageErrors_exit2() throws Exception {
        bgcopy.run().assertOneLineError(2);
        bgcopy.run("frobnicate").assertOneLineError(2);
        bgcopy.run("download", "--no-such-option", server.url("/f.bin").toString(), file()).assertOneLineError(2);
        bgcopy.run("wait", "--timeout", "soon", UUID.randomUUID().toString()).assertOneLineError(2);
        bgcopy.run("--backend", "do", "--dialect", "bits", "list").assertOneLineError(2);
        assertNothingLeftBehind();
    }

    @Test
    void verbose_addsTheStackTrace() throws Exception {
        BgcopyProcess.Result r = bgcopy.run("--verbose", "--backend", "bits", "list");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stderr()).contains("BackgroundCopyException").contains("\tat ");
        assertThat(r.stderrLines().get(r.stderrLines().size() - 1)).startsWith("bgcopy: backend bits is unavailable");
    }

    @Test
    void storeThatIsAFile_exits4() throws Exception {
        Path file = java.nio.file.Files.createFile(downloads.resolve("not-a-directory"));
        BgcopyProcess.Result r = bgcopy.run("--store", file.toString(), "list").assertOneLineError(4);
        assertThat(r.stderr()).contains("cannot open the simulator store " + file);
    }

    @Test
    void storeInUseByAnotherProcess_exits4_withAHint() throws Exception {
        Path store = home.resolve("held-store");
        BgcopyProcess.Running holder = bgcopy.start(bgcopy.command("--store", store.toString(), "monitor"),
                line -> line.contains("Ctrl-C to stop"));
        try {
            holder.awaitStderr();
            BgcopyProcess.Result r = bgcopy.run("--store", store.toString(), "list").assertOneLineError(4);
            assertThat(r.stderr()).contains("HRESULT_FROM_WIN32(ERROR_SHARING_VIOLATION) (0x80070020)")
                    .contains("another bgcopy command is using this store");
        } finally {
            holder.stop();
        }
    }
}
