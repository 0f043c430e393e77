package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random operation sequences against a job over a scripted network with random faults, checking the
 * progress invariants of docs/contract.md §6.10 (P2, P4-P8, P11), the timestamp rules (R67, R68) and the
 * GetError table (§5.4) after every step. Tries bounded by {@code -Djqwik.tries.default}; jqwik prints
 * the seed and the shrunk sequence of a failing run.
 */
class JobInvariantsProperties {

    enum Op {
        ADD_HEALTHY, ADD_TRANSIENT_FAULTS, ADD_FATAL, ADD_STALLING, RESUME, SUSPEND, FOREGROUND, RETRY_DELAY, READ_TIMEOUT, A_DAY
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        return Arbitraries.of(Op.class).list().ofMinSize(1).ofMaxSize(14);
    }

    @Property
    void invariantsHoldAfterEveryStep(@ForAll("sequences") List<Op> ops, @ForAll Dialect dialect) throws IOException {
        Path dir = Files.createTempDirectory("invariants");
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.newJob();
            BgJobTimes first = job.getTimes();
            BgJobTimes last = first;
            for (Op op : ops) {
                BgJobProgress before = job.getProgress();
                BgJobState stateBefore = job.getState();
                apply(f, job, op);
                f.manager.runUntilIdle();
                BgJobProgress after = job.getProgress();
                BgJobState state = job.getState();
                checkProgress(job, after, state);
                if (stateBefore == BgJobState.SUSPENDED && state == BgJobState.SUSPENDED) {
                    assertThat(after.bytesTransferred()).as("P11 %s", op).isEqualTo(before.bytesTransferred());
                }
                if (dialect == Dialect.DO) {
                    assertThat(state).as("R23").isNotEqualTo(BgJobState.CONNECTING);
                }
                BgJobTimes times = job.getTimes();
                assertThat(times.creationTime()).as("R67").isEqualTo(first.creationTime());
                assertThat(times.modificationTime()).as("R68").isAfterOrEqualTo(last.modificationTime())
                        .isAfterOrEqualTo(times.creationTime());
                last = times;
                checkGetError(job, state, dialect);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void apply(SimFixture f, IBackgroundCopyJob job, Op op) {
        switch (op) {
            case ADD_HEALTHY -> f.addFile(job, f.serve(20_000));
            case ADD_TRANSIENT_FAULTS -> f.addFile(job, f.serve(20_000).failNext(2, 503).dropAt(7_000, 1));
            case ADD_FATAL -> f.addFile(job, f.serve(100).failNext(1, 404));
            case ADD_STALLING -> f.addFile(job, f.serve(20_000).stallAt(9_000, 2));
            case RESUME -> catchThrowableOfType(BackgroundCopyException.class, job::resume);
            case SUSPEND -> job.suspend();
            case FOREGROUND -> job.setPriority(BgJobPriority.FOREGROUND);
            case RETRY_DELAY -> f.clock.advance(f.config.minimumRetryDelay());
            case READ_TIMEOUT -> f.clock.advance(f.config.readTimeout());
            case A_DAY -> f.clock.advance(Duration.ofDays(1));
        }
    }

    private static void checkProgress(IBackgroundCopyJob job, BgJobProgress p, BgJobState state) {
        List<BgFileProgress> files = job.enumFiles().next(1000).stream().map(file -> file.getProgress()).toList();
        assertThat(p.filesTotal()).as("P1").isEqualTo(files.size());
        assertThat(p.filesTransferred()).as("P2").isBetween(0L, p.filesTotal());
        boolean unknown = files.stream().anyMatch(file -> !file.isBytesTotalKnown());
        if (unknown) {
            assertThat(p.bytesTotal()).as("P4 unknown").isEqualTo(BgJobProgress.BG_SIZE_UNKNOWN);
        } else {
            assertThat(p.bytesTotal()).as("P4 sum").isEqualTo(files.stream().mapToLong(BgFileProgress::bytesTotal).sum());
            assertThat(Long.compareUnsigned(p.bytesTransferred(), p.bytesTotal())).as("P5").isLessThanOrEqualTo(0);
        }
        assertThat(p.bytesTransferred()).as("P6").isEqualTo(files.stream().mapToLong(BgFileProgress::bytesTransferred).sum());
        assertThat(p.filesTransferred()).as("P7").isEqualTo(files.stream().filter(BgFileProgress::isFullyTransferred).count());
        if (state == BgJobState.TRANSFERRED) {
            assertThat(p.filesTransferred()).as("P8").isEqualTo(p.filesTotal());
            assertThat(p.bytesTransferred()).as("P8").isEqualTo(p.bytesTotal());
        }
    }

    private static void checkGetError(IBackgroundCopyJob job, BgJobState state, Dialect dialect) {
        BackgroundCopyException e = catchThrowableOfType(BackgroundCopyException.class, job::getError);
        switch (state) {
            case TRANSIENT_ERROR, ERROR -> assertThat(e).as("R42 GetError in %s", state).isNull();
            case TRANSFERRING, TRANSFERRED -> assertThat(e).as("R43 GetError in %s", state).isNotNull()
                    .extracting(BackgroundCopyException::hresult).isEqualTo(SemanticError.NO_ERROR_INFO.in(dialect));
            default -> {
                // SUSPENDED/QUEUED keep the record of an earlier failure (§5.4).
            }
        }
    }
}
