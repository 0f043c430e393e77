package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.TckSession;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "Resume / Suspend / Cancel / Complete" (R21-R40) and the client-operation table of §5.2.
 */
public interface JobStateMachineContract extends TckContract {

    @Example
    @Tag("R21")
    @Label("R21 resume_emptyJob_failsEmptyAndStaysSuspended")
    default void resume_emptyJob_failsEmptyAndStaysSuspended() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.expectFails(SemanticError.EMPTY, "Resume on a job without files", job::resume);
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
        }
    }

    @Example
    @Tag("R22")
    @Label("R22 resume_withReachableFile_passesOnlyThroughAllowedStates")
    default void resume_withReachableFile_passesOnlyThroughAllowedStates() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "r22.bin", bytes(20_000, 22));
            expectOk("Resume", job::resume);
            Set<BgJobState> allowed = EnumSet.of(BgJobState.QUEUED, BgJobState.TRANSFERRING,
                    BgJobState.TRANSIENT_ERROR, BgJobState.TRANSFERRED);
            if (s.dialect() == Dialect.BITS) {
                allowed.add(BgJobState.CONNECTING);
            }
            Set<BgJobState> seen = EnumSet.noneOf(BgJobState.class);
            seen.add(job.getState());
            s.drive(job, st -> st == BgJobState.TRANSFERRED, "TRANSFERRED", seen::add);
            assertThat(seen).as("states observed until TRANSFERRED").isSubsetOf(allowed);
        }
    }

    @Example
    @Tag("R23")
    @Label("R23 doDialect_neverReportsConnecting")
    @Requires(dialect = Dialect.DO)
    default void doDialect_neverReportsConnecting() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob ok = s.newJob();
            s.addFile(ok, "ok.bin", bytes(30_000, 23));
            IBackgroundCopyJob failing = s.newJob();
            s.addFile(failing, "gone.bin", bytes(100, 23));
            s.content().scriptForever("/gone.bin", Fault.HTTP_404);
            Set<BgJobState> seen = EnumSet.noneOf(BgJobState.class);
            ok.resume();
            failing.resume();
            s.drive(ok, st -> { seen.add(failing.getState()); return st == BgJobState.TRANSFERRED; }, "TRANSFERRED", seen::add);
            s.drive(failing, st -> st == BgJobState.ERROR, "ERROR", seen::add);
            assertThat(seen).doesNotContain(BgJobState.CONNECTING);
        }
    }

    @Example
    @Tag("R24")
    @Label("R24 resume_inTransientError_ok")
    default void resume_inTransientError_ok() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "busy.bin", bytes(1000, 24));
            s.content().scriptForever("/busy.bin", Fault.HTTP_503);
            job.resume();
            s.driveTo(job, BgJobState.TRANSIENT_ERROR);
            expectOk("Resume in TRANSIENT_ERROR", job::resume);
            if (s.strict()) {
                assertThat(job.getState()).as("TER -> QUE (§5.2), or a state A1 reaches from it")
                        .isIn(queuedOrStarted(s));
            }
        }
    }

    @Example
    @Tag("R25")
    @Label("R25 resume_inError_okAndLeavesError")
    default void resume_inError_okAndLeavesError() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "missing.bin", bytes(1000, 25));
            s.content().scriptForever("/missing.bin", Fault.HTTP_404);
            job.resume();
            s.driveTo(job, BgJobState.ERROR);
            s.content().clearFaults("/missing.bin");
            expectOk("Resume in ERROR", job::resume);
            BgJobState after = job.getState();
            if (s.strict()) {
                assertThat(after).as("ERR -> QUE (§5.2), or a state A1 reaches from it").isIn(queuedOrStarted(s));
            } else {
                assertThat(after).isNotEqualTo(BgJobState.ERROR);
            }
            s.driveTo(job, BgJobState.TRANSFERRED);
        }
    }

    /**
     * QUEUED and the states the scheduler's automatic start (§5.3 A1) leads to before any outcome:
     * the kit does not require the scheduler to wait for {@code runUntilIdle()} after a Resume.
     */
    static Set<BgJobState> queuedOrStarted(TckSession s) {
        Set<BgJobState> states = EnumSet.of(BgJobState.QUEUED, BgJobState.TRANSFERRING);
        if (s.dialect() == Dialect.BITS) {
            states.add(BgJobState.CONNECTING);
        }
        return states;
    }

    @Example
    @Tag("R26")
    @Label("R26 mutators_onCancelledJob_invalidStateAndNoChange")
    default void mutators_onCancelledJob_invalidStateAndNoChange() {
        try (TckSession s = TckSession.open(fixture())) {
            checkTerminalRefusesMutators(s, s.cancelledJob());
        }
    }

    @Example
    @Tag("R26")
    @Label("R26 mutators_onAcknowledgedJob_invalidStateAndNoChange")
    default void mutators_onAcknowledgedJob_invalidStateAndNoChange() {
        try (TckSession s = TckSession.open(fixture())) {
            checkTerminalRefusesMutators(s, s.acknowledgedJob());
        }
    }

    private static void checkTerminalRefusesMutators(TckSession s, IBackgroundCopyJob job) {
        BgJobState state = job.getState();
        int flags = job.getNotifyFlags();
        long timeout = job.getNoProgressTimeout();
        long files = job.getProgress().filesTotal();
        BgJobTimes times = job.getTimes();
        if (s.hasVirtualClock()) {
            s.advance(Duration.ofSeconds(5));
        }
        s.expectFails(SemanticError.INVALID_STATE, "Resume on " + state, job::resume);
        s.expectFails(SemanticError.INVALID_STATE, "Suspend on " + state, job::suspend);
        s.expectFails(SemanticError.INVALID_STATE, "SetNoProgressTimeout on " + state, () -> job.setNoProgressTimeout(timeout + 1));
        s.expectFails(SemanticError.INVALID_STATE, "SetNotifyFlags on " + state, () -> job.setNotifyFlags(flags ^ 0x8));
        URI url = s.content().put("/late.bin", bytes(100, 26));
        if (s.has(Feature.ADD_FILE_WITH_RANGES)) {
            s.expectFails(SemanticError.INVALID_STATE, "AddFileWithRanges on " + state, () -> job.addFileWithRanges("late",
                    url.toString(), s.local("late.bin").toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE));
        }
        if (s.has(Feature.BITS_METHODS)) {
            s.expectFails(SemanticError.INVALID_STATE, "AddFile on " + state, () -> job.addFile(url.toString(), s.local("late.bin").toString()));
        }
        assertThat(job.getState()).isEqualTo(state);
        assertThat(job.getNotifyFlags()).isEqualTo(flags);
        assertThat(job.getNoProgressTimeout()).isEqualTo(timeout);
        assertThat(job.getProgress().filesTotal()).isEqualTo(files);
        if (s.strict()) {
            assertThat(job.getTimes()).as("failing calls leave the times alone (MT-2)").isEqualTo(times);
        }
    }

    @Example
    @Tag("R27")
    @Label("R27 suspend_fromQueued_suspendedUntilResumed")
    default void suspend_fromQueued_suspendedUntilResumed() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "q.bin", bytes(50_000, 27));
            job.resume();
            BgJobState before = job.getState();
            expectOk("Suspend", job::suspend);
            BgJobState after = job.getState();
            if (s.strict() || before != BgJobState.TRANSFERRED) {
                assertThat(after).as("Suspend from %s", before).isEqualTo(BgJobState.SUSPENDED);
                stayIdle(s);
                assertThat(job.getState()).as("no Resume since Suspend").isEqualTo(BgJobState.SUSPENDED);
            }
        }
    }

    @Example
    @Tag("R27")
    @Label("R27 suspend_fromTransientError_suspendedUntilResumed")
    default void suspend_fromTransientError_suspendedUntilResumed() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "flaky.bin", bytes(5_000, 27));
            s.content().scriptForever("/flaky.bin", Fault.HTTP_503);
            job.resume();
            s.driveTo(job, BgJobState.TRANSIENT_ERROR);
            expectOk("Suspend in TRANSIENT_ERROR", job::suspend);
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
            int requests = s.content().requests().size();
            stayIdle(s);
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
            assertThat(s.content().requests()).as("no retry while suspended").hasSize(requests);
        }
    }

    @Example
    @Tag("R28")
    @Label("R28 suspended_progressDoesNotChange")
    default void suspended_progressDoesNotChange() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "big.bin", bytes(200_000, 28));
            job.resume();
            job.suspend();
            TckSession.assume(job.getState() == BgJobState.SUSPENDED, "the job finished before Suspend took effect");
            BgJobProgress p = job.getProgress();
            stayIdle(s);
            BgJobProgress q = job.getProgress();
            assertThat(q.bytesTransferred()).isEqualTo(p.bytesTransferred());
            assertThat(q.filesTransferred()).isEqualTo(p.filesTransferred());
        }
    }

    /** Lets time pass with nothing to do: 10 virtual minutes, or the 5 s lenient window of R28. */
    private static void stayIdle(TckSession s) {
        if (s.hasVirtualClock()) {
            for (int i = 0; i < 10; i++) {
                s.runUntilIdle();
                s.advance(Duration.ofMinutes(1));
            }
            s.runUntilIdle();
        } else {
            // R28's lenient form is an observation window on a real service, not a synchronisation.
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Example
    @Tag("R29")
    @Label("R29 suspend_onSuspendedJob_okAndStaysSuspended")
    default void suspend_onSuspendedJob_okAndStaysSuspended() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            expectOk("Suspend on a new job", job::suspend);
            expectOk("Suspend again", job::suspend);
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
        }
    }

    @Example
    @Tag("R30")
    @Label("R30 cancel_liveJobs_cancelled")
    default void cancel_liveJobs_cancelled() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob fresh = s.newJob();
            expectOk("Cancel on SUSPENDED", fresh::cancel);
            assertThat(fresh.getState()).isEqualTo(BgJobState.CANCELLED);
            IBackgroundCopyJob done = s.transferredJob("c.bin");
            expectOk("Cancel on TRANSFERRED", done::cancel);
            assertThat(done.getState()).isEqualTo(BgJobState.CANCELLED);
            IBackgroundCopyJob failed = s.newJob();
            s.addFile(failed, "e.bin", bytes(10, 30));
            s.content().scriptForever("/e.bin", Fault.HTTP_404);
            failed.resume();
            s.driveTo(failed, BgJobState.ERROR);
            expectOk("Cancel on ERROR", failed::cancel);
            assertThat(failed.getState()).isEqualTo(BgJobState.CANCELLED);
        }
    }

    @Example
    @Tag("R30")
    @Label("R30 cancel_partialDownloads_leaveNoFileBehind")
    default void cancel_partialDownloads_leaveNoFileBehind() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob transferred = s.transferredJob("whole.bin");
            IBackgroundCopyJob partial = s.newJob();
            s.addFile(partial, "half.bin", bytes(200_000, 301));
            s.content().scriptForever("/half.bin", Fault.DISCONNECT_MID_BODY);
            partial.resume();
            s.drive(partial, st -> st == BgJobState.TRANSIENT_ERROR || st == BgJobState.ERROR, "a broken download");
            if (s.strict()) {
                assertThat(partial.getProgress().bytesTransferred()).as("half the body arrived before the drop").isPositive();
            }
            for (IBackgroundCopyJob job : List.of(partial, transferred)) {
                expectOk("Cancel", job::cancel);
            }
            s.settle();
            assertThat(s.localFiles()).as("§4 Cancel: temporary files deleted, nothing renamed into place").isEmpty();
            if (s.hasVirtualClock()) {
                int requests = s.content().requests().size();
                s.advance(java.time.Duration.ofDays(1));
                assertThat(s.content().requests()).as("a cancelled job never retries").hasSize(requests);
                assertThat(s.localFiles()).isEmpty();
            }
        }
    }

    @Example
    @Tag("R31")
    @Label("R31 cancel_twice_invalidState")
    default void cancel_twice_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            job.cancel();
            s.expectFails(SemanticError.INVALID_STATE, "second Cancel", job::cancel);
            assertThat(job.getState()).isEqualTo(BgJobState.CANCELLED);
        }
    }

    @Example
    @Tag("R32")
    @Label("R32 cancel_onAcknowledged_invalidState")
    default void cancel_onAcknowledged_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.acknowledgedJob();
            s.expectFails(SemanticError.INVALID_STATE, "Cancel on ACKNOWLEDGED", job::cancel);
            assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
        }
    }

    @Example
    @Tag("R33")
    @Label("R33 cancel_thenGetJob_notFound")
    default void cancel_thenGetJob_notFound() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.cancelledJob();
            s.expectFails(SemanticError.NOT_FOUND, "GetJob after Cancel", () -> s.manager().getJob(job.getId()));
        }
    }

    @Example
    @Tag("R34")
    @Label("R34 cancel_gettersStillAnswer")
    default void cancel_gettersStillAnswer() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.cancelledJob();
            assertThat(job.getState()).isEqualTo(BgJobState.CANCELLED);
            if (s.strict()) {
                assertThat(job.getId()).isNotNull();
                assertThat(job.getType()).isNotNull();
                assertThat(job.getDisplayName()).isEqualTo("tck");
                assertThat(job.getPriority()).isNotNull();
                job.getNotifyFlags();
                job.getNoProgressTimeout();
                assertThat(job.getNotifyInterface()).isEmpty();
                assertThat(job.getTimes()).isNotNull();
                assertThat(job.getProgress().filesTotal()).isEqualTo(1);
                assertThat(job.enumFiles().getCount()).isEqualTo(1);
            }
        }
    }

    @Example
    @Tag("R35")
    @Label("R35 complete_onTransferred_acknowledgedAndFilesInPlace")
    default void complete_onTransferred_acknowledgedAndFilesInPlace() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            byte[] a = bytes(12_345, 351);
            byte[] b = bytes(777, 352);
            s.addFile(job, "a.bin", a);
            s.addFile(job, "b.bin", b);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            HResult hr = job.complete();
            assertThat(hr).isEqualTo(HResult.S_OK);
            assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
            for (IBackgroundCopyFile f : job.enumFiles().next(2)) {
                assertThat(f.getProgress().completed()).as("%s Completed", f.getLocalName()).isTrue();
            }
            assertThat(TckSession.sha256(s.local("a.bin"))).isEqualTo(TckSession.sha256(a));
            assertThat(TckSession.sha256(s.local("b.bin"))).isEqualTo(TckSession.sha256(b));
        }
    }

    @Example
    @Tag("R36")
    @Label("R36 complete_twice_invalidState")
    default void complete_twice_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.acknowledgedJob();
            s.expectFails(SemanticError.INVALID_STATE, "second Complete", job::complete);
        }
    }

    @Example
    @Tag("R37")
    @Label("R37 complete_onCancelled_invalidState")
    default void complete_onCancelled_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.cancelledJob();
            s.expectFails(SemanticError.INVALID_STATE, "Complete on CANCELLED", job::complete);
            assertThat(job.getState()).isEqualTo(BgJobState.CANCELLED);
        }
    }

    @Example
    @Tag("R38")
    @Tag("R39")
    @Label("R38 complete_beforeTransfer_acknowledgedAndNothingKept")
    default void complete_beforeTransfer_acknowledgedAndNothingKept() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "never.bin", bytes(3_000, 38));
            HResult hr = job.complete();
            assertThat(hr.isSuccess()).as("Complete on a live job succeeds: %s", hr).isTrue();
            if (s.strict()) {
                assertThat(hr).as("R39").isEqualTo(s.dialect() == Dialect.DO ? HResult.S_OK : HResult.BG_S_PARTIAL_COMPLETE);
            }
            assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
            assertThat(job.enumFiles().next(1).get(0).getProgress().completed()).isFalse();
            assertThat(s.localFiles()).as("no file reaches the destination").doesNotContain("never.bin");
        }
    }

    @Example
    @Tag("R38")
    @Tag("R39")
    @Label("R38 complete_partlyTransferred_keepsOnlyFinishedFiles")
    @Requires(capabilities = Capability.VIRTUAL_CLOCK)
    default void complete_partlyTransferred_keepsOnlyFinishedFiles() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            byte[] good = bytes(4_000, 381);
            s.addFile(job, "good.bin", good);
            s.addFile(job, "slow.bin", bytes(40_000, 382));
            s.content().scriptForever("/slow.bin", Fault.DISCONNECT_MID_BODY);
            job.resume();
            s.drive(job, st -> st == BgJobState.TRANSIENT_ERROR
                    && job.enumFiles().next(1).get(0).getProgress().isFullyTransferred(), "first file done, second failing");
            HResult hr = job.complete();
            assertThat(hr.isSuccess()).isTrue();
            if (s.strict()) {
                assertThat(hr).as("R39").isEqualTo(s.dialect() == Dialect.DO ? HResult.S_OK : HResult.BG_S_PARTIAL_COMPLETE);
            }
            List<IBackgroundCopyFile> files = job.enumFiles().next(2);
            assertThat(files.get(0).getProgress().completed()).isTrue();
            assertThat(files.get(1).getProgress().completed()).isFalse();
            assertThat(TckSession.sha256(s.local("good.bin"))).isEqualTo(TckSession.sha256(good));
            assertThat(s.localFiles()).as("only the finished file; the unfinished one's temporary data is deleted")
                    .containsExactly("good.bin");
        }
    }

    @Example
    @Tag("R35")
    @Label("R35 complete_emptyRemoteFile_emptyLocalFile")
    default void complete_emptyRemoteFile_emptyLocalFile() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "empty.bin", new byte[0]);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            expectOk("Complete", job::complete);
            assertThat(job.enumFiles().next(1).get(0).getProgress().completed()).isTrue();
            assertThat(s.local("empty.bin")).as("a zero-byte download still becomes a file").exists().isEmptyFile();
        }
    }

    @Example
    @Tag("R40")
    @Label("R40 complete_thenGetJob_notFound")
    default void complete_thenGetJob_notFound() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.acknowledgedJob();
            s.expectFails(SemanticError.NOT_FOUND, "GetJob after Complete", () -> s.manager().getJob(job.getId()));
        }
    }

    /** A range list used by several contracts: two disjoint ranges of a 10,000-byte file. */
    List<BgFileRange> TWO_RANGES = List.of(new BgFileRange(100, 400), new BgFileRange(5_000, 1_000));
}
