package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** IBackgroundCopyCallback delivery (§4.7, R57-R62). */
@Timeout(60)
class CallbackTest {

    @TempDir
    Path dir;

    /** Records every event as text, with the thread and the job state seen during the call. */
    static final class Recorder implements IBackgroundCopyCallback {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public HResult jobTransferred(IBackgroundCopyJob job) {
            record("transferred:" + job.getState());
            return HResult.S_OK;
        }

        @Override
        public HResult jobError(IBackgroundCopyJob job, IBackgroundCopyError error) {
            record("error:" + job.getState() + ":" + error.getError().code().hex());
            return HResult.S_OK;
        }

        @Override
        public HResult jobModification(IBackgroundCopyJob job) {
            record("modification");
            return HResult.S_OK;
        }

        @Override
        public HResult fileTransferred(IBackgroundCopyJob job, IBackgroundCopyFile file) {
            record("file:" + file.getLocalName());
            return HResult.S_OK;
        }

        private void record(String event) {
            events.add(event);
            threads.add(Thread.currentThread().getName());
        }

        List<String> withoutModifications() {
            return events.stream().filter(e -> !e.equals("modification")).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R57 callback order: FileTransferred per file in add order, then JobTransferred exactly once in TRANSFERRED, on the notifier thread")
    void order(Dialect dialect) {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.newJob();
            Path a = f.addFile(job, f.serve(30_000));
            Path b = f.addFile(job, f.serve(20_000));
            Recorder recorder = new Recorder();
            job.setNotifyFlags(0x1F & ~BgNotify.DISABLE.nativeValue());
            job.setNotifyInterface(recorder);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(recorder.withoutModifications()).containsExactly("file:" + a, "file:" + b, "transferred:TRANSFERRED");
            assertThat(recorder.events).contains("modification");
            assertThat(recorder.threads).allMatch(t -> t.endsWith("-notifier"));
            int before = recorder.events.size();
            job.complete();
            f.manager.runUntilIdle();
            assertThat(recorder.events.subList(before, recorder.events.size())).containsOnly("modification");
        }
    }

    @Test
    @DisplayName("R58 entering ERROR delivers JobError with the job in ERROR; R60 no callback for a cleared flag")
    void jobError() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(10).failNext(1, 404));
            Recorder recorder = new Recorder();
            job.setNotifyInterface(recorder);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(recorder.events).containsExactly("error:ERROR:0x80190194");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R60 with BG_NOTIFY_DISABLE no callback is delivered at all")
    void disable(Dialect dialect) {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(10));
            Recorder recorder = new Recorder();
            job.setNotifyFlags(0x1F);
            job.setNotifyInterface(recorder);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(recorder.events).isEmpty();
        }
    }

    @Test
    @DisplayName("R59 a JobError that returns a failure (or throws) is delivered again until it returns S_OK")
    void jobErrorRedelivered() throws Exception {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(10).failNext(1, 410));
            AtomicInteger calls = new AtomicInteger();
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobError(IBackgroundCopyJob j, IBackgroundCopyError e) {
                    int n = calls.incrementAndGet();
                    if (n == 1) {
                        return HResult.E_FAIL;
                    }
                    if (n == 2) {
                        throw new IllegalStateException("the application's bug");
                    }
                    return HResult.S_OK;
                }
            });
            job.resume();
            f.manager.runUntilIdle();
            assertThat(calls).as("first delivery").hasValue(1);
            Duration retry = f.config.callbackRetryInterval();
            f.clock.advance(retry.minusNanos(1));
            f.manager.runUntilIdle();
            assertThat(calls).as("not before the retry interval on the virtual clock").hasValue(1);
            f.clock.advance(Duration.ofNanos(1));
            f.manager.runUntilIdle();
            assertThat(calls).as("redelivered after E_FAIL").hasValue(2);
            f.clock.advance(retry);
            f.manager.runUntilIdle();
            assertThat(calls).as("redelivered after the callback threw").hasValue(3);
            f.clock.advance(Duration.ofHours(1));
            f.manager.runUntilIdle();
            assertThat(calls).as("not after S_OK").hasValue(3);
        }
    }

    @Test
    @DisplayName("R61 a callback registered on a job already TRANSFERRED still gets JobTransferred")
    void registeredLate() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.jobIn(BgJobState.TRANSFERRED);
            Recorder recorder = new Recorder();
            job.setNotifyInterface(recorder);
            f.manager.runUntilIdle();
            assertThat(recorder.events).containsExactly("transferred:TRANSFERRED");
        }
    }

    @Test
    @DisplayName("R62 with 0x8 every successful setter is followed by a JobModification, never during the call")
    void modificationPerSetter() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            Recorder recorder = new Recorder();
            job.setNotifyFlags(BgNotify.JOB_MODIFICATION.nativeValue());
            job.setNotifyInterface(recorder);
            f.manager.runUntilIdle();
            recorder.events.clear();
            job.setNoProgressTimeout(5);
            f.manager.runUntilIdle();
            assertThat(recorder.events).containsExactly("modification");
            job.setPriority(dev.bgcopy.api.BgJobPriority.LOW);
            f.manager.runUntilIdle();
            assertThat(recorder.events).hasSize(2);
            assertThat(recorder.threads).allMatch(t -> t.endsWith("-notifier"));
        }
    }

    @Test
    @DisplayName("A callback that blocks or throws never stalls transfers")
    void blockingCallbackDoesNotStallTransfers() throws Exception {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().callbackRetryInterval(Duration.ZERO).build();
        try (SimFixture f = new SimFixture(dir, config)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch blocked = new CountDownLatch(1);
            IBackgroundCopyJob stuck = f.newJob();
            f.addFile(stuck, f.serve(10));
            stuck.setNotifyFlags(BgNotify.JOB_MODIFICATION.nativeValue());
            stuck.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobModification(IBackgroundCopyJob j) {
                    blocked.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("and then it throws");
                }
            });
            IBackgroundCopyJob other = f.newJob();
            f.addFile(other, f.serve(100_000));
            stuck.resume();
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            other.resume();
            f.manager.runUntilIdle();
            assertThat(stuck.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(other.getState()).isEqualTo(BgJobState.TRANSFERRED);
            release.countDown();
            f.manager.runUntilIdle();
        }
    }
}
