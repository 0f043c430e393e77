package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;
import dev.bgcopy.api.BitsJobTransferPolicy;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob5;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IBackgroundCopyJob5 behaviours the kit cannot reach through a real server (docs/contract.md §4.17): the job's
 * own notification interval on the virtual clock, and a network cost scripted to change at an instant of it.
 */
class JobPropertiesTest {

    @TempDir
    Path dir;

    private static IBackgroundCopyJob5 job5(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJob5.class).orElseThrow();
    }

    /** Runs the engine in one-second steps of the virtual clock until {@code job} is TRANSFERRED or ERROR. */
    private static void driveToEnd(SimFixture f, IBackgroundCopyJob job) {
        for (int i = 0; i < 120 && job.getState() != BgJobState.TRANSFERRED && job.getState() != BgJobState.ERROR; i++) {
            f.manager.runUntilIdle();
            f.clock.advance(Duration.ofSeconds(1));
        }
        f.manager.runUntilIdle();
    }

    @Test
    @DisplayName("MINIMUM_NOTIFICATION_INTERVAL_MS: progress JobModifications at least that far apart on the engine clock")
    void notificationInterval() {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS)
                .maxBackgroundBandwidth(1000).build();
        try (SimFixture f = new SimFixture(dir, config)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(60_000));
            job5(job).setProperty(BitsJobPropertyId.MINIMUM_NOTIFICATION_INTERVAL_MS, new BitsJobPropertyValue.Dword(3000));
            List<Instant> progressAt = new ArrayList<>();
            long[] lastBytes = {0};
            job.setNotifyFlags(BgNotify.DEFAULT_MASK | BgNotify.JOB_MODIFICATION.nativeValue());
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobModification(IBackgroundCopyJob j) {
                    long bytes = j.getProgress().bytesTransferred();
                    if (j.getState() == BgJobState.TRANSFERRING && bytes > lastBytes[0]) {
                        synchronized (progressAt) {
                            progressAt.add(f.clock.now());
                        }
                        lastBytes[0] = bytes;
                    }
                    return HResult.S_OK;
                }
            });
            job.resume();
            driveToEnd(f, job);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            synchronized (progressAt) {
                assertThat(progressAt).as("60 s at 1,000 B/s give several progress notices").hasSizeGreaterThanOrEqualTo(2);
                for (int i = 1; i < progressAt.size(); i++) {
                    assertThat(Duration.between(progressAt.get(i - 1), progressAt.get(i)))
                            .as("gap before notice %d of %s", i, progressAt).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                }
            }
        }
    }

    @Test
    @DisplayName("a network cost scripted on the virtual clock lets a waiting job go on at that instant")
    void scriptedCostChange() {
        NetworkCost cost = NetworkCost.unrestricted();
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().dialect(Dialect.DO).networkCost(cost).build();
        try (SimFixture f = new SimFixture(dir, config)) {
            cost.set(BitsJobTransferPolicy.COST_OVERCAP_CHARGED);
            Instant change = f.clock.now().plus(Duration.ofMinutes(10));
            cost.setAt(change, BitsJobTransferPolicy.COST_UNRESTRICTED);
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(4000));
            job5(job).setProperty(BitsJobPropertyId.COST_FLAGS,
                    new BitsJobPropertyValue.Dword(BitsJobTransferPolicy.NO_SURCHARGE.nativeValue()));
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.DO_E_BLOCKED_BY_COST_TRANSFER_POLICY);
            f.clock.advance(Duration.ofMinutes(9));
            f.manager.runUntilIdle();
            assertThat(job.getState()).as("before the scripted change").isEqualTo(BgJobState.TRANSIENT_ERROR);
            f.clock.advance(Duration.ofMinutes(1));
            f.manager.runUntilIdle();
            assertThat(job.getState()).as("at the scripted change").isEqualTo(BgJobState.TRANSFERRED);
        }
    }
}
