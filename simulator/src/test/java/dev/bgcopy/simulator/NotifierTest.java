package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier on its own (docs/contract.md §4.7): delivery on its own thread in post order, JobError and
 * JobTransferred redelivered after the retry interval on the virtual clock while the state holds, the
 * other events never, nothing for a cancelled job or one without a registration.
 */
class NotifierTest {

    private static final Duration RETRY = Duration.ofSeconds(30);
    private static final long STUCK = TimeUnit.SECONDS.toNanos(5);

    private final VirtualClock clock = VirtualClock.create();
    private SimulatorManager manager;
    private Notifier notifier;
    private Target target;

    /** A job as the notifier sees it, with a state and a registration the test sets. */
    private static final class Target implements Notifier.Subscriber {
        final IBackgroundCopyJob job;
        volatile IBackgroundCopyCallback callback;
        volatile BgJobState state = BgJobState.TRANSFERRED;

        Target(IBackgroundCopyJob job) {
            this.job = job;
        }

        @Override
        public IBackgroundCopyJob job() {
            return job;
        }

        @Override
        public IBackgroundCopyCallback callback() {
            return callback;
        }

        @Override
        public BgJobState state() {
            return state;
        }
    }

    /** Answers every event with {@code answer} (or throws when it is null) and records it with its thread. */
    private static final class Answering implements IBackgroundCopyCallback {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile HResult answer;

        Answering(HResult answer) {
            this.answer = answer;
        }

        private HResult record(String event) {
            events.add(event + "@" + Thread.currentThread().getName());
            if (answer == null) {
                throw new IllegalStateException("callback fails");
            }
            return answer;
        }

        @Override
        public HResult jobTransferred(IBackgroundCopyJob job) {
            return record("transferred");
        }

        @Override
        public HResult jobError(IBackgroundCopyJob job, IBackgroundCopyError error) {
            return record("error");
        }

        @Override
        public HResult jobModification(IBackgroundCopyJob job) {
            return record("modification");
        }

        @Override
        public HResult fileTransferred(IBackgroundCopyJob job, IBackgroundCopyFile file) {
            return record("file");
        }
    }

    @BeforeEach
    void start() {
        manager = Simulator.newManager(SimulatorConfig.deterministic());
        target = new Target(manager.createJob("notified", BgJobType.DOWNLOAD));
        notifier = new Notifier("test-notifier", RETRY, clock);
    }

    @AfterEach
    void stop() {
        notifier.close();
        manager.close();
    }

    private void settle() throws InterruptedException {
        notifier.awaitIdle(STUCK);
    }

    @Test
    void deliversInPostOrderOnItsOwnThread() throws Exception {
        Answering callback = new Answering(HResult.S_OK);
        target.callback = callback;
        notifier.post(target, Notifier.Kind.MODIFICATION, null, null);
        notifier.post(target, Notifier.Kind.FILE_TRANSFERRED, null, null);
        notifier.post(target, Notifier.Kind.TRANSFERRED, null, null);
        settle();
        assertThat(callback.events).containsExactly("modification@test-notifier", "file@test-notifier",
                "transferred@test-notifier");
    }

    @Test
    void aFailedJobTransferredComesAgainAfterTheRetryIntervalWhileTheJobIsTransferred() throws Exception {
        Answering callback = new Answering(HResult.E_FAIL);
        target.callback = callback;
        notifier.post(target, Notifier.Kind.TRANSFERRED, null, null);
        settle();
        assertThat(callback.events).hasSize(1);
        clock.advance(RETRY.minusSeconds(1));
        settle();
        assertThat(callback.events).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        settle();
        assertThat(callback.events).hasSize(2);
        callback.answer = HResult.S_OK;
        clock.advance(RETRY);
        settle();
        assertThat(callback.events).hasSize(3);
        clock.advance(RETRY);
        settle();
        assertThat(callback.events).hasSize(3);
    }

    @Test
    void aThrowingJobErrorComesAgainOnlyWhileTheJobStaysInError() throws Exception {
        Answering callback = new Answering(null);
        target.callback = callback;
        target.state = BgJobState.ERROR;
        notifier.post(target, Notifier.Kind.ERROR, null, null);
        settle();
        clock.advance(RETRY);
        settle();
        assertThat(callback.events).hasSize(2);
        target.state = BgJobState.QUEUED;
        clock.advance(RETRY);
        settle();
        assertThat(callback.events).hasSize(2);
    }

    @Test
    void aFailedModificationIsNotRedelivered() throws Exception {
        Answering callback = new Answering(null);
        target.callback = callback;
        notifier.post(target, Notifier.Kind.MODIFICATION, null, null);
        settle();
        clock.advance(RETRY.multipliedBy(3));
        settle();
        assertThat(callback.events).hasSize(1);
    }

    @Test
    void nothingForACancelledJobOrWithoutARegistration() throws Exception {
        Answering callback = new Answering(HResult.S_OK);
        notifier.post(target, Notifier.Kind.TRANSFERRED, null, null);
        settle();
        target.callback = callback;
        target.state = BgJobState.CANCELLED;
        notifier.post(target, Notifier.Kind.MODIFICATION, null, null);
        settle();
        assertThat(callback.events).isEmpty();
    }
}
