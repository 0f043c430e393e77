package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Destination names and paths checked at AddFile (docs/contract.md §5.7, issue [hardening] item 10):
 * against the platform's name and path limits, counting the temporary file's name, and against the job
 * store's own directory. Every refusal is E_INVALIDARG and leaves nothing on disk and no file in the job.
 */
@Timeout(60)
class DestinationNameTest {

    @TempDir
    Path dir;

    private SimFixture sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private void add(IBackgroundCopyJob job, String url, Path destination) {
        if (sim.dialect == Dialect.DO) {
            job.addFileWithRanges("f", url, destination.toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        } else {
            job.addFile(url, destination.toString());
        }
    }

    private void assertRefusedAndNothingLeft(IBackgroundCopyJob job, String url, Path destination) throws IOException {
        BackgroundCopyException refused = catchThrowableOfType(() -> add(job, url, destination), BackgroundCopyException.class);
        assertThat(refused).as("AddFile refuses %s", destination).isNotNull();
        assertThat(refused.hresult()).isEqualTo(HResult.E_INVALIDARG);
        assertThat(job.getProgress().filesTotal()).isZero();
        try (var left = Files.list(destination.getParent())) {
            assertThat(left.filter(p -> !p.getFileName().toString().equals("store")).toList()).as("nothing left behind").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("a file name of 256 bytes is refused at AddFile; one of 255 bytes is transferred and completed")
    void aNameOverTheLimitIsRefusedAtAddFile(Dialect dialect) throws IOException {
        sim = new SimFixture(dir, dialect);
        RemoteResource resource = sim.serve(3_000);
        IBackgroundCopyJob refused = sim.newJob();
        // 'é' is two bytes in UTF-8: 127 of them and two ASCII letters are 256 bytes but 129 characters.
        Path tooLong = dir.resolve("é".repeat(127) + "ab");
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "Windows counts UTF-16 units");
        assertRefusedAndNothingLeft(refused, resource.url(), tooLong);

        IBackgroundCopyJob accepted = sim.newJob();
        Path longest = dir.resolve("é".repeat(127) + "a");
        add(accepted, resource.url(), longest);
        accepted.resume();
        sim.manager.runUntilIdle();
        assertThat(accepted.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(accepted.complete()).isEqualTo(HResult.S_OK);
        assertThat(Files.readAllBytes(longest)).isEqualTo(resource.content());
    }

    @Test
    @DisplayName("a path whose temporary file would pass PATH_MAX is refused at AddFile")
    void aPathOverTheLimitIsRefusedAtAddFile() throws IOException {
        sim = new SimFixture(dir, Dialect.BITS);
        RemoteResource resource = sim.serve(3_000);
        Path deep = dir;
        while (LocalFiles.nameLength(deep.toString()) + 1 + LocalFiles.TEMP_NAME_MAX <= Arguments.MAX_PATH) {
            deep = Files.createDirectory(deep.resolve("d".repeat(200)));
        }
        assertRefusedAndNothingLeft(sim.newJob(), resource.url(), deep.resolve("x.bin"));
    }

    @Test
    @DisplayName("a destination inside the job store's directory is refused at AddFile, also through a link")
    void aDestinationInsideTheStoreIsRefused() throws IOException {
        Path store = dir.resolve("store");
        sim = new SimFixture(dir, SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).store(store).build());
        RemoteResource resource = sim.serve(3_000);
        IBackgroundCopyJob job = sim.newJob();
        BackgroundCopyException refused = catchThrowableOfType(
                () -> job.addFile(resource.url(), store.resolve(SqliteJobStore.DATABASE).toString()), BackgroundCopyException.class);
        assertThat(refused.hresult()).isEqualTo(HResult.E_INVALIDARG);

        Path link = Files.createSymbolicLink(dir.resolve("innocent"), store);
        refused = catchThrowableOfType(() -> job.addFile(resource.url(), link.resolve("x.bin").toString()),
                BackgroundCopyException.class);
        assertThat(refused.hresult()).isEqualTo(HResult.E_INVALIDARG);
        assertThat(job.getProgress().filesTotal()).isZero();
    }

    @Test
    @DisplayName("'..' after a linked directory is the real directory's parent, as the kernel resolves it")
    void dotDotAfterALinkIsResolvedPhysically() throws IOException {
        Path real = Files.createDirectories(dir.resolve("a/real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        sim = new SimFixture(dir, Dialect.BITS);
        RemoteResource resource = sim.serve(3_000);
        IBackgroundCopyJob job = sim.newJob();
        job.addFile(resource.url(), link + "/../out.bin");
        job.resume();
        sim.manager.runUntilIdle();
        assertThat(job.complete()).isEqualTo(HResult.S_OK);
        assertThat(Files.readAllBytes(dir.resolve("a/out.bin"))).isEqualTo(resource.content());
        assertThat(dir.resolve("out.bin")).doesNotExist();
    }

    @Test
    @DisplayName("the temporary name of a long multi-byte destination stays within the name limit")
    void theTemporaryNameFitsForEveryValidName() {
        Path destination = dir.resolve("日".repeat(85));
        String temp = LocalFiles.tempPath(destination, java.util.UUID.randomUUID(), Integer.MAX_VALUE, "-p" + "9".repeat(10) + "n" + "9".repeat(10))
                .getFileName().toString();
        assertThat(LocalFiles.nameLength(temp)).isLessThanOrEqualTo(LocalFiles.TEMP_NAME_MAX).isLessThanOrEqualTo(Arguments.MAX_FILE_NAME);
    }
}
