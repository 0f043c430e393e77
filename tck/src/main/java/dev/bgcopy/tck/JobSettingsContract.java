package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
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
 * docs/contract.md §9 "Priority and timeout setters" (R63-R66) and "Timestamps" (R67-R71, rules MT-1..MT-3 of §4.0).
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
            long last = values.get(values.size() - 1);
            for (long notAUlong : new long[] {0x1_0000_0000L, -1L}) {
                s.expectFailsStrictly(HResult.E_INVALIDARG, "SetNoProgressTimeout(" + notAUlong + ")",
                        () -> job.setNoProgressTimeout(notAUlong));
                assertThat(job.getNoProgressTimeout()).as("unchanged by a refused value").isEqualTo(last);
            }
        }
    }

    /**
     * The BITS-only settings of docs/contract.md §4 at their edges, and on a terminal job: descriptions of 1,024
     * (kept) and 1,025 characters (refused), proxy lists of 32,767 (kept) and 32,768 characters
     * (BG_E_PROXY_*_TOO_LARGE), proxy lists with a usage that takes none, retry delays at 2^32 - 1
     * and 2^32; every refusal changes nothing, and every setter of a cancelled job is INVALID_STATE.
     */
    @Example
    @Label("bitsSettings_edgesAndTerminalJobs")
    @Requires(Feature.BITS_METHODS)
    default void bitsSettings_edgesAndTerminalJobs() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String longest = "d".repeat(1_024);
            expectOk("SetDescription(1,024 chars)", () -> job.setDescription(longest));
            s.expectFailsStrictly(HResult.E_INVALIDARG, "SetDescription(1,025 chars)", () -> job.setDescription(longest + "d"));
            assertThat(job.getDescription()).isEqualTo(longest);

            BgProxySettings widest = new BgProxySettings(BgJobProxyUsage.OVERRIDE, "p".repeat(32_767), "b".repeat(32_767));
            expectOk("SetProxySettings(32,767-character lists)",
                    () -> job.setProxySettings(widest.usage(), widest.proxyList(), widest.proxyBypassList()));
            s.expectFailsStrictly(HResult.BG_E_PROXY_LIST_TOO_LARGE, "SetProxySettings(32,768-character list)",
                    () -> job.setProxySettings(BgJobProxyUsage.OVERRIDE, "p".repeat(32_768), null));
            s.expectFailsStrictly(HResult.BG_E_PROXY_BYPASS_LIST_TOO_LARGE, "SetProxySettings(32,768-character bypass list)",
                    () -> job.setProxySettings(BgJobProxyUsage.OVERRIDE, "proxy:8080", "b".repeat(32_768)));
            s.expectFailsStrictly(HResult.E_INVALIDARG, "SetProxySettings(NO_PROXY with a list)",
                    () -> job.setProxySettings(BgJobProxyUsage.NO_PROXY, "proxy:8080", null));
            s.expectFailsStrictly(HResult.E_INVALIDARG, "SetProxySettings(OVERRIDE without a list)",
                    () -> job.setProxySettings(BgJobProxyUsage.OVERRIDE, null, null));
            assertThat(job.getProxySettings()).as("unchanged by refused settings").isEqualTo(widest);

            expectOk("SetMinimumRetryDelay(2^32 - 1)", () -> job.setMinimumRetryDelay(0xFFFF_FFFFL));
            s.expectFailsStrictly(HResult.E_INVALIDARG, "SetMinimumRetryDelay(2^32)", () -> job.setMinimumRetryDelay(0x1_0000_0000L));
            assertThat(job.getMinimumRetryDelay()).isEqualTo(0xFFFF_FFFFL);

            job.cancel();
            Map<String, TckSession.Call> setters = new LinkedHashMap<>();
            setters.put("SetDisplayName", () -> job.setDisplayName("late"));
            setters.put("SetDescription", () -> job.setDescription("late"));
            setters.put("SetMinimumRetryDelay", () -> job.setMinimumRetryDelay(5));
            setters.put("SetProxySettings", () -> job.setProxySettings(BgJobProxyUsage.NO_PROXY, null, null));
            setters.put("TakeOwnership", job::takeOwnership);
            setters.put("AddFile", () -> job.addFile(s.content().put("/late.bin", bytes(10, 1)).toString(), s.local("late.bin").toString()));
            setters.put("AddFileSet", () -> job.addFileSet(List.of(new BgFileInfo(s.content().url("/late.bin").toString(),
                    s.local("late2.bin").toString()))));
            for (Map.Entry<String, TckSession.Call> setter : setters.entrySet()) {
                s.expectFailsStrictly(SemanticError.INVALID_STATE, setter.getKey() + " on a CANCELLED job", setter.getValue());
            }
            assertThat(job.getDescription()).isEqualTo(longest);
            assertThat(job.getProgress().filesTotal()).isZero();
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
            String elsewhere = s.content().put("/mt-elsewhere.bin", bytes(2_000, 69)).toString();
            changes.put("SetRemoteName", () -> job.enumFiles().next(1).get(0).setRemoteName(elsewhere));
            if (s.has(Feature.BITS_METHODS)) {
                changes.put("SetDisplayName", () -> job.setDisplayName("renamed"));
                changes.put("SetDescription", () -> job.setDescription("described"));
                changes.put("SetMinimumRetryDelay", () -> job.setMinimumRetryDelay(30));
                changes.put("SetProxySettings", () -> job.setProxySettings(BgJobProxyUsage.NO_PROXY, null, null));
                changes.put("TakeOwnership", job::takeOwnership);
            }
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
