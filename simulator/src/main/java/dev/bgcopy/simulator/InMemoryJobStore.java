package dev.bgcopy.simulator;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link JobStore} of a manager without durable storage: records live as long as the manager. */
final class InMemoryJobStore implements JobStore {

    private final Map<UUID, StoredJob> jobs = new ConcurrentHashMap<>();

    @Override
    public void save(StoredJob job) {
        jobs.put(job.id(), job);
    }

    @Override
    public void delete(UUID jobId) {
        jobs.remove(jobId);
    }

    @Override
    public List<StoredJob> loadAll() {
        return List.copyOf(jobs.values());
    }
}
