package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.TckSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "Error reporting" (R41-R50): GetError per state (§5.4), error objects (§4.6) and the
 * no-progress timeout (§5.3 A5).
 */
public interface JobErrorContract extends TckContract {

    @Example
    @Tag("R41")
    @Label("R41 cleanTransfer_getErrorHasNoInfo")
    default void cleanTransfer_getErrorHasNoInfo() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.transferredJob("clean.bin");
            s.expectFails(SemanticError.NO_ERROR_INFO, "GetError in TRANSFERRED", job::getError);
        }
    }

    @Example
    @Tag("R42")
    @Label("R42 error_getErrorReturnsFailedCode")
    default void error_getErrorReturnsFailedCode() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "404.bin", bytes(100, 42));
            s.content().scriptForever("/404.bin", Fault.HTTP_404);
            job.resume();
            s.driveTo(job, BgJobState.ERROR);
            BgError error = job.getError().getError();
            assertThat(error.code().isFailure()).as("code %s", error.code()).isTrue();
            if (s.strict()) {
                assertThat(error.code()).as("§5.5: 404").isEqualTo(HResult.BG_E_HTTP_ERROR_404);
            }
        }
    }

    @Example
    @Tag("R42")
    @Label("R42 transientError_getErrorReturnsFailedCode")
    default void transientError_getErrorReturnsFailedCode() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "503.bin", bytes(100, 42));
            s.content().scriptForever("/503.bin", Fault.HTTP_503);
            job.resume();
            s.driveTo(job, BgJobState.TRANSIENT_ERROR);
            BgError error = job.getError().getError();
            assertThat(error.code().isFailure()).isTrue();
            if (s.strict()) {
                assertThat(error.code()).as("§5.5: 503").isEqualTo(HResult.BG_E_HTTP_ERROR_503);
            }
        }
    }

    @Example
    @Tag("R43")
    @Label("R43 transferring_getErrorHasNoInfo")
    default void transferring_getErrorHasNoInfo() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "stall.bin", bytes(400_000, 43));
            s.content().script("/stall.bin", Fault.STALL_BODY, 1);
            s.content().stallLimit(Duration.ofSeconds(2));
            List<HResult> whileTransferring = new java.util.concurrent.CopyOnWriteArrayList<>();
            // Only the first TRANSFERRING episode, the one held mid-body: a retry starts with the bytes already known.
            List<Long> bytesWhileTransferring = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean firstEpisodeOver = new java.util.concurrent.atomic.AtomicBoolean();
            if (s.has(dev.bgcopy.api.Feature.CALLBACKS)) {
                // A scheduler step may run a whole transfer, so also sample from inside the service:
                // JobModification fires while bytes arrive, i.e. while the job is TRANSFERRING.
                job.setNotifyFlags(dev.bgcopy.api.BgNotify.JOB_MODIFICATION.nativeValue());
                job.setNotifyInterface(new dev.bgcopy.api.IBackgroundCopyCallback() {
                    @Override
                    public HResult jobModification(IBackgroundCopyJob j) {
                        BgJobState state = j.getState();
                        if (state == BgJobState.TRANSFERRING) {
                            whileTransferring.add(TckSession.hr(j::getError));
                        }
                        if (!firstEpisodeOver.get()) {
                            if (state == BgJobState.TRANSFERRING) {
                                bytesWhileTransferring.add(j.getProgress().bytesTransferred());
                            } else if (!bytesWhileTransferring.isEmpty()) {
                                firstEpisodeOver.set(true);
                            }
                        }
                        return HResult.S_OK;
                    }
                });
            }
            job.resume();
            s.drive(job, st -> st == BgJobState.TRANSFERRED, "TRANSFERRED", st -> {
                if (st == BgJobState.TRANSFERRING) {
                    whileTransferring.add(TckSession.hr(job::getError));
                }
            });
            if (s.strict()) {
                assertThat(whileTransferring).as("R22: a job whose body is held mid-way is seen TRANSFERRING").isNotEmpty();
                if (s.has(dev.bgcopy.api.Feature.CALLBACKS)) {
                    assertThat(bytesWhileTransferring).as("R78: progress shows the bytes already received while held")
                            .anyMatch(b -> b > 0);
                }
            }
            TckSession.assume(!whileTransferring.isEmpty(), "TRANSFERRING was never observed");
            for (HResult hr : whileTransferring) {
                assertThat(SemanticError.NO_ERROR_INFO.matches(hr)).as("GetError while TRANSFERRING: %s", hr).isTrue();
                if (s.strict()) {
                    assertThat(hr).isEqualTo(s.code(SemanticError.NO_ERROR_INFO));
                }
            }
        }
    }

    @Example
    @Tag("R44")
    @Label("R44 failingApiCall_createsNoErrorRecord")
    default void failingApiCall_createsNoErrorRecord() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            TckSession.hr(job::resume);
            TckSession.hr(() -> job.setNotifyFlags(0x100));
            s.expectFails(SemanticError.NO_ERROR_INFO, "GetError after failing calls", job::getError);
        }
    }

    @Example
    @Tag("R45")
    @Label("R45 errorContext_403IsRemoteFile_othersNone")
    @Requires(dialect = Dialect.DO)
    default void errorContext_403IsRemoteFile_othersNone() {
        try (TckSession s = TckSession.open(fixture())) {
            BgErrorContext forbidden = contextOfFatal(s, "403.bin", Fault.HTTP_403);
            BgErrorContext missing = contextOfFatal(s, "404.bin", Fault.HTTP_404);
            if (s.strict()) {
                assertThat(forbidden).isEqualTo(BgErrorContext.REMOTE_FILE);
                assertThat(missing).isEqualTo(BgErrorContext.NONE);
            } else {
                assertThat(forbidden).isIn(BgErrorContext.NONE, BgErrorContext.REMOTE_FILE);
                assertThat(missing).isIn(BgErrorContext.NONE, BgErrorContext.REMOTE_FILE);
            }
        }
    }

    private static BgErrorContext contextOfFatal(TckSession s, String name, Fault fault) {
        IBackgroundCopyJob job = s.newJob();
        s.addFile(job, name, bytes(100, 45));
        s.content().scriptForever("/" + name, fault);
        job.resume();
        s.driveTo(job, BgJobState.ERROR);
        return job.getError().getError().context();
    }

    @Example
    @Tag("R46")
    @Label("R46 errorGetFile_isAJobFileOrNotAvailable")
    default void errorGetFile_isAJobFileOrNotAvailable() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "fine.bin", bytes(100, 46));
            String failing = s.addFile(job, "bad.bin", bytes(100, 46)).toString();
            s.content().scriptForever("/bad.bin", Fault.HTTP_404);
            job.resume();
            s.driveTo(job, BgJobState.ERROR);
            IBackgroundCopyError error = job.getError();
            try {
                IBackgroundCopyFile file = error.getFile();
                assertThat(file).isNotNull();
                List<String> remotes = new ArrayList<>();
                job.enumFiles().next(2).forEach(f -> remotes.add(f.getRemoteName()));
                assertThat(remotes).contains(file.getRemoteName());
                if (s.strict()) {
                    assertThat(file.getRemoteName()).isEqualTo(failing);
                }
            } catch (BackgroundCopyException e) {
                assertThat(SemanticError.FILE_NOT_AVAILABLE.matches(e.hresult())).as("GetFile: %s", e.hresult()).isTrue();
                assertThat(s.strict()).as("strict: the failing file is known").isFalse();
            }
        }
    }

    @Example
    @Tag("R47")
    @Label("R47 noProgressTimeout_transientBecomesErrorAfterTimeout")
    @Requires(capabilities = Capability.VIRTUAL_CLOCK)
    default void noProgressTimeout_transientBecomesErrorAfterTimeout() {
        try (TckSession s = TckSession.open(fixture())) {
            // 1,500 s outlasts two 600 s retries that fail again: the timer still counts from the first failure.
            for (long t : new long[] {120, 1_500}) {
                IBackgroundCopyJob job = s.newJob();
                job.setNoProgressTimeout(t);
                String name = "down" + t + ".bin";
                s.addFile(job, name, bytes(100, 47));
                s.content().scriptForever("/" + name, Fault.HTTP_503);
                job.resume();
                s.driveTo(job, BgJobState.TRANSIENT_ERROR);
                Instant firstFailure = s.now();
                s.driveTo(job, BgJobState.ERROR);
                Duration elapsed = Duration.between(firstFailure, s.now());
                assertThat(elapsed).as("t=%d: ERROR no earlier than the timeout", t).isGreaterThanOrEqualTo(Duration.ofSeconds(t));
                if (s.strict()) {
                    assertThat(elapsed).as("t=%d: exactly at t on the virtual clock (1 s steps)", t)
                            .isLessThanOrEqualTo(Duration.ofSeconds(t + 1));
                }
            }
        }
    }

    @Example
    @Tag("R48")
    @Label("R48 progressDuringTransientError_restartsTheTimer")
    @Requires(strictOnly = true, capabilities = Capability.VIRTUAL_CLOCK)
    default void progressDuringTransientError_restartsTheTimer() {
        try (TckSession s = TckSession.open(fixture())) {
            long t = 900;
            Duration step = Duration.ofSeconds(30);
            IBackgroundCopyJob job = s.newJob();
            job.setNoProgressTimeout(t);
            s.addFile(job, "cut.bin", bytes(64 * 1024, 48));
            // Every attempt delivers half of what is left, then the connection drops: progress inside
            // the TRANSIENT_ERROR episode, until the halves reach zero and the timeout can run out.
            s.content().scriptForever("/cut.bin", Fault.DISCONNECT_MID_BODY);
            job.resume();
            Instant[] firstFailure = {null};
            Instant[] lastProgress = {null};
            long[] lastBytes = {0};
            s.drive(job, st -> st == BgJobState.ERROR || st == BgJobState.TRANSFERRED, "ERROR", st -> {
                long b = job.getProgress().bytesTransferred();
                if (st == BgJobState.TRANSIENT_ERROR && firstFailure[0] == null) {
                    firstFailure[0] = s.now();
                }
                if (b != lastBytes[0]) {
                    lastBytes[0] = b;
                    if (firstFailure[0] != null) {
                        lastProgress[0] = s.now();
                    }
                }
            }, step);
            TckSession.assume(job.getState() == BgJobState.ERROR && lastProgress[0] != null,
                    "no progress was observed during the TRANSIENT_ERROR episode");
            assertThat(Duration.between(lastProgress[0], s.now())).as("ERROR counted from the last progress, not the first failure")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(t).minus(step));
            assertThat(Duration.between(firstFailure[0], s.now())).as("progress restarted the timer")
                    .isGreaterThan(Duration.ofSeconds(t));
        }
    }

    @Example
    @Tag("R49")
    @Label("R49 zeroTimeout_firstFailureIsFinal")
    @Requires(strictOnly = true)
    default void zeroTimeout_firstFailureIsFinal() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            job.setNoProgressTimeout(0);
            s.addFile(job, "fail.bin", bytes(100, 49));
            s.content().scriptForever("/fail.bin", Fault.HTTP_503);
            job.resume();
            Set<BgJobState> seen = EnumSet.noneOf(BgJobState.class);
            s.drive(job, st -> st == BgJobState.ERROR, "ERROR", seen::add);
            assertThat(seen).doesNotContain(BgJobState.TRANSIENT_ERROR);
        }
    }

    @Example
    @Tag("R50")
    @Label("R50 noProgressError_reportsDownloadNoProgress")
    @Requires(dialect = Dialect.DO, strictOnly = true, capabilities = Capability.VIRTUAL_CLOCK)
    default void noProgressError_reportsDownloadNoProgress() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            job.setNoProgressTimeout(60);
            s.addFile(job, "ok.bin", bytes(100, 49));
            String failing = s.addFile(job, "np.bin", bytes(100, 50)).toString();
            s.content().scriptForever("/np.bin", Fault.HTTP_503);
            job.resume();
            s.driveTo(job, BgJobState.ERROR);
            IBackgroundCopyError error = job.getError();
            assertThat(error.getError().code()).isEqualTo(HResult.DO_E_DOWNLOAD_NO_PROGRESS);
            assertThat(error.getFile().getRemoteName()).as("R46: the timed-out error still names the file that failed")
                    .isEqualTo(failing);
        }
    }

    /** docs/contract.md §4 BITS methods: GetErrorCount counts the entries into ERROR or TRANSIENT_ERROR (SIM). */
    @Example
    @Label("errorCount_countsEveryFailureEpisode")
    @Requires(value = Feature.BITS_METHODS, strictOnly = true, capabilities = Capability.VIRTUAL_CLOCK)
    default void errorCount_countsEveryFailureEpisode() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "flaky.bin", bytes(100, 421));
            s.content().script("/flaky.bin", Fault.HTTP_503, 2);
            job.setMinimumRetryDelay(5);
            assertThat(job.getErrorCount()).as("GetErrorCount of a new job").isZero();
            job.resume();
            s.driveTo(job, BgJobState.TRANSIENT_ERROR);
            assertThat(job.getErrorCount()).as("GetErrorCount after the first failure (§4: entries into ERROR or TRANSIENT_ERROR)")
                    .isEqualTo(1);
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(job.getErrorCount()).as("GetErrorCount after a second failure and the recovery").isEqualTo(2);
            IBackgroundCopyJob fatal = s.newJob();
            s.addFile(fatal, "gone.bin", bytes(100, 422));
            s.content().scriptForever("/gone.bin", Fault.HTTP_404);
            fatal.resume();
            s.driveTo(fatal, BgJobState.ERROR);
            assertThat(fatal.getErrorCount()).as("GetErrorCount after a fatal failure").isEqualTo(1);
        }
    }

    @Example
    @Tag("R42")
    @Tag("R110")
    @Label("R42 httpStatus_transientOrFatalAsClassified")
    default void httpStatus_transientOrFatalAsClassified() {
        try (TckSession s = TckSession.open(fixture())) {
            for (Fault fault : new Fault[] {Fault.HTTP_408, Fault.HTTP_500, Fault.HTTP_502, Fault.HTTP_503, Fault.HTTP_504,
                    Fault.HTTP_400, Fault.HTTP_403, Fault.HTTP_404, Fault.HTTP_410}) {
                boolean transientFailure = fault.status() == 408 || fault.status() >= 500;
                IBackgroundCopyJob job = s.newJob();
                String name = "s" + fault.status() + ".bin";
                s.addFile(job, name, bytes(100, fault.status()));
                s.content().scriptForever("/" + name, fault);
                job.resume();
                BgJobState reached = s.drive(job, st -> st == BgJobState.TRANSIENT_ERROR || st == BgJobState.ERROR,
                        "a failure for HTTP " + fault.status());
                if (s.strict()) {
                    assertThat(reached).as("§5.5: HTTP %d is %s", fault.status(), transientFailure ? "transient" : "fatal")
                            .isEqualTo(transientFailure ? BgJobState.TRANSIENT_ERROR : BgJobState.ERROR);
                    assertThat(job.getError().getError().code()).as("§5.5 code for HTTP %d", fault.status())
                            .isEqualTo(HResult.fromHttpStatus(fault.status()));
                } else {
                    assertThat(job.getError().getError().code().isFailure()).isTrue();
                }
                job.cancel();
            }
        }
    }

    @Example
    @Tag("R110")
    @Label("R110 unreachableServer_transientNetworkDown")
    default void unreachableServer_transientNetworkDown() throws java.io.IOException {
        try (TckSession s = TckSession.open(fixture())) {
            int closedPort;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            IBackgroundCopyJob job = s.newJob();
            s.addUrl(job, "nowhere.bin", java.net.URI.create("http://127.0.0.1:" + closedPort + "/nowhere.bin"));
            job.resume();
            BgJobState reached = s.drive(job, st -> st == BgJobState.TRANSIENT_ERROR || st == BgJobState.ERROR, "a failure");
            HResult code = job.getError().getError().code();
            if (s.strict()) {
                assertThat(reached).as("§5.5: connection failures are transient").isEqualTo(BgJobState.TRANSIENT_ERROR);
                assertThat(code).isEqualTo(s.code(SemanticError.NETWORK_DOWN));
            } else {
                assertThat(code.isFailure()).isTrue();
            }
        }
    }

    @Example
    @Tag("R110")
    @Label("R110 rangeBeyondRealSize_fatalInvalidRange")
    @Requires(dev.bgcopy.api.Feature.ADD_FILE_WITH_RANGES)
    default void rangeBeyondRealSize_fatalInvalidRange() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = s.content().put("/short.bin", bytes(1_000, 110)).toString();
            job.addFileWithRanges("short", url, s.local("short.bin").toString(),
                    List.of(new dev.bgcopy.api.BgFileRange(5_000, 100)), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            job.resume();
            s.driveTo(job, BgJobState.ERROR);
            HResult code = job.getError().getError().code();
            if (s.strict()) {
                assertThat(code).as("§5.5: range beyond the real size").isEqualTo(s.code(SemanticError.INVALID_RANGE));
            } else {
                assertThat(SemanticError.INVALID_RANGE.matches(code) || code.isFailure()).isTrue();
            }
        }
    }
}
