package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.tck.internal.RecordingCallback;
import dev.bgcopy.tck.internal.TckSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * CONTRACT §9 "Priority and timeout setters" (R63-R66) and "Timestamps" (R67-R71, rules MT-1..MT-3 of §4.0).
 */
public interface JobSettingsContract extends TckContract {

    @Example
    @Tag("R63")
    @Label("R63 setPriority_everyPriorityRoundTrips")
    default void setPriority_everyPriorityRoundTrips() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            for (BgJobPriority p : BgJobPriority.values()) {
                expectOk("SetPriority(" + p + ")", () -> job.setPriority(p));
                assertThat(job.getPriority()).isEqualTo(p);
            }
        }
    }

    @Example
    @Tag("R65")
    @Label("R65 setNoProgressTimeout_anyUlongRoundTrips")
    default void setNoProgressTimeout_anyUlongRoundTrips() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            List<Long> values = new ArrayList<>(List.of(0L, 1L, 59L, 3_600L, 86_400L, 1_209_600L,
                    0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL));
            long seed = Long.getLong("tck.seed", 20_261_121L);
            Random random = new Random(seed);
            for (int i = 0; i < 40; i++) {
                values.add(random.nextLong() & 0xFFFF_FFFFL);
            }
            for (long v : values) {
                expectOk("SetNoProgressTimeout(" + v + ") [seed " + seed + "]", () -> job.setNoProgressTimeout(v));
                assertThat(job.getNoProgressTimeout()).as("seed %d", seed).isEqualTo(v);
            }
        }
    }

    @Example
    @Tag("R66")
    @Label("R66 setPriorityAndNotifyInterface_onTerminal_invalidState")
    default void setPriorityAndNotifyInterface_onTerminal_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            s.assumeStrictUnless(Dialect.BITS, 66);
            for (IBackgroundCopyJob job : List.of(s.cancelledJob(), s.acknowledgedJob())) {
                BgJobState state = job.getState();
                if (s.strict()) {
                    s.expectFails(SemanticError.INVALID_STATE, "SetPriority on " + state, () -> job.setPriority(BgJobPriority.LOW));
                    assertThat(job.getPriority()).isEqualTo(BgJobPriority.NORMAL);
                }
                s.expectFails(SemanticError.INVALID_STATE, "SetNotifyInterface on " + state,
                        () -> job.setNotifyInterface(new RecordingCallback()));
                assertThat(job.getNotifyInterface()).isEmpty();
            }
        }
    }

    @Example
    @Tag("R67")
    @Tag("R68")
    @Label("R67 creationTimeConstant_modificationTimeMonotonic")
    default void creationTimeConstant_modificationTimeMonotonic() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            BgJobTimes first = job.getTimes();
            List<BgJobTimes> seen = new ArrayList<>();
            seen.add(first);
            Runnable observe = () -> seen.add(job.getTimes());
            s.addFile(job, "t.bin", bytes(30_000, 67));
            observe.run();
            job.setPriority(BgJobPriority.LOW);
            observe.run();
            job.resume();
            s.drive(job, st -> st == BgJobState.TRANSFERRED, "TRANSFERRED", st -> observe.run());
            job.complete();
            observe.run();
            for (int i = 0; i < seen.size(); i++) {
                BgJobTimes t = seen.get(i);
                assertThat(t.creationTime()).as("R67 CreationTime at observation %d", i).isEqualTo(first.creationTime());
                assertThat(t.modificationTime()).as("R68 MT >= CT").isAfterOrEqualTo(t.creationTime());
                if (i > 0) {
                    assertThat(t.modificationTime()).as("R68 MT never decreases (observation %d)", i)
                            .isAfterOrEqualTo(seen.get(i - 1).modificationTime());
                }
            }
        }
    }

    @Example
    @Tag("R69")
    @Label("R69 successfulChange_refreshesModificationTime")
    default void successfulChange_refreshesModificationTime() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = s.content().put("/mt.bin", bytes(2_000, 69)).toString();
            Map<String, TckSession.Call> changes = new LinkedHashMap<>();
            changes.put("add a file", () -> s.addUrl(job, "mt.bin", java.net.URI.create(url)));
            changes.put("SetPriority", () -> job.setPriority(BgJobPriority.HIGH));
            changes.put("SetNotifyFlags", () -> job.setNotifyFlags(0x9));
            changes.put("SetNoProgressTimeout", () -> job.setNoProgressTimeout(777));
            changes.put("SetNotifyInterface", () -> job.setNotifyInterface(null));
            changes.put("Suspend", job::suspend);
            changes.put("Resume", job::resume);
            changes.put("Suspend again", job::suspend);
            changes.put("Cancel", job::cancel);
            for (Map.Entry<String, TckSession.Call> change : changes.entrySet()) {
                if (s.hasVirtualClock()) {
                    s.advance(Duration.ofSeconds(3));
                }
                Instant before = s.now();
                expectOk(change.getKey(), change.getValue());
                Instant mt = job.getTimes().modificationTime();
                if (s.strict() && s.hasVirtualClock()) {
                    assertThat(mt).as("MT after %s equals the virtual clock at the call", change.getKey()).isEqualTo(before);
                } else {
                    assertThat(mt).as("MT after %s", change.getKey()).isAfterOrEqualTo(before.minus(Duration.ofSeconds(2)));
                }
            }
        }
    }

    @Example
    @Tag("R70")
    @Label("R70 gettersAndFailingCalls_leaveModificationTime")
    @Requires(strictOnly = true)
    default void gettersAndFailingCalls_leaveModificationTime() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            BgJobTimes times = job.getTimes();
            if (s.hasVirtualClock()) {
                s.advance(Duration.ofSeconds(10));
            }
            job.getState();
            job.getProgress();
            job.getId();
            job.getType();
            job.getDisplayName();
            job.getPriority();
            job.getNotifyFlags();
            job.getNotifyInterface();
            job.getNoProgressTimeout();
            job.enumFiles().getCount();
            TckSession.hr(job::getError);
            s.manager().getJob(job.getId());
            TckSession.hr(job::resume);
            TckSession.hr(() -> job.setNotifyFlags(0x1000));
            assertThat(job.getTimes()).isEqualTo(times);
        }
    }

    @Example
    @Tag("R71")
    @Label("R71 transferCompletionTime_setOnTransferred_keptByComplete")
    default void transferCompletionTime_setOnTransferred_keptByComplete() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "tct.bin", bytes(8_000, 71));
            Instant resumed = s.now();
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            Instant observed = s.now();
            Duration slack = s.hasVirtualClock() ? Duration.ZERO : Duration.ofSeconds(2);
            Instant tct = job.getTimes().transferCompletionTime();
            assertThat(tct).isBetween(resumed.minus(slack), observed.plus(slack));
            if (s.hasVirtualClock()) {
                s.advance(Duration.ofSeconds(30));
            }
            job.complete();
            if (s.strict()) {
                assertThat(job.getTimes().transferCompletionTime()).as("Complete does not change it").isEqualTo(tct);
            }
        }
    }
}
