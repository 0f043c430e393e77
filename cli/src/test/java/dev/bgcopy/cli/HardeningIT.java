package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile job name, file name or option value must not achieve through the real jar (issue
 * [hardening]): fake output lines or terminal control sequences, a busy loop or an overflowing
 * deadline, a world-readable registry, a download over bgcopy's own store.
 */
@Timeout(180)
class HardeningIT {

    /** A new line that fakes a table row, then ESC sequences that clear the screen and set the title, then BEL. */
    private static final String HOSTILE = "innocent\n11111111-2222-3333-4444-555555555555  TRANSFERRED  \u001b[2J\u001b]0;owned\u0007";
    private static final String ESCAPED = "innocent\\n11111111-2222-3333-4444-555555555555  TRANSFERRED  \\e[2J\\e]0;owned\\x07";

    @TempDir
    Path home;
    @TempDir
    Path store;
    @TempDir
    Path downloads;

    private MockWebServer server;
    private BgcopyProcess bgcopy;

    @BeforeEach
    void start() throws Exception {
        server = MockWebServer.start();
        server.serve("/f.bin", new PseudoRandomContent(1 << 20, 5));
        bgcopy = new BgcopyProcess(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BgcopyProcess.Result inStore(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--store", store.toString()));
        all.addAll(List.of(args));
        return bgcopy.run(all.toArray(String[]::new));
    }

    private String ok(String... args) throws Exception {
        BgcopyProcess.Result r = inStore(args);
        assertThat(r.exitCode()).as("bgcopy %s: %s", List.of(args), r.stderr()).isZero();
        return r.stdout();
    }

    private static void noControlCharacters(String output) {
        assertThat(output.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)).toArray())
                .as("control characters in %s", output).isEmpty();
    }

    @Test
    void aJobNameCannotFakeARowOrDriveTheTerminal_inListInfoAndProgress() throws Exception {
        String id = ok("create", HOSTILE).strip();

        String list = ok("list");
        assertThat(list.lines()).as(list).hasSize(2);
        assertThat(list.lines().skip(1).findFirst().orElseThrow()).startsWith(id).endsWith(ESCAPED);
        noControlCharacters(list);

        String info = ok("info", id);
        assertThat(info.lines()).contains("name:         " + ESCAPED);
        noControlCharacters(info);

        ok("add", id, server.url("/f.bin").toString(), downloads.resolve("f.bin").toString());
        ok("resume", id);
        BgcopyProcess.Result waited = inStore("wait", id);
        assertThat(waited.exitCode()).as(waited.stderr()).isZero();
        assertThat(waited.stderrLines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(ESCAPED + ": "));
        noControlCharacters(waited.stderr());
    }

    @Test
    void aFileNameWithControlCharacters_isEscapedInAddsOutput() throws Exception {
        String id = ok("create", "plain").strip();
        String added = ok("add", id, server.url("/f.bin").toString(), downloads.resolve("a\tb\u001b[31m.bin").toString());
        assertThat(added.strip()).endsWith("a\\tb\\e[31m.bin to job " + id);
        noControlCharacters(added.replace("\n", ""));
    }

    @Test
    void anErrorLineEscapesWhatItQuotes() throws Exception {
        String tooLong = "\u001b]0;owned\u0007" + "x".repeat(300);
        BgcopyProcess.Result r = inStore("create", tooLong).assertOneLineError(2);
        assertThat(r.stderr()).contains("cannot create job '\\e]0;owned\\x07xxx");
        noControlCharacters(r.stderr());
    }

    @Test
    void aTimeoutTooLargeForTheClock_exits2() throws Exception {
        BgcopyProcess.Result r = inStore("wait", "--timeout", "P1000000000D", UUID.randomUUID().toString()).assertOneLineError(2);
        assertThat(r.stderr()).contains("'P1000000000D' is out of range: give at most 365d");
    }

    @Test
    void aMonitorIntervalBelow100ms_exits2_insteadOfABusyLoop() throws Exception {
        BgcopyProcess.Result r = inStore("monitor", "--interval", "0s").assertOneLineError(2);
        assertThat(r.stderr()).contains("'0s' is out of range: give from 100ms to 1d");
        assertThat(r.stdout()).isEmpty();
        inStore("monitor", "--interval", "99ms").assertOneLineError(2);
        inStore("monitor", "--interval", "P1000000000D").assertOneLineError(2);
        assertThat(bgcopy.run("monitor", "--help").stdout().replaceAll("\\s+", " ")).contains("from 100ms to 1 day");
        assertThat(bgcopy.run("wait", "--help").stdout().replaceAll("\\s+", " ")).contains("at most 365 days");
    }

    @Test
    void theIdRegistryAndTheDataDirectory_areTheOwnersOnly() throws Exception {
        assertThat(bgcopy.run("create", "private").exitCode()).isZero();
        Path data = home.resolve("data").resolve("bgcopy");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("cli-jobs.txt"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aDownloadIntoItsOwnStore_exits2_andCreatesNothing() throws Exception {
        ok("list");
        List<String> before = BgcopyProcess.filesIn(store);
        Path db = store.resolve("jobs.db");
        byte[] dbBefore = Files.readAllBytes(db);

        BgcopyProcess.Result r = inStore("download", server.url("/f.bin").toString(), db.toString()).assertOneLineError(2);
        assertThat(r.stderr()).contains("refusing to download into bgcopy's own data directory " + store);
        inStore("download", server.url("/f.bin").toString(), store.resolve("other.bin").toString()).assertOneLineError(2);
        Path data = home.resolve("data").resolve("bgcopy");
        Files.createDirectories(data);
        bgcopy.run("--store", ":memory:", "download", server.url("/f.bin").toString(), data.resolve("x.bin").toString())
                .assertOneLineError(2);

        assertThat(BgcopyProcess.filesIn(store)).isEqualTo(before);
        assertThat(Files.readAllBytes(db)).isEqualTo(dbBefore);
        assertThat(BgcopyProcess.filesIn(data)).isEmpty();
        assertThat(server.requests()).isEmpty();
    }
}
