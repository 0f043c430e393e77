package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.downloads.Download;
import dev.bgcopy.api.downloads.DownloadRequest;
import dev.bgcopy.api.downloads.Downloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Follower#followToCompletion}, the end {@code download}, {@code wait} and the demo share, against
 * the simulator (BITS dialect, for plain {@code AddFile}) in a durable store, copying real files through
 * {@code file:} URLs: a download started through the API, and jobs created beforehand and adopted by id,
 * as {@code bgcopy wait ID} does.
 */
@Timeout(60)
class FollowerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final List<Download> failedDownloads = new ArrayList<>();
    private final Follower.Ending ending = new Follower.Ending("copy failed", "try again", "by someone else",
            failedDownloads::add);
    private Downloads downloads;
    private Interruption interruption;
    private ProgressDisplay display;

    @BeforeEach
    void open() {
        interruption = Interruption.onInterrupt(() -> { });
        display = ProgressDisplay.on(new PrintStream(progress, true, StandardCharsets.UTF_8), "copy", false);
    }

    @AfterEach
    void close() {
        display.close();
        interruption.close();
        if (downloads != null) {
            downloads.close();
        }
    }

    private Map<String, String> store() {
        return Map.of("store", dir.resolve("store").toString(), "dialect", "bits");
    }

    private Downloads downloads() {
        Map<String, String> options = new HashMap<>(store());
        options.put(Downloads.OPTION_POLL_MILLIS, "10");
        downloads = Downloads.open("follower-test", "simulator", options);
        return downloads;
    }

    /** A suspended job made through the COM contract before the API is opened: what {@code bgcopy create} and {@code add} leave. */
    private UUID jobMadeEarlier(Path source, Path destination) {
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", store())) {
            IBackgroundCopyJob job = manager.createJob("follower test", BgJobType.DOWNLOAD);
            job.addFile(source.toUri().toString(), destination.toString());
            return job.getId();
        }
    }

    private Follower follower(Download download) {
        return new Follower(download, display, interruption, Duration.ofMillis(10));
    }

    @Test
    void transferredJob_isCompleted_andTheFileIsInPlace() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(11).nextBytes(bytes);
        Path source = Files.write(dir.resolve("source.bin"), bytes);
        Path copy = dir.resolve("copy.bin");
        Download download = downloads().start(DownloadRequest.builder(source.toUri(), copy).build());

        Optional<Path> completed = follower(download).followToCompletion(null, 0, ending);

        assertThat(completed).contains(copy);
        assertThat(download.job().orElseThrow().getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
        assertThat(failedDownloads).isEmpty();
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("copy: TRANSFERRED");
    }

    @Test
    void jobInError_throwsItsError_afterTheCommandsOwnStep() {
        UUID id = jobMadeEarlier(dir.resolve("missing.bin"), dir.resolve("copy.bin"));
        Download download = downloads().adopt(id);
        download.resume();

        assertThatThrownBy(() -> follower(download).followToCompletion(null, 0, ending))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                    assertThat(e.getMessage()).startsWith("copy failed: ").endsWith("; try again");
                });
        assertThat(failedDownloads).containsExactly(download);
        assertThat(download.state()).as("an adopted job is left in ERROR for its owner").isEqualTo(BgJobState.ERROR);
    }

    @Test
    void jobCancelledBySomeoneElse_isGone() {
        UUID id = jobMadeEarlier(dir.resolve("missing.bin"), dir.resolve("copy.bin"));
        Download download = downloads().adopt(id);
        download.job().orElseThrow().cancel();

        assertThatThrownBy(() -> follower(download).followToCompletion(null, 0, ending))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                    assertThat(e.getMessage()).isEqualTo("job " + id
                            + " was cancelled by someone else; hint: see 'bgcopy list'");
                });
        assertThat(failedDownloads).isEmpty();
    }

    @Test
    void deadline_givesTheTimeoutExitCode() {
        UUID id = jobMadeEarlier(dir.resolve("missing.bin"), dir.resolve("copy.bin"));
        Download download = downloads().adopt(id);

        assertThatThrownBy(() -> follower(download).followToCompletion(Duration.ZERO, System.nanoTime(), ending))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("job " + id + " is still SUSPENDED after 0.0s; "
                            + "hint: wait again, or see 'bgcopy info " + id + "'");
                });
        assertThat(download.state()).isEqualTo(BgJobState.SUSPENDED);
    }
}
