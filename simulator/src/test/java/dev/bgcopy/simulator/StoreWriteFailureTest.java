package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commit step's order (persist, then publish, then notify): a change whose store write fails leaves
 * the job exactly as it was, visible state, modification time, store record and callbacks alike, and
 * the caller gets the store's error; an automatic transition moves on and the store catches up at the
 * next save. Runs over the real in-memory and the real SQLite store, each
 * behind a wrapper that refuses writes as a full disk under {@code jobs.db} does.
 */
class StoreWriteFailureTest {

    @TempDir
    Path dir;

    /** A real store whose writes fail while {@link #failing} is set, with SqliteJobStore's full-disk error. */
    static final class FailingStore implements JobStore, AutoCloseable {
        final JobStore store;
        volatile boolean failing;

        FailingStore(JobStore store) {
            this.store = store;
        }

        private void check() {
            if (failing) {
                throw new BackgroundCopyException("SimulatorStore::write", HResult.ERROR_DISK_FULL, "database or disk is full");
            }
        }

        @Override
        public void save(StoredJob job) {
            check();
            store.save(job);
        }

        @Override
        public void delete(UUID jobId) {
            check();
            store.delete(jobId);
        }

        @Override
        public List<StoredJob> loadAll() {
            return store.loadAll();
        }

        @Override
        public boolean isDurable() {
            return store.isDurable();
        }

        @Override
        public void close() throws Exception {
            if (store instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private FailingStore store(String kind) {
        return new FailingStore(kind.equals("sqlite") ? SqliteJobStore.open(dir.resolve("store")) : new InMemoryJobStore());
    }

    private static SimulatorConfig config() {
        return SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).manualScheduling(true).build();
    }

    /** What a client, a callback and the store can see of a job. */
    private record Seen(BgJobState state, String description, BgJobPriority priority, BgJobTimes times, long files,
                        JobStore.StoredJob stored) {
    }

    private static Seen seen(IBackgroundCopyJob job, FailingStore store) {
        JobStore.StoredJob stored = store.loadAll().stream().filter(j -> j.id().equals(job.getId())).findFirst().orElse(null);
        return new Seen(job.getState(), job.getDescription(), job.getPriority(), job.getTimes(),
                job.getProgress().filesTotal(), stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aRefusedWriteLeavesTheJobAsItWas(String kind) throws Exception {
        VirtualClock clock;
        try (FailingStore store = store(kind); JobEngine engine = new JobEngine(config(), store)) {
            clock = engine.config().virtualClock().orElseThrow();
            CallbackTest.Recorder recorder = new CallbackTest.Recorder();
            IBackgroundCopyJob job = engine.createJob("atomic", BgJobType.DOWNLOAD);
            job.setDescription("before");
            job.setNotifyFlags(BgNotify.JOB_MODIFICATION.nativeValue() | BgNotify.JOB_ERROR.nativeValue());
            job.setNotifyInterface(recorder);
            engine.runUntilIdle();
            int events = recorder.events.size();
            assertThat(events).isOne();

            List<Consumer<IBackgroundCopyJob>> changes = List.of(
                    j -> j.setDescription("after"),
                    j -> j.setPriority(BgJobPriority.FOREGROUND),
                    j -> j.addFile("https://cdn.example.test/a.bin", dir.resolve("a.bin").toString()),
                    IBackgroundCopyJob::suspend,
                    IBackgroundCopyJob::cancel);
            for (Consumer<IBackgroundCopyJob> change : changes) {
                clock.advance(Duration.ofSeconds(7));
                Seen before = seen(job, store);
                store.failing = true;
                assertThatThrownBy(() -> change.accept(job))
                        .isInstanceOfSatisfying(BackgroundCopyException.class,
                                e -> assertThat(e.hresult()).isEqualTo(HResult.ERROR_DISK_FULL));
                store.failing = false;
                engine.runUntilIdle();
                assertThat(seen(job, store)).isEqualTo(before);
                assertThat(recorder.events).hasSize(events);
                assertThat(engine.getJob(job.getId())).isSameAs(job);
            }

            job.setDescription("after");
            assertThat(job.getDescription()).isEqualTo("after");
            assertThat(seen(job, store).stored().description()).isEqualTo("after");
            engine.runUntilIdle();
            assertThat(recorder.events).hasSize(events + 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aTransferMovesOnWhileTheStoreRefusesAndTheStoreCatchesUpAtTheNextSave(String kind) throws Exception {
        SimulatorConfig config = config();
        byte[] content = SimFixture.bytes(50_000, 11);
        RemoteResource resource = config.scriptedNetwork().orElseThrow().serve("https://cdn.example.test/b.bin", content);
        Path target = dir.resolve("b.bin");
        try (FailingStore store = store(kind); JobEngine engine = new JobEngine(config, store)) {
            IBackgroundCopyJob job = engine.createJob("observed", BgJobType.DOWNLOAD);
            job.addFile(resource.url(), target.toString());
            job.resume();
            store.failing = true;
            engine.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(job.getProgress().bytesTransferred()).isEqualTo(content.length);
            assertThat(seen(job, store).stored().state()).isEqualTo(BgJobState.QUEUED);

            store.failing = false;
            job.setDescription("saved again");
            assertThat(seen(job, store).stored().state()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
            assertThat(java.nio.file.Files.readAllBytes(target)).isEqualTo(content);
            assertThat(store.loadAll()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aRefusedCreationLeavesNoJob(String kind) throws Exception {
        try (FailingStore store = store(kind); JobEngine engine = new JobEngine(config(), store)) {
            store.failing = true;
            assertThatThrownBy(() -> engine.createJob("never", BgJobType.DOWNLOAD))
                    .isInstanceOfSatisfying(BackgroundCopyException.class,
                            e -> assertThat(e.hresult()).isEqualTo(HResult.ERROR_DISK_FULL));
            store.failing = false;
            assertThat(store.loadAll()).isEmpty();
            assertThat(engine.enumJobs(0).getCount()).isZero();
        }
    }
}
