package dev.bgcopy.simulator;

import static dev.bgcopy.simulator.JobBasicsTest.hr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retries, timeouts, expiry and scheduling driven by the virtual clock over the scripted network (§5.3, R47-R50, R109). */
class VirtualTimeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R47 R50 a server that stalls for two days: TRANSIENT_ERROR at the read timeout, ERROR exactly at the default no-progress timeout")
    void twoDayStall(Dialect dialect) {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(10_000).stallAt(4_000, RemoteResource.ALWAYS));
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).as("stalled but not yet timed out").isEqualTo(BgJobState.TRANSFERRING);
            assertThat(job.getProgress().bytesTransferred()).isEqualTo(4_000);
            f.clock.advance(f.config.readTimeout());
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            long timeout = job.getNoProgressTimeout();
            f.clock.advance(Duration.ofSeconds(timeout - 1));
            f.manager.runUntilIdle();
            assertThat(job.getState()).isIn(BgJobState.TRANSIENT_ERROR, BgJobState.TRANSFERRING);
            f.clock.advance(f.config.readTimeout());
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code())
                    .isEqualTo(dialect == Dialect.DO ? HResult.DO_E_DOWNLOAD_NO_PROGRESS : Failure.TIMEOUT);
            assertThat(job.getProgress().bytesTransferred()).isEqualTo(4_000);
        }
    }

    @Test
    @DisplayName("R48 bytes transferred during a transient episode restart the no-progress timer")
    void progressRestartsTheTimer() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(1_000).dropAt(100, 1).dropAt(200, 1).failNext(RemoteResource.ALWAYS, 503));
            job.setNoProgressTimeout(1000);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.DO_E_BLOCKED_BY_NO_NETWORK);
            f.clock.advance(Duration.ofSeconds(600));
            f.manager.runUntilIdle();
            assertThat(job.getProgress().bytesTransferred()).isEqualTo(200);
            f.clock.advance(Duration.ofSeconds(600));
            f.manager.runUntilIdle();
            f.clock.advance(Duration.ofSeconds(399));
            f.manager.runUntilIdle();
            assertThat(job.getState()).as("1000 s after the first failure, but only 999 s after the last progress")
                    .isEqualTo(BgJobState.TRANSIENT_ERROR);
            f.clock.advance(Duration.ofSeconds(1));
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R49 with NoProgressTimeout 0 the first transient failure is final")
    void zeroTimeout(Dialect dialect) {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(10).failNext(1, 503));
            job.setNoProgressTimeout(0);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
        }
    }

    @Test
    @DisplayName("A4 Retry-After longer than the retry delay is honoured; 429 is transient")
    void retryAfter() {
        try (SimFixture f = new SimFixture(dir, Dialect.BITS)) {
            IBackgroundCopyJob job = f.newJob();
            RemoteResource r = f.serve(100).failNext(1, 429, Duration.ofHours(1));
            f.addFile(job, r);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.BG_E_HTTP_ERROR_429);
            f.clock.advance(Duration.ofSeconds(600));
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            f.clock.advance(Duration.ofSeconds(3000));
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(r.requestCount()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("503 five times then the content changes: the resumed file restarts from zero and ends with the new bytes")
    void fiveFailuresThenNewContent() throws Exception {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            byte[] fresh = SimFixture.bytes(5_000, 99);
            RemoteResource r = f.serve(5_000).dropAt(2_000, 1).failNext(5, 503).thenChangeContent(fresh);
            IBackgroundCopyJob job = f.newJob();
            Path dest = f.addFile(job, r);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getProgress().bytesTransferred()).isEqualTo(2_000);
            for (int i = 0; i < 6; i++) {
                assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
                f.clock.advance(Duration.ofSeconds(600));
                f.manager.runUntilIdle();
            }
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            List<ScriptedRequest> requests = f.network.requestsTo(r.url());
            assertThat(requests).hasSize(7);
            assertThat(requests.get(6).range()).isEqualTo("bytes=2000-");
            assertThat(requests.get(6).status()).as("If-Range no longer matches").isEqualTo(200);
            job.complete();
            assertThat(Files.readAllBytes(dest)).isEqualTo(fresh);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R109 DO: a live job expires at 30 days (CANCELLED, NOT_FOUND, temp files deleted); A8 BITS: after 90 days without modification; acknowledged jobs never")
    void retention(Dialect dialect) throws Exception {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob live = f.newJob();
            f.addFile(live, f.serve(1_000).stallAt(500, RemoteResource.ALWAYS));
            live.setNoProgressTimeout(0xFFFF_FFFFL);
            live.resume();
            IBackgroundCopyJob done = f.newJob();
            f.addFile(done, f.serve(10));
            done.resume();
            f.manager.runUntilIdle();
            done.complete();
            f.clock.advance(Duration.ofDays(30).minusSeconds(1));
            f.manager.runUntilIdle();
            assertThat(live.getState()).isNotEqualTo(BgJobState.CANCELLED);
            f.clock.advance(Duration.ofSeconds(1));
            f.manager.runUntilIdle();
            if (dialect == Dialect.DO) {
                assertThat(live.getState()).isEqualTo(BgJobState.CANCELLED);
                assertThat(hr(() -> f.manager.getJob(live.getId()))).isEqualTo(HResult.DO_E_JOB_NOT_FOUND);
                assertThat(f.leftovers()).hasSize(1);
            } else {
                assertThat(live.getState()).isNotEqualTo(BgJobState.CANCELLED);
                assertThat(f.manager.getJob(live.getId())).isSameAs(live);
                live.suspend();
                f.clock.advance(Duration.ofDays(90).minusSeconds(1));
                f.manager.runUntilIdle();
                assertThat(live.getState()).isEqualTo(BgJobState.SUSPENDED);
                f.clock.advance(Duration.ofSeconds(1));
                f.manager.runUntilIdle();
                assertThat(live.getState()).as("A8 BITS: 90 days without modification").isEqualTo(BgJobState.CANCELLED);
                assertThat(hr(() -> f.manager.getJob(live.getId()))).isEqualTo(HResult.BG_E_NOT_FOUND);
            }
            assertThat(done.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
        }
    }

    @Test
    @DisplayName("Scheduling: FOREGROUND starts before an earlier NORMAL job; FIFO within a priority")
    void foregroundFirst() {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().maxConcurrentTransfers(1).build();
        try (SimFixture f = new SimFixture(dir, config)) {
            IBackgroundCopyJob blocker = f.newJob();
            blocker.setPriority(BgJobPriority.FOREGROUND); // a FOREGROUND job would take a NORMAL blocker's slot (A10)
            RemoteResource slow = f.serve(10).latency(Duration.ofMinutes(1));
            f.addFile(blocker, slow);
            blocker.resume();
            f.manager.runUntilIdle();
            IBackgroundCopyJob background1 = f.newJob();
            RemoteResource b1 = f.serve(10);
            f.addFile(background1, b1);
            IBackgroundCopyJob background2 = f.newJob();
            RemoteResource b2 = f.serve(10);
            f.addFile(background2, b2);
            IBackgroundCopyJob foreground = f.newJob();
            RemoteResource fg = f.serve(10);
            f.addFile(foreground, fg);
            foreground.setPriority(BgJobPriority.FOREGROUND);
            background1.resume();
            background2.resume();
            foreground.resume();
            f.manager.runUntilIdle();
            assertThat(List.of(background1.getState(), background2.getState(), foreground.getState()))
                    .containsOnly(BgJobState.QUEUED);
            f.network.clearRequests();
            f.clock.advance(Duration.ofMinutes(1));
            f.manager.runUntilIdle();
            assertThat(f.network.requests()).extracting(ScriptedRequest::url).filteredOn(u -> !u.equals(slow.url()))
                    .containsExactly(fg.url(), b1.url(), b2.url());
        }
    }

    @Test
    @DisplayName("Scheduling: background is never starved — after 4 foreground starts the oldest waiting job goes next")
    void backgroundNotStarved() {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().maxConcurrentTransfers(1).build();
        try (SimFixture f = new SimFixture(dir, config)) {
            IBackgroundCopyJob blocker = f.newJob();
            blocker.setPriority(BgJobPriority.FOREGROUND); // a FOREGROUND job would take a NORMAL blocker's slot (A10)
            RemoteResource slow = f.serve(10).latency(Duration.ofMinutes(1));
            f.addFile(blocker, slow);
            blocker.resume();
            f.manager.runUntilIdle();
            IBackgroundCopyJob background = f.newJob();
            RemoteResource bg = f.serve(10);
            f.addFile(background, bg);
            background.resume();
            List<RemoteResource> fgs = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                IBackgroundCopyJob fg = f.newJob();
                RemoteResource r = f.serve(10);
                fgs.add(r);
                f.addFile(fg, r);
                fg.setPriority(BgJobPriority.FOREGROUND);
                fg.resume();
            }
            f.manager.runUntilIdle();
            f.network.clearRequests();
            f.clock.advance(Duration.ofMinutes(1));
            f.manager.runUntilIdle();
            assertThat(f.network.requests()).extracting(ScriptedRequest::url).filteredOn(u -> !u.equals(slow.url()))
                    .containsExactly(fgs.get(0).url(), fgs.get(1).url(), fgs.get(2).url(), fgs.get(3).url(), bg.url(),
                    fgs.get(4).url(), fgs.get(5).url());
        }
    }

    @Test
    @DisplayName("A7 log-off puts the user's transferring jobs back to QUEUED and drops their callbacks")
    void logOff() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            f.manager.setCaller(CallerIdentity.user("carol"));
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(100).stallAt(10, 1));
            job.setNotifyInterface(new dev.bgcopy.api.IBackgroundCopyCallback() { });
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRING);
            f.manager.logOff("carol");
            assertThat(job.getNotifyInterface()).isEmpty();
            f.manager.runUntilIdle();
            assertThat(job.getState()).as("requeued and restarted by the scheduler").isEqualTo(BgJobState.TRANSFERRED);
        }
    }

    @Test
    @DisplayName("R25 Resume from ERROR goes to QUEUED and retries; the error record survives until TRANSFERRING (§5.4)")
    void resumeFromError() {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().maxConcurrentTransfers(1).build();
        try (SimFixture f = new SimFixture(dir, config)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(10).failNext(1, 404));
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            job.suspend();
            assertThat(job.getError().getError().code()).as("record kept in SUSPENDED").isEqualTo(HResult.BG_E_HTTP_ERROR_404);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(hr(job::getError)).isEqualTo(SemanticError.NO_ERROR_INFO.in(Dialect.DO));
            assertThat(BgErrorContext.NONE).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R25 R27 manual scheduling: after Resume the job is exactly QUEUED, a due retry waits for runUntilIdle")
    void manualScheduling(Dialect dialect) {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().dialect(dialect).manualScheduling(true).build();
        try (SimFixture f = new SimFixture(dir, config)) {
            IBackgroundCopyJob job = f.newJob();
            RemoteResource r = f.serve(1_000).failNext(1, 503);
            f.addFile(job, r);
            job.resume();
            assertThat(job.getState()).isEqualTo(BgJobState.QUEUED);
            assertThat(r.requestCount()).isZero();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            f.clock.advance(Duration.ofSeconds(600));
            assertThat(job.getState()).as("the retry is due but the scheduler has not run").isEqualTo(BgJobState.TRANSIENT_ERROR);
            job.resume();
            assertThat(job.getState()).as("TER -> QUE exactly (§5.2)").isEqualTo(BgJobState.QUEUED);
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        }
    }
}
