package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.TckSession;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "Retention and dialect codes" (R109-R110). R111 (struct layouts) is in {@link NativeBoundaryContract}.
 */
public interface RetentionContract extends TckContract {

    @Example
    @Tag("R109")
    @Label("R109 thirtyDaysOld_liveJobCancelled_acknowledgedUntouched")
    @Requires(dialect = Dialect.DO, strictOnly = true, capabilities = Capability.VIRTUAL_CLOCK)
    default void thirtyDaysOld_liveJobCancelled_acknowledgedUntouched() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob live = s.newJob("old");
            s.addFile(live, "old.bin", bytes(100, 109));
            IBackgroundCopyJob done = s.acknowledgedJob();
            UUID id = live.getId();
            java.time.Instant expiry = live.getTimes().creationTime().plus(Duration.ofDays(30));
            s.advance(Duration.between(s.now(), expiry).minusSeconds(1));
            s.runUntilIdle();
            assertThat(live.getState()).as("younger than 30 days").isEqualTo(BgJobState.SUSPENDED);
            s.advance(Duration.ofSeconds(1));
            s.runUntilIdle();
            assertThat(live.getState()).isEqualTo(BgJobState.CANCELLED);
            s.expectFailsExactly(HResult.DO_E_JOB_NOT_FOUND, "GetJob of an expired job", () -> s.manager().getJob(id));
            assertThat(done.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
        }
    }

    @Example
    @Tag("R109")
    @Label("R109 thirtyDaysOld_partialDownload_leavesNoFileBehind")
    @Requires(dialect = Dialect.DO, strictOnly = true, capabilities = Capability.VIRTUAL_CLOCK)
    default void thirtyDaysOld_partialDownload_leavesNoFileBehind() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob("abandoned");
            s.addFile(job, "half.bin", bytes(200_000, 1091));
            s.content().scriptForever("/half.bin", Fault.DISCONNECT_MID_BODY);
            job.resume();
            s.drive(job, st -> st == BgJobState.TRANSIENT_ERROR, "a broken download");
            assertThat(job.getProgress().bytesTransferred()).as("half the body arrived before the drop").isPositive();
            job.suspend();
            s.advance(Duration.between(s.now(), job.getTimes().creationTime().plus(Duration.ofDays(30))));
            s.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.CANCELLED);
            assertThat(s.localFiles()).as("an expired job's temporary data is deleted like a cancelled one's").isEmpty();
        }
    }

    @Example
    @Tag("R110")
    @Label("R110 semanticErrors_reportedWithTheDialectCode")
    default void semanticErrors_reportedWithTheDialectCode() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob empty = s.newJob();
            s.expectFails(SemanticError.EMPTY, "EMPTY", empty::resume);
            s.expectFails(SemanticError.NO_ERROR_INFO, "NO_ERROR_INFO", empty::getError);
            s.expectFails(SemanticError.NOT_FOUND, "NOT_FOUND", () -> s.manager().getJob(UUID.randomUUID()));
            empty.cancel();
            s.expectFails(SemanticError.INVALID_STATE, "INVALID_STATE", empty::cancel);
            if (s.has(Feature.ADD_FILE_WITH_RANGES)) {
                IBackgroundCopyJob job = s.newJob();
                String url = s.content().put("/d.bin", bytes(1_000, 110)).toString();
                s.expectFails(SemanticError.INVALID_RANGE, "INVALID_RANGE", () -> job.addFileWithRanges("a", url,
                        s.local("d.bin").toString(), List.of(new BgFileRange(BgFileRange.BG_LENGTH_TO_EOF, 1)), 1_000));
                s.expectFails(SemanticError.OVERLAPPING_RANGES, "OVERLAPPING_RANGES", () -> job.addFileWithRanges("b", url,
                        s.local("d.bin").toString(), List.of(new BgFileRange(0, 10), new BgFileRange(5, 10)), 1_000));
            }
        }
    }

    @Example
    @Tag("R110")
    @Label("R110 rangedFileOnServerWithoutRanges_rangeUnsupported")
    @Requires(Feature.ADD_FILE_WITH_RANGES)
    default void rangedFileOnServerWithoutRanges_rangeUnsupported() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = s.content().put("/norange.bin", bytes(10_000, 110), false).toString();
            job.addFileWithRanges("nr", url, s.local("norange.bin").toString(), List.of(new BgFileRange(100, 100)), 10_000);
            job.resume();
            s.driveTo(job, BgJobState.ERROR);
            HResult code = job.getError().getError().code();
            if (s.strict()) {
                assertThat(code).isEqualTo(s.code(SemanticError.RANGE_UNSUPPORTED));
            } else {
                assertThat(SemanticError.RANGE_UNSUPPORTED.matches(code)).as("%s", code).isTrue();
            }
        }
    }
}
