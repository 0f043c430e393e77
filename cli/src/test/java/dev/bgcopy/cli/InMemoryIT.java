package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Commands against {@code --store :memory:}: an empty queue, in every dialect. */
@Timeout(60)
class InMemoryIT {

    @TempDir
    Path home;

    @Test
    void list_json_ofAnEmptyQueue_isAnEmptyArray() throws Exception {
        BgcopyProcess bgcopy = new BgcopyProcess(home);
        for (String dialect : new String[] {"do", "bits"}) {
            BgcopyProcess.Result r = bgcopy.run("--store", ":memory:", "--dialect", dialect, "list", "--json");
            assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
            assertThat(JSON.std.listFrom(r.stdout())).isEmpty();
        }
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "sends SIGINT with kill(1)")
    void monitor_showsTheTable_untilCtrlC() throws Exception {
        BgcopyProcess bgcopy = new BgcopyProcess(home);
        BgcopyProcess.Running run = bgcopy.start(bgcopy.command("--store", ":memory:", "monitor", "--interval", "100ms"),
                line -> line.contains("Ctrl-C to stop"));
        run.awaitStderr();
        run.interrupt();
        BgcopyProcess.Result r = run.finish();
        assertThat(r.exitCode()).isEqualTo(130);
        assertThat(r.stdout()).contains("bgcopy monitor: simulator, in memory").contains("(no jobs)");
    }

    @Test
    void list_text_ofAnEmptyQueue() throws Exception {
        BgcopyProcess.Result r = new BgcopyProcess(home).run("--store", ":memory:", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("ID").contains("(no jobs)");
    }
}
