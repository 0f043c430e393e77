package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./bgcopy} launcher at the repository root: runs the jar the build made (it builds only when
 * the jar is missing or older than a pom or main source file), passes arguments and the exit code through, and tells the CLI whether stderr is
 * a terminal.
 */
@Timeout(60)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "a bash script")
class LauncherIT {

    @TempDir
    Path home;

    @Test
    void launcher_isExecutable_andRunsTheJar() throws Exception {
        assertThat(Files.isExecutable(BgcopyProcess.LAUNCHER)).isTrue();
        BgcopyProcess bgcopy = new BgcopyProcess(home);
        BgcopyProcess.Result r = bgcopy.run(List.of(BgcopyProcess.LAUNCHER.toString(), "--version"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("bgcopy 0.1.0-SNAPSHOT");
        assertThat(r.stderrLines()).as("the jar exists: no build").isEmpty();
    }

    @Test
    void launcher_passesTheExitCodeThrough() throws Exception {
        BgcopyProcess bgcopy = new BgcopyProcess(home);
        bgcopy.run(List.of(BgcopyProcess.LAUNCHER.toString(), "info", "not-a-uuid")).assertOneLineError(2);
    }
}
