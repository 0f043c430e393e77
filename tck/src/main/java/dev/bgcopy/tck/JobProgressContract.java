package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.tck.internal.TckSession;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "Progress" (R72-R81), the invariants P1-P13 of §6.10 observed during real transfers.
 */
public interface JobProgressContract extends TckContract {

    /** One observation: the job's progress and each file's. */
    record Snapshot(BgJobState state, BgJobProgress job, List<BgFileProgress> files) {
    }

    private static Snapshot snapshot(IBackgroundCopyJob job) {
        BgJobState state = job.getState();
        BgJobProgress p = job.getProgress();
        List<BgFileProgress> files = new ArrayList<>();
        for (IBackgroundCopyFile f : job.enumFiles().next(p.filesTotal())) {
            files.add(f.getProgress());
        }
        return new Snapshot(state, p, files);
    }

    /** Transfers three files and returns every observation made on the way to TRANSFERRED. */
    private static List<Snapshot> observeTransfer(TckSession s, IBackgroundCopyJob job) {
        s.addFile(job, "p1.bin", bytes(64_000, 721));
        s.addFile(job, "p2.bin", bytes(1, 722));
        s.addFile(job, "p3.bin", bytes(150_000, 723));
        List<Snapshot> seen = new ArrayList<>();
        seen.add(snapshot(job));
        job.resume();
        s.drive(job, st -> st == BgJobState.TRANSFERRED, "TRANSFERRED", st -> seen.add(snapshot(job)));
        seen.add(snapshot(job));
        return seen;
    }

    @Example
    @Tag("R72")
    @Label("R72 filesTotal_countsAdditionsAndEqualsEnumCount")
    default void filesTotal_countsAdditionsAndEqualsEnumCount() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            for (int i = 1; i <= 4; i++) {
                s.addFile(job, "f" + i + ".bin", bytes(100 * i, 72));
                assertThat(job.getProgress().filesTotal()).isEqualTo(i);
                assertThat(job.enumFiles().getCount()).isEqualTo(i);
            }
        }
    }

    @Example
    @Tag("R73")
    @Tag("R74")
    @Tag("R78")
    @Label("R73 duringTransfer_countsBoundedAndMonotonic")
    default void duringTransfer_countsBoundedAndMonotonic() {
        try (TckSession s = TckSession.open(fixture())) {
            List<Snapshot> seen = observeTransfer(s, s.newJob());
            Snapshot previous = null;
            for (Snapshot snap : seen) {
                BgJobProgress p = snap.job();
                assertThat(p.filesTransferred()).as("R73 %s", p).isLessThanOrEqualTo(p.filesTotal());
                if (p.isBytesTotalKnown()) {
                    assertThat(Long.compareUnsigned(p.bytesTransferred(), p.bytesTotal())).as("R74 job %s", p).isLessThanOrEqualTo(0);
                }
                for (BgFileProgress f : snap.files()) {
                    if (f.isBytesTotalKnown()) {
                        assertThat(Long.compareUnsigned(f.bytesTransferred(), f.bytesTotal())).as("R74 file %s", f).isLessThanOrEqualTo(0);
                    }
                }
                if (previous != null) {
                    BgJobProgress q = previous.job();
                    assertThat(Long.compareUnsigned(p.bytesTransferred(), q.bytesTransferred())).as("R78 bytes %s -> %s", q, p)
                            .isGreaterThanOrEqualTo(0);
                    assertThat(p.filesTransferred()).as("R78 files %s -> %s", q, p).isGreaterThanOrEqualTo(q.filesTransferred());
                    assertThat(p.filesTotal()).as("R78 FilesTotal").isEqualTo(q.filesTotal());
                }
                previous = snap;
            }
        }
    }

    @Example
    @Tag("R75")
    @Label("R75 unknownFileSize_jobTotalUnknown_knownSizes_sum")
    default void unknownFileSize_jobTotalUnknown_knownSizes_sum() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "u1.bin", bytes(3_000, 75));
            s.addFile(job, "u2.bin", bytes(5_000, 75));
            Snapshot before = snapshot(job);
            if (before.files().stream().anyMatch(f -> !f.isBytesTotalKnown())) {
                assertThat(before.job().isBytesTotalKnown()).as("R75 a file size is unknown: %s", before).isFalse();
            }
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            Snapshot after = snapshot(job);
            if (s.strict()) {
                long sum = after.files().stream().mapToLong(BgFileProgress::bytesTotal).sum();
                assertThat(after.job().bytesTotal()).as("R75 sum of file totals").isEqualTo(sum).isEqualTo(8_000);
            }
        }
    }

    @Example
    @Tag("R76")
    @Label("R76 jobBytesTransferred_isSumOfFiles")
    default void jobBytesTransferred_isSumOfFiles() {
        try (TckSession s = TckSession.open(fixture())) {
            for (Snapshot snap : observeTransfer(s, s.newJob())) {
                long sum = snap.files().stream().mapToLong(BgFileProgress::bytesTransferred).sum();
                if (s.strict()) {
                    assertThat(snap.job().bytesTransferred()).as("%s", snap).isEqualTo(sum);
                } else {
                    for (BgFileProgress f : snap.files()) {
                        assertThat(Long.compareUnsigned(snap.job().bytesTransferred(), f.bytesTransferred())).isGreaterThanOrEqualTo(0);
                    }
                }
            }
        }
    }

    @Example
    @Tag("R77")
    @Label("R77 transferred_allFilesAndBytesDone")
    default void transferred_allFilesAndBytesDone() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            List<Snapshot> seen = observeTransfer(s, job);
            for (Snapshot snap : seen) {
                if (snap.state() == BgJobState.TRANSFERRED) {
                    BgJobProgress p = snap.job();
                    assertThat(p.filesTransferred()).isEqualTo(p.filesTotal()).isEqualTo(3);
                    assertThat(p.isBytesTotalKnown()).isTrue();
                    assertThat(p.bytesTransferred()).isEqualTo(p.bytesTotal()).isEqualTo(64_000 + 1 + 150_000);
                }
            }
        }
    }

    @Example
    @Tag("R79")
    @Label("R79 bitsAddFile_beforeResume_unknownSizeNothingTransferred")
    @Requires(value = Feature.BITS_METHODS, dialect = Dialect.BITS)
    default void bitsAddFile_beforeResume_unknownSizeNothingTransferred() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = s.content().put("/pre.bin", bytes(1_000, 79)).toString();
            job.addFile(url, s.local("pre.bin").toString());
            BgFileProgress p = job.enumFiles().next(1).get(0).getProgress();
            assertThat(p).isEqualTo(new BgFileProgress(BgJobProgress.BG_SIZE_UNKNOWN, 0, false));
        }
    }

    @Example
    @Tag("R80")
    @Label("R80 rangedFile_totalIsSumOfRangeLengths")
    @Requires(Feature.ADD_FILE_WITH_RANGES)
    default void rangedFile_totalIsSumOfRangeLengths() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = s.content().put("/ranged.bin", bytes(10_000, 80)).toString();
            List<BgFileRange> ranges = JobStateMachineContract.TWO_RANGES;
            job.addFileWithRanges("ranged", url, s.local("ranged.bin").toString(), ranges, 10_000);
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            assertThat(file.getProgress().bytesTotal()).isEqualTo(1_400);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(file.getProgress().bytesTransferred()).isEqualTo(1_400);
            assertThat(job.getProgress().bytesTransferred()).isEqualTo(1_400);
        }
    }

    @Example
    @Tag("R81")
    @Label("R81 completedIsFalseUntilComplete")
    default void completedIsFalseUntilComplete() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            for (Snapshot snap : observeTransfer(s, job)) {
                assertThat(snap.files()).allSatisfy(f -> assertThat(f.completed()).as("%s in %s", f, snap.state()).isFalse());
            }
        }
    }
}
