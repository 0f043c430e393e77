package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bandwidth caps and FOREGROUND pre-emption on the virtual clock. The scripted network delivers 16 KiB
 * per read, so at 1 MiB/s one read is paid for after exactly 15.625 ms: the tests step the clock by that
 * much and every byte count is known exactly (within one read where several transfers share a cap and
 * the order of their first reads is up to the threads).
 */
class BandwidthAndPreemptionTest {

    private static final int READ = 16 * 1024;
    private static final long MIB = 1L << 20;
    private static final Duration READ_AT_1_MIB_S = Duration.ofNanos(15_625_000);

    @TempDir
    Path dir;

    private SimFixture fixture(Dialect dialect, long background, long foreground) {
        return new SimFixture(dir, SimulatorConfig.deterministic().toBuilder().dialect(dialect)
                .maxBackgroundBandwidth(background).maxForegroundBandwidth(foreground).build());
    }

    private static void step(SimFixture f, Duration by) {
        f.clock.advance(by);
        f.manager.runUntilIdle();
    }

    private static long bytes(IBackgroundCopyJob job) {
        return job.getProgress().bytesTransferred();
    }

    @Test
    void aBackgroundCapHoldsTheRateExactlyOnTheVirtualClock() throws Exception {
        try (SimFixture f = fixture(Dialect.DO, MIB, 0)) {
            RemoteResource resource = f.serve((int) (8 * MIB));
            IBackgroundCopyJob job = f.newJob();
            Path target = f.addFile(job, resource);
            Instant start = f.clock.now();
            job.resume();
            f.manager.runUntilIdle();
            assertThat(bytes(job)).as("one read, then the cap makes it wait").isEqualTo(READ);
            for (int k = 1; k < 512; k++) {
                step(f, READ_AT_1_MIB_S);
                assertThat(bytes(job)).as("after %d reads' time", k).isEqualTo((long) (k + 1) * READ);
            }
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRING);
            step(f, READ_AT_1_MIB_S);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(Duration.between(start, f.clock.now())).as("8 MiB at 1 MiB/s").isEqualTo(Duration.ofSeconds(8));
            job.complete();
            assertThat(Files.readAllBytes(target)).isEqualTo(resource.content());
        }
    }

    @Test
    void aClockJumpEarnsNoBurst() {
        try (SimFixture f = fixture(Dialect.DO, MIB, 0)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve((int) (4 * MIB)));
            job.resume();
            f.manager.runUntilIdle();
            step(f, Duration.ofHours(1));
            assertThat(bytes(job)).as("an idle hour is not credit: one more read").isEqualTo(2L * READ);
        }
    }

    @Test
    void severalBackgroundTransfersShareOneCap() {
        try (SimFixture f = fixture(Dialect.DO, MIB, 0)) {
            List<IBackgroundCopyJob> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                IBackgroundCopyJob job = f.newJob();
                f.addFile(job, f.serve((int) (2 * MIB)));
                jobs.add(job);
                job.resume();
            }
            f.manager.runUntilIdle();
            for (int k = 1; k <= 64 * 6 + 6; k++) {
                step(f, READ_AT_1_MIB_S);
                long sum = jobs.stream().mapToLong(BandwidthAndPreemptionTest::bytes).sum();
                assertThat(sum).as("the sum at %d reads' time never runs ahead of the cap by more than a read each", k)
                        .isLessThanOrEqualTo((k + 3L) * READ)
                        .isGreaterThanOrEqualTo(Math.min(6 * MIB, (k - 3L) * READ));
            }
            assertThat(jobs).allSatisfy(job -> assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED));
        }
    }

    @Test
    void foregroundTransfersHaveTheirOwnCap() {
        try (SimFixture f = fixture(Dialect.DO, MIB, 2 * MIB)) {
            IBackgroundCopyJob background = f.newJob();
            f.addFile(background, f.serve((int) (4 * MIB)));
            IBackgroundCopyJob foreground = f.newJob();
            foreground.setPriority(BgJobPriority.FOREGROUND);
            f.addFile(foreground, f.serve((int) (4 * MIB)));
            background.resume();
            foreground.resume();
            f.manager.runUntilIdle();
            Duration readAt2MiBs = READ_AT_1_MIB_S.dividedBy(2);
            for (int k = 0; k < 255; k++) {
                step(f, readAt2MiBs);
            }
            assertThat(foreground.getState()).isEqualTo(BgJobState.TRANSFERRING);
            step(f, readAt2MiBs);
            assertThat(foreground.getState()).as("4 MiB at 2 MiB/s: 2 s").isEqualTo(BgJobState.TRANSFERRED);
            assertThat(bytes(background)).as("2 s at 1 MiB/s, whatever the foreground does").isEqualTo(2 * MIB + READ);
        }
    }

    @Test
    void underACapHigherPrioritiesAreServedFirstAndLowerOnesAreNotStarved() {
        try (SimFixture f = fixture(Dialect.BITS, MIB, 0)) {
            IBackgroundCopyJob low = f.newJob();
            low.setPriority(BgJobPriority.LOW);
            f.addFile(low, f.serve((int) (4 * MIB)));
            IBackgroundCopyJob high = f.newJob();
            high.setPriority(BgJobPriority.HIGH);
            f.addFile(high, f.serve((int) (4 * MIB)));
            low.resume();
            high.resume();
            f.manager.runUntilIdle();
            // HIGH reads every 19.53125 ms (4/5 of the cap), LOW every 78.125 ms (1/5): both multiples of the step.
            Duration quarterRead = READ_AT_1_MIB_S.dividedBy(4);
            int steps = 0;
            while (high.getState() != BgJobState.TRANSFERRED) {
                step(f, quarterRead);
                assertThat(++steps).as("HIGH gets 4/5 of 1 MiB/s: done in 5 s").isLessThanOrEqualTo(1280);
            }
            // 1280 steps, or 1279 when HIGH's first read was paid before LOW's first read registered (one read's worth).
            assertThat(steps).isBetween(1279, 1280);
            assertThat(low.getState()).isEqualTo(BgJobState.TRANSFERRING);
            assertThat(bytes(low)).as("LOW keeps one turn in five (the starvation rule): about 1 MiB")
                    .isBetween(MIB - 4L * READ, MIB + 4L * READ);
            long lowAtHighDone = bytes(low);
            for (int k = 0; k < 256; k++) {
                step(f, quarterRead);
            }
            assertThat(bytes(low) - lowAtHighDone).as("alone, LOW has the whole cap").isBetween(MIB - 6L * READ, MIB + READ);
        }
    }

    @Test
    void aForegroundJobTakesTheSlotOfTheLowestPriorityTransferWhichResumesLaterWithARange() throws Exception {
        try (SimFixture f = fixture(Dialect.BITS, MIB, MIB)) {
            List<IBackgroundCopyJob> normal = new ArrayList<>();
            List<RemoteResource> resources = new ArrayList<>();
            List<Path> targets = new ArrayList<>();
            for (int i = 0; i < SimulatorConfig.DEFAULT_MAX_CONCURRENT_TRANSFERS; i++) {
                IBackgroundCopyJob job = f.newJob();
                RemoteResource resource = f.serve((int) MIB);
                targets.add(f.addFile(job, resource));
                resources.add(resource);
                normal.add(job);
                job.resume();
            }
            f.manager.runUntilIdle();
            for (int k = 0; k < 32; k++) {
                step(f, READ_AT_1_MIB_S);
            }
            assertThat(normal).allSatisfy(job -> assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRING));
            IBackgroundCopyJob last = normal.get(normal.size() - 1);
            long kept = bytes(last);
            assertThat(kept).isPositive();

            IBackgroundCopyJob foreground = f.newJob();
            foreground.setPriority(BgJobPriority.FOREGROUND);
            RemoteResource urgent = f.serve((int) (MIB / 4));
            Path urgentTarget = f.addFile(foreground, urgent);
            Instant added = f.clock.now();
            foreground.resume();
            f.manager.runUntilIdle();

            assertThat(f.clock.now()).isEqualTo(added);
            assertThat(foreground.getState()).as("no wait for a slot").isEqualTo(BgJobState.TRANSFERRING);
            assertThat(bytes(foreground)).isPositive();
            assertThat(last.getState()).as("the latest-queued NORMAL job yields (A10)").isEqualTo(BgJobState.QUEUED);
            assertThat(bytes(last)).as("and keeps its bytes").isEqualTo(kept);
            assertThat(normal.subList(0, normal.size() - 1))
                    .allSatisfy(job -> assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRING));

            while (foreground.getState() != BgJobState.TRANSFERRED) {
                step(f, READ_AT_1_MIB_S);
            }
            foreground.complete();
            assertThat(Files.readAllBytes(urgentTarget)).isEqualTo(urgent.content());
            for (int k = 0; k < 10_000 && !normal.stream().allMatch(j -> j.getState() == BgJobState.TRANSFERRED); k++) {
                step(f, READ_AT_1_MIB_S);
            }
            assertThat(f.network.requestsTo(resources.get(resources.size() - 1).url()))
                    .extracting(ScriptedRequest::range, ScriptedRequest::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(null, 200),
                            org.assertj.core.groups.Tuple.tuple("bytes=" + kept + "-", 206));
            for (int i = 0; i < normal.size(); i++) {
                assertThat(normal.get(i).getState()).isEqualTo(BgJobState.TRANSFERRED);
                normal.get(i).complete();
                assertThat(Files.readAllBytes(targets.get(i))).isEqualTo(resources.get(i).content());
            }
        }
    }

    @Test
    void foregroundJobsNeverYield() {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().maxConcurrentTransfers(1)
                .maxForegroundBandwidth(MIB).build();
        try (SimFixture f = new SimFixture(dir, config)) {
            IBackgroundCopyJob first = f.newJob();
            first.setPriority(BgJobPriority.FOREGROUND);
            f.addFile(first, f.serve((int) MIB));
            first.resume();
            f.manager.runUntilIdle();
            IBackgroundCopyJob second = f.newJob();
            second.setPriority(BgJobPriority.FOREGROUND);
            f.addFile(second, f.serve((int) MIB));
            second.resume();
            f.manager.runUntilIdle();
            assertThat(first.getState()).isEqualTo(BgJobState.TRANSFERRING);
            assertThat(second.getState()).isEqualTo(BgJobState.QUEUED);
        }
    }

    @Test
    void badBuilderValuesAreRefused() {
        assertThatThrownBy(() -> SimulatorConfig.builder().maxBackgroundBandwidth(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackgroundBandwidth");
        assertThatThrownBy(() -> SimulatorConfig.builder().maxForegroundBandwidth(Long.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxForegroundBandwidth");
        assertThatThrownBy(() -> SimulatorConfig.builder().maxConcurrentTransfers(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SimulatorConfig.builder().maxBackgroundBandwidth(Long.MAX_VALUE).build().maxBackgroundBandwidth())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void badProviderOptionsAreInvalidArgumentsAndOpenNothing() {
        List<String> rates = List.of("-1", "fast", "20MiB/s", "1.5", " 5", "", "9223372036854775808",
                "99999999999999999999");
        for (String option : List.of(SimulatorProvider.OPTION_MAX_BACKGROUND_BANDWIDTH,
                SimulatorProvider.OPTION_MAX_FOREGROUND_BANDWIDTH)) {
            for (String value : rates) {
                assertThatThrownBy(() -> BackgroundCopy.open(SimulatorProvider.NAME, Map.of(option, value)))
                        .as("%s=%s", option, value)
                        .isInstanceOfSatisfying(BackgroundCopyException.class,
                                e -> assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG));
            }
        }
        for (String value : List.of("0", "-4", "four", "2147483648")) {
            assertThatThrownBy(() -> BackgroundCopy.open(SimulatorProvider.NAME,
                    Map.of(SimulatorProvider.OPTION_MAX_CONCURRENT_TRANSFERS, value)))
                    .as("maxConcurrentTransfers=%s", value)
                    .isInstanceOfSatisfying(BackgroundCopyException.class,
                            e -> assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG));
        }
        Path store = dir.resolve("store");
        assertThatThrownBy(() -> BackgroundCopy.open(SimulatorProvider.NAME, Map.of(SimulatorProvider.OPTION_STORE,
                store.toString(), SimulatorProvider.OPTION_MAX_CONCURRENT_TRANSFERS, "0")))
                .isInstanceOf(BackgroundCopyException.class);
        assertThat(store).as("nothing is created").doesNotExist();
    }

    @Test
    void providerOptionsReachTheEngine() throws Exception {
        try (IBackgroundCopyManager manager = BackgroundCopy.open(SimulatorProvider.NAME, Map.of(
                SimulatorProvider.OPTION_MAX_CONCURRENT_TRANSFERS, "16",
                SimulatorProvider.OPTION_MAX_BACKGROUND_BANDWIDTH, "9223372036854775807",
                SimulatorProvider.OPTION_MAX_FOREGROUND_BANDWIDTH, "0"))) {
            assertThat(manager.toString()).contains("maxConcurrentTransfers=16", "maxBackgroundBandwidth=9223372036854775807")
                    .doesNotContain("maxForegroundBandwidth");
        }
    }
}
