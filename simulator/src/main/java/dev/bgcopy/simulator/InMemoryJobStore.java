package dev.bgcopy.simulator;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The {@link JobStore} of a manager without durable storage: records live as long as the manager. */
final class InMemoryJobStore implements JobStore {

    private final Map<UUID, Supplier<StoredJob>> jobs = new ConcurrentHashMap<>();

    @Override
    public void save(StoredJob job) {
        jobs.put(job.id(), () -> job);
    }

    /** Keeps the builder: the record is built only if an engine ever reads it back. */
    @Override
    public void save(UUID jobId, Supplier<StoredJob> record) {
        jobs.put(jobId, record);
    }

    @Override
    public void delete(UUID jobId) {
        jobs.remove(jobId);
    }

    @Override
    public List<StoredJob> loadAll() {
        return jobs.values().stream().map(Supplier::get).toList();
    }
}
