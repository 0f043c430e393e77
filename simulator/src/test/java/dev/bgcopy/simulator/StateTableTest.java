package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.SemanticError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/contract.md §5.2 as a table: every client operation in every state, in both dialects, with the exact
 * HRESULT, the next state, MT-1/MT-2 (R69, R70) and "failure changes nothing" (§4.0).
 *
 * <p>Each row runs on a simulator with one transfer slot that is kept busy (by the job itself while it
 * transfers, else by a blocker parked on scripted latency), so that a job that becomes QUEUED stays
 * QUEUED and the next state can be observed exactly.
 */
class StateTableTest {

    @TempDir
    Path dir;

    enum Op {
        RESUME(IBackgroundCopyJob::resume),
        SUSPEND(IBackgroundCopyJob::suspend),
        CANCEL(IBackgroundCopyJob::cancel),
        COMPLETE(IBackgroundCopyJob::complete),
        ADD_FILE(null),
        SET_PRIORITY(j -> j.setPriority(BgJobPriority.HIGH)),
        SET_NOTIFY_FLAGS(j -> j.setNotifyFlags(BgNotify.JOB_TRANSFERRED.nativeValue())),
        SET_NOTIFY_INTERFACE(j -> j.setNotifyInterface(new IBackgroundCopyCallback() { })),
        SET_NO_PROGRESS_TIMEOUT(j -> j.setNoProgressTimeout(7)),
        SET_REMOTE_NAME(j -> j.enumFiles().next(1).get(0).setRemoteName(SimFixture.BASE + "renamed.bin")),
        FILE2_SET_PROPERTY(j -> {
            IBackgroundCopyFile file = j.enumFiles().next(1).get(0);
            file.queryInterface(IDeliveryOptimizationFile2.class).orElseThrow()
                    .setProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY, Boolean.TRUE);
        }),
        GETTERS(j -> {
            j.getState();
            j.getProgress();
            j.getTimes();
            j.getId();
            j.getType();
            j.getDisplayName();
            j.getPriority();
            j.getNotifyFlags();
            j.getNotifyInterface();
            j.getNoProgressTimeout();
            j.enumFiles().getCount();
        }),
        GET_ERROR(IBackgroundCopyJob::getError);

        final Consumer<IBackgroundCopyJob> call;

        Op(Consumer<IBackgroundCopyJob> call) {
            this.call = call;
        }

        boolean isGetter() {
            return this == GETTERS || this == GET_ERROR;
        }
    }

    /** The §5.2 table: {@code null} code means success. */
    record Expected(HResult code, BgJobState next) {
    }

    static Expected expected(Op op, BgJobState s, Dialect dialect) {
        HResult invalid = SemanticError.INVALID_STATE.in(dialect);
        boolean terminal = s.isTerminal();
        return switch (op) {
            case RESUME -> terminal ? new Expected(invalid, s)
                    : new Expected(null, switch (s) {
                        case SUSPENDED, TRANSIENT_ERROR, ERROR -> BgJobState.QUEUED;
                        default -> s;
                    });
            case SUSPEND -> terminal ? new Expected(invalid, s)
                    : new Expected(null, s == BgJobState.TRANSFERRED ? s : BgJobState.SUSPENDED);
            case CANCEL -> terminal ? new Expected(invalid, s) : new Expected(null, BgJobState.CANCELLED);
            case COMPLETE -> terminal ? new Expected(invalid, s)
                    : new Expected(dialect == Dialect.BITS && s != BgJobState.TRANSFERRED ? HResult.BG_S_PARTIAL_COMPLETE
                            : HResult.S_OK, BgJobState.ACKNOWLEDGED);
            case ADD_FILE -> terminal ? new Expected(invalid, s)
                    : new Expected(null, s == BgJobState.TRANSFERRED ? BgJobState.QUEUED : s);
            case FILE2_SET_PROPERTY -> terminal ? new Expected(HResult.DO_E_INVALID_STATE, s)
                    : s == BgJobState.TRANSFERRING || s == BgJobState.TRANSFERRED
                            ? new Expected(HResult.DO_E_INVALID_STATE, s) // the file has started (§4.8 SIM)
                            : new Expected(null, s);
            case SET_PRIORITY, SET_NOTIFY_FLAGS, SET_NOTIFY_INTERFACE, SET_NO_PROGRESS_TIMEOUT, SET_REMOTE_NAME ->
                    terminal ? new Expected(invalid, s) : new Expected(null, s);
            case GETTERS -> new Expected(null, s);
            case GET_ERROR -> s == BgJobState.TRANSIENT_ERROR || s == BgJobState.ERROR ? new Expected(null, s)
                    : new Expected(SemanticError.NO_ERROR_INFO.in(dialect), s);
        };
    }

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (Dialect dialect : Dialect.values()) {
            for (BgJobState state : BgJobState.values()) {
                if (state == BgJobState.CONNECTING && dialect == Dialect.DO) {
                    continue;
                }
                for (Op op : Op.values()) {
                    if (op == Op.FILE2_SET_PROPERTY && dialect == Dialect.BITS) {
                        continue;
                    }
                    rows.add(Arguments.of(dialect, state, op));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("rows")
    @DisplayName("§5.2 state × operation → HRESULT and next state; MT-1/MT-2; failure changes nothing (R21-R40, R54, R66, R69, R70)")
    void stateTable(Dialect dialect, BgJobState state, Op op) {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder()
                .dialect(dialect).maxConcurrentTransfers(1).build();
        try (SimFixture f = new SimFixture(dir, config)) {
            IBackgroundCopyJob job = f.jobIn(state);
            if (state != BgJobState.QUEUED && state != BgJobState.CONNECTING && state != BgJobState.TRANSFERRING) {
                IBackgroundCopyJob blocker = f.newJob();
                f.addFile(blocker, f.serve(10).latency(Duration.ofDays(365)));
                blocker.resume();
                f.manager.runUntilIdle();
            }
            BgJobState before = job.getState();
            f.clock.advance(Duration.ofSeconds(1));
            BgJobTimes timesBefore = job.getTimes();
            BgJobProgress progressBefore = job.getProgress();
            Expected expected = expected(op, before, dialect);

            HResult actual;
            BackgroundCopyException failure = null;
            if (op == Op.COMPLETE) {
                HResult code = null;
                try {
                    code = job.complete();
                } catch (BackgroundCopyException e) {
                    failure = e;
                }
                actual = failure != null ? failure.hresult() : code;
            } else {
                Consumer<IBackgroundCopyJob> call = op == Op.ADD_FILE ? j -> f.addFile(j, f.serve(10)) : op.call;
                failure = catchThrowableOfType(BackgroundCopyException.class, () -> call.accept(job));
                actual = failure != null ? failure.hresult() : null;
            }

            if (op == Op.COMPLETE && failure == null) {
                assertThat(actual).as("Complete's success code (R39)").isEqualTo(expected.code());
            } else {
                assertThat(actual).as("HRESULT of %s in %s", op, before).isEqualTo(expected.code());
            }
            assertThat(job.getState()).as("state after %s in %s", op, before).isEqualTo(expected.next());
            boolean succeeded = failure == null;
            if (succeeded && !op.isGetter()) {
                assertThat(job.getTimes().modificationTime()).as("MT-1: refreshed to the clock (R69)")
                        .isEqualTo(f.clock.now());
            } else {
                assertThat(job.getTimes()).as("MT-2: getters and failures leave the times alone (R70)")
                        .isEqualTo(timesBefore);
            }
            if (!succeeded) {
                assertThat(job.getProgress()).as("a failing call changes nothing (§4.0)").isEqualTo(progressBefore);
            }
            assertThat(job.getTimes().creationTime()).as("R67").isEqualTo(timesBefore.creationTime());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    @DisplayName("R21 resume of empty job -> EMPTY, state stays SUSPENDED, MT unchanged")
    void resumeEmpty(Dialect dialect) {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.manager.createJob("empty", BgJobType.DOWNLOAD);
            BgJobTimes before = job.getTimes();
            f.clock.advance(Duration.ofSeconds(5));
            BackgroundCopyException e = catchThrowableOfType(BackgroundCopyException.class, job::resume);
            assertThat(e.hresult()).isEqualTo(SemanticError.EMPTY.in(dialect));
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
            assertThat(job.getTimes()).isEqualTo(before);
            // INVALID_STATE is checked before EMPTY (§4.2 Resume).
            job.cancel();
            assertThat(catchThrowableOfType(BackgroundCopyException.class, job::resume).hresult())
                    .isEqualTo(SemanticError.INVALID_STATE.in(dialect));
        }
    }

    static Stream<Dialect> dialects() {
        return Stream.of(Dialect.values());
    }
}
