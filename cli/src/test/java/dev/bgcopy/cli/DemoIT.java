package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgcopy demo} as a process: the README's first command. */
@Timeout(180)
class DemoIT {

    @TempDir
    Path home;

    @Test
    void demo_default256MiB_suspendsResumesWithARangeRequest_andVerifies() throws Exception {
        BgcopyProcess.Result r = new BgcopyProcess(home).run("demo");
        assertThat(r.exitCode()).as("stdout: %s%nstderr: %s", r.stdout(), r.stderr()).isZero();
        assertThat(r.stdout()).contains("content:    256.0 MiB of pseudo-random bytes")
                .contains("backend:    simulator, in memory")
                .contains("result:     OK, the SHA-256 of the downloaded file equals the server's")
                .contains("bytes:      268435456 (256.0 MiB)")
                .containsPattern("suspended:  at \\d+\\.\\d% \\(\\d+ bytes\\); resumed with Range: bytes=\\d+-")
                .containsPattern("\\d\\. GET /bgcopy-demo.bin Range: bytes=\\d+- .*-> 206");
        System.out.println(r.stdout());
        Matcher into = Pattern.compile("into:\\s+(\\S+)").matcher(r.stdout());
        assertThat(into.find()).isTrue();
        assertThat(Files.exists(Path.of(into.group(1)).getParent())).as("the temporary directory is removed").isFalse();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "sends SIGINT with kill(1)")
    void demo_interrupted_exits130_andRemovesItsFiles() throws Exception {
        BgcopyProcess bgcopy = new BgcopyProcess(home);
        BgcopyProcess.Running run = bgcopy.start(bgcopy.command("demo", "--size", "64M", "--rate", "8M"),
                line -> line.contains("TRANSFERRING"));
        run.awaitStderr();
        run.interrupt();
        BgcopyProcess.Result r = run.finish();
        assertThat(r.exitCode()).isEqualTo(130);
        assertThat(r.stderr()).contains("bgcopy: demo interrupted: the job was cancelled");
        Matcher into = Pattern.compile("into:\\s+(\\S+)").matcher(r.stdout());
        assertThat(into.find()).isTrue();
        assertThat(Files.exists(Path.of(into.group(1)).getParent())).isFalse();
    }
}
