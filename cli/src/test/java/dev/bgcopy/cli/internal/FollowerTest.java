package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Follower#followToCompletion}, the end {@code download}, {@code wait} and the demo share, against
 * the in-memory simulator (BITS dialect, for plain {@code AddFile}) copying real files through {@code file:} URLs.
 */
@Timeout(60)
class FollowerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final List<IBackgroundCopyJob> failedJobs = new ArrayList<>();
    private final Follower.Ending ending = new Follower.Ending("copy failed", "try again", "by someone else",
            failedJobs::add);
    private IBackgroundCopyManager manager;
    private Interruption interruption;
    private ProgressDisplay display;

    @BeforeEach
    void open() {
        manager = BackgroundCopy.open("simulator", Map.of("dialect", "bits"));
        interruption = Interruption.onInterrupt(() -> { });
        display = ProgressDisplay.on(new PrintStream(progress, true, StandardCharsets.UTF_8), "copy", false);
    }

    @AfterEach
    void close() {
        display.close();
        interruption.close();
        manager.close();
    }

    private IBackgroundCopyJob job(Path source, Path destination) {
        IBackgroundCopyJob job = manager.createJob("follower test", BgJobType.DOWNLOAD);
        job.addFile(source.toUri().toString(), destination.toString());
        return job;
    }

    private Follower follower(IBackgroundCopyJob job) {
        return new Follower(job, display, interruption, Duration.ofMillis(10));
    }

    @Test
    void transferredJob_isCompleted_andTheFileIsInPlace() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(11).nextBytes(bytes);
        Path source = Files.write(dir.resolve("source.bin"), bytes);
        Path copy = dir.resolve("copy.bin");
        IBackgroundCopyJob job = job(source, copy);
        job.resume();

        Optional<HResult> completed = follower(job).followToCompletion(null, ending);

        assertThat(completed).contains(HResult.S_OK);
        assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
        assertThat(failedJobs).isEmpty();
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("copy: TRANSFERRED");
    }

    @Test
    void jobInError_throwsItsError_afterTheCommandsOwnStep() {
        IBackgroundCopyJob job = job(dir.resolve("missing.bin"), dir.resolve("copy.bin"));
        job.resume();

        assertThatThrownBy(() -> follower(job).followToCompletion(null, ending))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                    assertThat(e.getMessage()).startsWith("copy failed: ").endsWith("; try again");
                });
        assertThat(failedJobs).containsExactly(job);
        assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
    }

    @Test
    void jobCancelledBySomeoneElse_isGone() {
        IBackgroundCopyJob job = job(dir.resolve("missing.bin"), dir.resolve("copy.bin"));
        job.cancel();

        assertThatThrownBy(() -> follower(job).followToCompletion(null, ending))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                    assertThat(e.getMessage()).isEqualTo("job " + job.getId()
                            + " was cancelled by someone else; hint: see 'bgcopy list'");
                });
        assertThat(failedJobs).isEmpty();
    }

    @Test
    void deadline_givesTheTimeoutExitCode() {
        IBackgroundCopyJob job = job(dir.resolve("missing.bin"), dir.resolve("copy.bin"));

        assertThatThrownBy(() -> follower(job).followToCompletion(Duration.ZERO, ending))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("job " + job.getId() + " is still SUSPENDED after 0.0s; "
                            + "hint: wait again, or see 'bgcopy info " + job.getId() + "'");
                });
        assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
    }
}
