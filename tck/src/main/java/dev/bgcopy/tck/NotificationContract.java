package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.RecordingCallback;
import dev.bgcopy.tck.internal.RecordingCallback.Kind;
import dev.bgcopy.tck.internal.TckSession;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "Notifications" (R51-R62): notify flags, the notify interface and callback delivery (§4.7).
 */
public interface NotificationContract extends TckContract {

    /** Real seconds to wait for a callback that must come. */
    int CALLBACK_WAIT_SECONDS = 15;

    @Example
    @Tag("R51")
    @Label("R51 setNotifyFlags_everySubsetRoundTrips")
    default void setNotifyFlags_everySubsetRoundTrips() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            int mask = !s.strict() && s.dialect() == Dialect.DO ? 0x1B : BgNotify.VALID_MASK;
            for (int f = 0; f <= BgNotify.VALID_MASK; f++) {
                if ((f & ~mask) != 0) {
                    continue;
                }
                int flags = f;
                expectOk("SetNotifyFlags(0x" + Integer.toHexString(f) + ")", () -> job.setNotifyFlags(flags));
                assertThat(job.getNotifyFlags()).as("GetNotifyFlags after 0x%s", Integer.toHexString(f)).isEqualTo(f);
            }
        }
    }

    @Example
    @Tag("R52")
    @Label("R52 setNotifyFlags_0x1F_ok")
    default void setNotifyFlags_0x1F_ok() {
        try (TckSession s = TckSession.open(fixture())) {
            s.assumeStrictUnless(Dialect.BITS, 52);
            IBackgroundCopyJob job = s.newJob();
            expectOk("SetNotifyFlags(0x1F)", () -> job.setNotifyFlags(0x1F));
            assertThat(job.getNotifyFlags()).isEqualTo(0x1F);
        }
    }

    @Example
    @Tag("R53")
    @Label("R53 setNotifyFlags_bitOutside0x3F_notImplAndUnchanged")
    default void setNotifyFlags_bitOutside0x3F_notImplAndUnchanged() {
        try (TckSession s = TckSession.open(fixture())) {
            s.assumeStrictUnless(Dialect.BITS, 53);
            IBackgroundCopyJob job = s.newJob();
            job.setNotifyFlags(0x9);
            for (int bad : new int[] {0x40, 0x80, 0x3F | 0x100, 0x8000_0000, 0xFFFF_FFFF}) {
                s.expectFailsExactly(HResult.E_NOTIMPL, "SetNotifyFlags(0x" + Integer.toHexString(bad) + ")",
                        () -> job.setNotifyFlags(bad));
                assertThat(job.getNotifyFlags()).isEqualTo(0x9);
            }
        }
    }

    @Example
    @Tag("R54")
    @Label("R54 setNotifyFlags_onTerminal_invalidState")
    default void setNotifyFlags_onTerminal_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob cancelled = s.cancelledJob();
            s.expectFails(SemanticError.INVALID_STATE, "SetNotifyFlags on CANCELLED", () -> cancelled.setNotifyFlags(0x1));
            IBackgroundCopyJob acknowledged = s.acknowledgedJob();
            s.expectFails(SemanticError.INVALID_STATE, "SetNotifyFlags on ACKNOWLEDGED", () -> acknowledged.setNotifyFlags(0x1));
        }
    }

    @Example
    @Tag("R55")
    @Label("R55 setNotifyInterface_getReturnsSameObject_nullClears")
    default void setNotifyInterface_getReturnsSameObject_nullClears() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            IBackgroundCopyCallback cb = new RecordingCallback();
            expectOk("SetNotifyInterface(cb)", () -> job.setNotifyInterface(cb));
            assertThat(job.getNotifyInterface()).containsSame(cb);
            IBackgroundCopyCallback other = new RecordingCallback();
            job.setNotifyInterface(other);
            assertThat(job.getNotifyInterface()).as("the last registration wins").containsSame(other);
            expectOk("SetNotifyInterface(null)", () -> job.setNotifyInterface(null));
            assertThat(job.getNotifyInterface()).isEmpty();
        }
    }

    @Example
    @Tag("R55")
    @Label("R55 withoutCallbacksFeature_registrationStoredButNothingCalled")
    @Requires(absent = Feature.CALLBACKS)
    default void withoutCallbacksFeature_registrationStoredButNothingCalled() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            RecordingCallback cb = new RecordingCallback();
            job.setNotifyFlags(0x1B);
            job.setNotifyInterface(cb);
            s.addFile(job, "quiet.bin", bytes(1000, 55));
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(job.getNotifyInterface()).containsSame(cb);
            assertThat(cb.await(s, Kind.TRANSFERRED, 1, 2)).as("no JobTransferred without Feature.CALLBACKS").isFalse();
            assertThat(cb.events()).isEmpty();
        }
    }

    @Example
    @Tag("R56")
    @Label("R56 setNotifyInterfaceNull_onAcknowledged_invalidState")
    default void setNotifyInterfaceNull_onAcknowledged_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            s.assumeStrictUnless(Dialect.BITS, 56);
            IBackgroundCopyJob job = s.acknowledgedJob();
            s.expectFails(SemanticError.INVALID_STATE, "SetNotifyInterface(null) on ACKNOWLEDGED", () -> job.setNotifyInterface(null));
        }
    }

    @Example
    @Tag("R57")
    @Label("R57 jobTransferred_deliveredOnceWhileTransferred")
    @Requires(Feature.CALLBACKS)
    default void jobTransferred_deliveredOnceWhileTransferred() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            RecordingCallback cb = new RecordingCallback();
            job.setNotifyFlags(BgNotify.JOB_TRANSFERRED.nativeValue());
            job.setNotifyInterface(cb);
            s.addFile(job, "cb.bin", bytes(5000, 57));
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(cb.await(s, Kind.TRANSFERRED, 1, CALLBACK_WAIT_SECONDS)).as("JobTransferred delivered").isTrue();
            assertThat(cb.events().get(0).stateDuringCall()).isEqualTo(BgJobState.TRANSFERRED);
            if (s.strict()) {
                s.settle();
                assertThat(cb.count(Kind.TRANSFERRED)).as("exactly once").isEqualTo(1);
            }
        }
    }

    /**
     * docs/contract.md §4.7 and §5.3 A2: with BG_NOTIFY_FILE_TRANSFERRED, FileTransferred arrives once per file
     * as each finishes, and none arrives with the flag clear (SIM in DO, §8 I-24).
     */
    @Example
    @Label("fileTransferred_oncePerFile_onlyWithItsFlag")
    @Requires(value = Feature.CALLBACKS, strictOnly = true)
    default void fileTransferred_oncePerFile_onlyWithItsFlag() {
        try (TckSession s = TckSession.open(fixture())) {
            for (int flags : new int[] {0x10 | 0x1, 0x1}) {
                IBackgroundCopyJob job = s.newJob();
                RecordingCallback cb = new RecordingCallback();
                job.setNotifyFlags(flags);
                job.setNotifyInterface(cb);
                s.addFile(job, "f1-" + flags + ".bin", bytes(3_000, 571));
                s.addFile(job, "f2-" + flags + ".bin", bytes(2_000, 572));
                job.resume();
                s.driveTo(job, BgJobState.TRANSFERRED);
                assertThat(cb.await(s, Kind.TRANSFERRED, 1, CALLBACK_WAIT_SECONDS)).as("JobTransferred").isTrue();
                s.settle();
                assertThat(cb.count(Kind.FILE_TRANSFERRED)).as("FileTransferred with flags 0x%s", Integer.toHexString(flags))
                        .isEqualTo((flags & 0x10) != 0 ? 2 : 0);
            }
        }
    }

    /**
     * docs/contract.md §5.3 A7 and §4 SetNotifyInterface: when the owner logs off, a transferring job goes back
     * to QUEUED and its callback registration ends with the owner's process; the job itself carries on.
     */
    @Example
    @Label("ownerLogsOff_transferringJobRequeued_callbackDropped")
    @Requires(value = Feature.CALLBACKS, strictOnly = true, capabilities = Capability.LOG_OFF)
    default void ownerLogsOff_transferringJobRequeued_callbackDropped() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            byte[] body = bytes(400_000, 77);
            s.addFile(job, "session.bin", body);
            s.content().script("/session.bin", Fault.STALL_BODY, 1);
            List<BgJobState> afterLogOff = new java.util.concurrent.CopyOnWriteArrayList<>();
            job.setNotifyFlags(BgNotify.JOB_MODIFICATION.nativeValue());
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobModification(IBackgroundCopyJob j) {
                    if (afterLogOff.isEmpty() && j.getState() == BgJobState.TRANSFERRING) {
                        s.service().logOffOwner();
                        afterLogOff.add(j.getState());
                    }
                    return HResult.S_OK;
                }
            });
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            // A7 puts the job back in QUEUED; the service may start it again before the callback reads its
            // state (through the binding that read crosses threads), so the state read is QUEUED or a state of
            // the new start, and the proof of the requeue is that the stalled request was given up for a new one.
            assertThat(afterLogOff).as("A7: TRANSFERRING -> QUEUED at log-off, then started again")
                    .singleElement().isIn(BgJobState.QUEUED, BgJobState.CONNECTING, BgJobState.TRANSFERRING);
            assertThat(s.content().requests()).as("the stalled request and the one after the requeue")
                    .filteredOn(r -> r.path().equals("/session.bin")).hasSize(2);
            assertThat(job.getNotifyInterface()).as("the registration ended with the owner's session").isEmpty();
            expectOk("Complete", job::complete);
            assertThat(TckSession.sha256(s.local("session.bin"))).isEqualTo(TckSession.sha256(body));
        }
    }

    /**
     * The pattern the BITS and DO pages recommend: JobTransferred calls Complete. The callback runs on
     * the service's thread while the client's own calls are done, so the job must accept it there.
     */
    @Example
    @Tag("R57")
    @Label("R57 jobTransferred_callbackCompletesTheJob")
    @Requires(Feature.CALLBACKS)
    default void jobTransferred_callbackCompletesTheJob() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            byte[] body = bytes(6_000, 573);
            List<HResult> fromCallback = new java.util.concurrent.CopyOnWriteArrayList<>();
            job.setNotifyFlags(BgNotify.JOB_TRANSFERRED.nativeValue());
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobTransferred(IBackgroundCopyJob j) {
                    fromCallback.add(TckSession.hr(j::complete));
                    return HResult.S_OK;
                }
            });
            s.addFile(job, "self.bin", body);
            job.resume();
            s.driveTo(job, BgJobState.ACKNOWLEDGED);
            assertThat(fromCallback).as("Complete called from JobTransferred").containsExactly(HResult.S_OK);
            assertThat(TckSession.sha256(s.local("self.bin"))).isEqualTo(TckSession.sha256(body));
        }
    }

    @Example
    @Tag("R58")
    @Label("R58 jobError_deliveredOnError_notForTransientOnly")
    @Requires(Feature.CALLBACKS)
    default void jobError_deliveredOnError_notForTransientOnly() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob failing = s.newJob();
            RecordingCallback onFailing = new RecordingCallback();
            failing.setNotifyFlags(0x3);
            failing.setNotifyInterface(onFailing);
            s.addFile(failing, "fatal.bin", bytes(100, 58));
            s.content().scriptForever("/fatal.bin", Fault.HTTP_404);
            failing.resume();
            s.driveTo(failing, BgJobState.ERROR);
            assertThat(onFailing.await(s, Kind.ERROR, 1, CALLBACK_WAIT_SECONDS)).as("JobError delivered").isTrue();

            IBackgroundCopyJob recovering = s.newJob();
            RecordingCallback onRecovering = new RecordingCallback();
            recovering.setNotifyFlags(0x3);
            recovering.setNotifyInterface(onRecovering);
            s.addFile(recovering, "flaky.bin", bytes(100, 58));
            s.content().script("/flaky.bin", Fault.HTTP_503, 2);
            recovering.resume();
            s.driveTo(recovering, BgJobState.TRANSFERRED);
            assertThat(onRecovering.await(s, Kind.TRANSFERRED, 1, CALLBACK_WAIT_SECONDS)).isTrue();
            assertThat(onRecovering.count(Kind.ERROR)).as("no JobError for TRANSIENT_ERROR").isZero();
        }
    }

    @Example
    @Tag("R59")
    @Label("R59 jobError_failingCallback_redeliveredUntilOk")
    @Requires(value = Feature.CALLBACKS, strictOnly = true, capabilities = Capability.VIRTUAL_CLOCK)
    default void jobError_failingCallback_redeliveredUntilOk() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            RecordingCallback cb = new RecordingCallback().jobErrorReturns(HResult.E_FAIL);
            job.setNotifyFlags(0x2);
            job.setNotifyInterface(cb);
            s.addFile(job, "fatal.bin", bytes(100, 59));
            s.content().scriptForever("/fatal.bin", Fault.HTTP_404);
            job.resume();
            s.driveTo(job, BgJobState.ERROR);
            assertThat(cb.await(s, Kind.ERROR, 1, CALLBACK_WAIT_SECONDS)).isTrue();
            for (int i = 0; i < 240 && cb.count(Kind.ERROR) < 2; i++) {
                s.advance(Duration.ofMinutes(1));
                cb.await(s, Kind.ERROR, 2, 1);
            }
            assertThat(cb.count(Kind.ERROR)).as("redelivered after E_FAIL").isEqualTo(2);
            for (int i = 0; i < 60; i++) {
                s.advance(Duration.ofMinutes(1));
            }
            cb.await(s, Kind.ERROR, 3, 1);
            assertThat(cb.count(Kind.ERROR)).as("not after S_OK").isEqualTo(2);
        }
    }

    @Example
    @Tag("R60")
    @Label("R60 clearFlagsOrDisable_noCallbacks")
    @Requires(Feature.CALLBACKS)
    default void clearFlagsOrDisable_noCallbacks() {
        try (TckSession s = TckSession.open(fixture())) {
            s.assumeStrictUnless(Dialect.BITS, 60);
            for (int flags : new int[] {0x0, 0x4 | 0x1 | 0x2 | 0x8 | 0x10}) {
                IBackgroundCopyJob job = s.newJob();
                RecordingCallback cb = new RecordingCallback();
                job.setNotifyFlags(flags);
                job.setNotifyInterface(cb);
                s.addFile(job, "silent" + flags + ".bin", bytes(1000, 60));
                job.resume();
                s.driveTo(job, BgJobState.TRANSFERRED);
                cb.await(s, Kind.TRANSFERRED, 1, 2);
                assertThat(cb.events()).as("callbacks with flags 0x%s", Integer.toHexString(flags)).isEmpty();
            }
        }
    }

    @Example
    @Tag("R61")
    @Label("R61 registerAfterTransferred_stillDeliversJobTransferred")
    @Requires(value = Feature.CALLBACKS, strictOnly = true)
    default void registerAfterTransferred_stillDeliversJobTransferred() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.transferredJob("late.bin");
            RecordingCallback cb = new RecordingCallback();
            job.setNotifyFlags(0x1);
            job.setNotifyInterface(cb);
            assertThat(cb.await(s, Kind.TRANSFERRED, 1, CALLBACK_WAIT_SECONDS)).isTrue();
        }
    }

    @Example
    @Tag("R62")
    @Label("R62 modificationFlag_everyChangeIsFollowedByJobModification")
    @Requires(value = Feature.CALLBACKS, strictOnly = true)
    default void modificationFlag_everyChangeIsFollowedByJobModification() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            RecordingCallback cb = new RecordingCallback();
            job.setNotifyInterface(cb);
            job.setNotifyFlags(0x8);
            int[] expected = {cb.count(Kind.MODIFICATION)};
            Runnable followed = () -> {
                expected[0]++;
                assertThat(cb.await(s, Kind.MODIFICATION, expected[0], CALLBACK_WAIT_SECONDS))
                        .as("JobModification #%d", expected[0]).isTrue();
                expected[0] = cb.count(Kind.MODIFICATION);
            };
            job.setPriority(BgJobPriority.HIGH);
            followed.run();
            job.setNoProgressTimeout(1234);
            followed.run();
            s.addFile(job, "m.bin", bytes(100, 62));
            followed.run();
            job.suspend();
            followed.run();
            job.resume();
            followed.run();
            s.driveTo(job, BgJobState.TRANSFERRED);
            cb.await(s, Kind.MODIFICATION, expected[0] + 1, 2);
            assertThat(cb.events()).as("a JobModification for the change to TRANSFERRED")
                    .anyMatch(e -> e.kind() == Kind.MODIFICATION && e.stateDuringCall() == BgJobState.TRANSFERRED);
            expected[0] = cb.count(Kind.MODIFICATION);
            job.complete();
            followed.run();
            assertThat(cb.events().get(cb.events().size() - 1).stateDuringCall()).as("the change to ACKNOWLEDGED")
                    .isEqualTo(BgJobState.ACKNOWLEDGED);

            IBackgroundCopyJob failing = s.newJob();
            RecordingCallback onFailing = new RecordingCallback();
            failing.setNotifyInterface(onFailing);
            failing.setNotifyFlags(0x8);
            s.addFile(failing, "m404.bin", bytes(100, 621));
            s.content().scriptForever("/m404.bin", Fault.HTTP_404);
            failing.resume();
            s.driveTo(failing, BgJobState.ERROR);
            onFailing.await(s, Kind.MODIFICATION, onFailing.count(Kind.MODIFICATION) + 1, 2);
            assertThat(onFailing.events()).as("a JobModification for the change to ERROR")
                    .anyMatch(e -> e.kind() == Kind.MODIFICATION && e.stateDuringCall() == BgJobState.ERROR);
        }
    }
}
