package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {

    @TempDir
    Path dir;

    @Test
    void everyStateIsReachable() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            for (BgJobState state : BgJobState.values()) {
                if (state == BgJobState.CONNECTING && dialect == Dialect.DO) {
                    continue;
                }
                Path d = Files.createDirectories(dir.resolve(dialect.name() + state));
                try (SimFixture f = new SimFixture(d, dialect)) {
                    f.jobIn(state);
                }
            }
        }
    }

    @Test
    void downloadsAndCompletes() throws Exception {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            RemoteResource r = f.serve(100_000);
            Path dest = f.addFile(job, r);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(Files.exists(dest)).isFalse();
            job.complete();
            assertThat(Files.readAllBytes(dest)).isEqualTo(r.content());
            assertThat(f.leftovers()).containsExactly(dest);
        }
    }
}
