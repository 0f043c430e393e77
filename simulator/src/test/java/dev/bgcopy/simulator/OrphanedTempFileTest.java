package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-memory engine killed with SIGKILL cannot delete its temporary files, and no later engine will
 * resume them; the next engine that writes to the same directory removes them (docs/contract.md §5.7,
 * issue [hardening] item 10). A real child JVM, a real SIGKILL.
 */
@Timeout(120)
class OrphanedTempFileTest {

    @TempDir
    Path dir;

    private List<Path> hidden() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    @DisplayName("the temporary file of a killed in-memory engine is removed by the next engine writing there; a live one's stays")
    void aKilledEnginesTemporaryFileIsRemovedByTheNext() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "SIGKILL is a POSIX signal");
        Path source = Files.write(dir.resolve("source.bin"), SimFixture.bytes(20_000, 11));
        ChildJvm child = ChildJvm.start(InMemoryChild.class, source.toUri().toString(), dir.resolve("killed.bin").toString());
        child.expectLine("transferred");
        List<Path> orphans = hidden();
        assertThat(orphans).hasSize(1);
        assertThat(orphans.get(0).getFileName().toString()).contains("-p" + child.process().pid());
        child.kill();
        // A temporary file of this live process, as an in-memory job of another engine here would have.
        Path live = Files.write(LocalFiles.tempPath(dir.resolve("live.bin"), UUID.randomUUID(), 0, LocalDisk.processTag()),
                new byte[] {1, 2, 3});

        try (SimFixture sim = new SimFixture(dir, Dialect.BITS)) {
            RemoteResource resource = sim.serve(5_000);
            IBackgroundCopyJob job = sim.newJob();
            Path destination = sim.addFile(job, resource);
            job.resume();
            sim.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);

            assertThat(orphans.get(0)).as("the killed engine's file").doesNotExist();
            assertThat(live).as("the live engine's file").exists();
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
            assertThat(Files.readAllBytes(destination)).isEqualTo(resource.content());
        }
        assertThat(dir.resolve("killed.bin")).doesNotExist();
    }
}
