package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary file in a directory other users can write to (docs/contract.md §5.7, issue [hardening]
 * item 1, 9): real files, real symbolic links, a real SQLite store. The "victim" stands for a file the
 * attacker cannot write but the engine's user can; it must come out of every test byte for byte as it
 * went in, and the planted name must be left exactly as it was planted.
 */
@Timeout(60)
class LocalFileSafetyTest {

    private static final byte[] SECRET = "root-only secret\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private SimFixture sim;
    private Path victim;

    @BeforeEach
    void start() throws IOException {
        victim = Files.write(dir.resolve("victim"), SECRET);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimFixture bits() {
        sim = new SimFixture(dir, Dialect.BITS);
        return sim;
    }

    /** The temporary file of an in-memory engine of this process. */
    private static Path temp(IBackgroundCopyJob job, Path destination) {
        return LocalFiles.tempPath(destination, job.getId(), 0, LocalDisk.processTag());
    }

    private void assertRefusedAsNotOurs(IBackgroundCopyJob job) {
        assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
        BgError error = job.getError().getError();
        assertThat(error.code()).isEqualTo(HResult.E_ACCESSDENIED);
        assertThat(error.context()).isEqualTo(BgErrorContext.LOCAL_FILE);
    }

    private void assertUntouchedLink(Path link) throws IOException {
        assertThat(Files.isSymbolicLink(link)).as("the planted link is still there").isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(victim);
        assertThat(Files.readAllBytes(victim)).as("nothing was written through the link").isEqualTo(SECRET);
    }

    /** A job whose transfer lost its connection after 4,000 of its 10,000 bytes, and the temporary file holding them. */
    private record Interrupted(IBackgroundCopyJob job, RemoteResource resource, Path destination, Path temp) {
    }

    private Interrupted interruptedTransfer() {
        SimFixture sim = bits();
        RemoteResource resource = sim.serve(10_000).dropAt(4_000, 1);
        IBackgroundCopyJob job = sim.newJob();
        Path destination = sim.addFile(job, resource);
        job.resume();
        sim.manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        assertThat(job.getProgress().bytesTransferred()).isEqualTo(4_000);
        return new Interrupted(job, resource, destination, temp(job, destination));
    }

    /**
     * Moves the job's temporary file aside (its inode stays in use, as when an attacker renames it) and
     * plants a copy of its bytes, another regular file, at its name; returns the planted bytes.
     */
    private byte[] plantCopy(Path temp) throws IOException {
        byte[] planted = Files.readAllBytes(temp);
        Files.move(temp, dir.resolve("moved-aside"));
        Files.write(temp, planted);
        return planted;
    }

    @Test
    @DisplayName("a link planted at the temporary name before the first byte is an error of the file, never written through")
    void aLinkPlantedBeforeTheFirstByteIsNotFollowed() throws IOException {
        SimFixture sim = bits();
        RemoteResource resource = sim.serve(100_000);
        IBackgroundCopyJob job = sim.newJob();
        Path destination = sim.addFile(job, resource);
        Path link = Files.createSymbolicLink(temp(job, destination), victim);

        job.resume();
        sim.manager.runUntilIdle();

        assertRefusedAsNotOurs(job);
        assertUntouchedLink(link);
        assertThat(destination).doesNotExist();
        job.cancel();
        assertUntouchedLink(link);
    }

    @Test
    @DisplayName("a temporary file swapped for a link between two runs is not reopened through the link")
    void aLinkSwappedInBeforeAResumeIsNotFollowed() throws IOException {
        Interrupted interrupted = interruptedTransfer();
        IBackgroundCopyJob job = interrupted.job();
        Path temp = interrupted.temp();
        Files.delete(temp);
        Files.createSymbolicLink(temp, victim);
        job.suspend();
        job.resume();
        sim.manager.runUntilIdle();

        assertRefusedAsNotOurs(job);
        assertUntouchedLink(temp);
    }

    @Test
    @DisplayName("another regular file put at the temporary name between two runs is neither written nor moved")
    void anotherFileSwappedInBeforeARetryIsLeftAlone() throws IOException {
        Interrupted interrupted = interruptedTransfer();
        IBackgroundCopyJob job = interrupted.job();
        Path temp = interrupted.temp();
        byte[] planted = plantCopy(temp);
        sim.clock.advance(Duration.ofDays(1));
        sim.manager.runUntilIdle();

        assertRefusedAsNotOurs(job);
        assertThat(Files.readAllBytes(temp)).isEqualTo(planted);
        job.cancel();
        assertThat(Files.readAllBytes(temp)).as("Cancel deletes only the file the job created").isEqualTo(planted);
    }

    @Test
    @DisplayName("Complete refuses to move a link into place: E_ACCESSDENIED, no destination, the link untouched")
    void completeMovesOnlyTheVerifiedFile() throws IOException {
        SimFixture sim = bits();
        RemoteResource resource = sim.serve(10_000);
        IBackgroundCopyJob job = sim.newJob();
        Path destination = sim.addFile(job, resource);
        job.resume();
        sim.manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);

        Path temp = temp(job, destination);
        Files.delete(temp);
        Files.createSymbolicLink(temp, victim);
        BackgroundCopyException refused = catchThrowableOfType(job::complete, BackgroundCopyException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.hresult()).isEqualTo(HResult.E_ACCESSDENIED);
        assertThat(destination).doesNotExist();
        assertUntouchedLink(temp);
    }

    @Test
    @DisplayName("a restarted engine checks the temporary file against the identity it stored, and refuses another")
    void aRestartChecksTheStoredIdentity() throws IOException {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS)
                .store(dir.resolve("store")).checkpointBytes(1_000).build();
        ScriptedNetwork network = config.scriptedNetwork().orElseThrow();
        RemoteResource resource = network.serve("https://cdn.example.test/r.bin", SimFixture.bytes(10_000, 7)).stallAt(4_500, 1);
        Path destination = dir.resolve("r.bin");
        UUID id;
        Path temp;
        try (SimulatorManager first = Simulator.newManager(config)) {
            IBackgroundCopyJob job = first.createJob("survivor", BgJobType.DOWNLOAD);
            id = job.getId();
            job.addFile(resource.url(), destination.toString());
            job.resume();
            first.runUntilIdle();
            assertThat(job.getProgress().bytesTransferred()).isEqualTo(4_500);
            // A durable engine's temporary name carries no process: a later engine resumes it.
            temp = LocalFiles.tempPath(destination, id, 0, "");
        }
        byte[] planted = plantCopy(temp);

        try (SimulatorManager second = Simulator.newManager(config)) {
            IBackgroundCopyJob job = second.getJob(id);
            second.runUntilIdle();
            assertRefusedAsNotOurs(job);
            assertThat(Files.readAllBytes(temp)).isEqualTo(planted);
        }
    }

    @Test
    @DisplayName("a file: copy is never readable by more people than its source (0640 stays 0640 or narrower)")
    void aFileCopyIsNeverWiderThanItsSource() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path source = Files.write(dir.resolve("source.bin"), SimFixture.bytes(5_000, 3));
        Set<PosixFilePermission> sourceMode = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(source, sourceMode);
        SimFixture sim = bits();
        IBackgroundCopyJob job = sim.newJob();
        Path destination = dir.resolve("copy.bin");
        job.addFile(source.toUri().toString(), destination.toString());
        job.resume();
        sim.manager.runUntilIdle();
        assertThat(job.complete()).isEqualTo(HResult.S_OK);

        assertThat(Files.readAllBytes(destination)).isEqualTo(Files.readAllBytes(source));
        assertThat(sourceMode).containsAll(Files.getPosixFilePermissions(destination, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    @DisplayName("a retried job trusts its own temporary file, completes and leaves no temporary file")
    void theOwnFileStillWorks() throws IOException {
        Interrupted interrupted = interruptedTransfer();
        IBackgroundCopyJob job = interrupted.job();
        Path destination = interrupted.destination();
        sim.clock.advance(Duration.ofDays(1));
        sim.manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(job.complete()).isEqualTo(HResult.S_OK);
        assertThat(Files.readAllBytes(destination)).isEqualTo(interrupted.resource().content());
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("victim", destination.getFileName().toString());
        }
    }

}
