package dev.bgcopy.simulator;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where the engine keeps what must outlive the process: the seam for durable storage. The engine
 * saves a job's durable record after every change except pure byte progress (which it saves when the
 * state changes), and deletes it when the job leaves the queue. {@link InMemoryJobStore} keeps records
 * for the life of the manager; a SQLite store plugs in here later ({@code store} option).
 */
interface JobStore {

    void save(StoredJob job);

    void delete(UUID jobId);

    List<StoredJob> loadAll();

    /** A job's durable fields. Callbacks are not stored: registrations do not outlive the process (DOC-DO). */
    record StoredJob(UUID id, String displayName, String description, String owner, BgJobState state,
                     BgJobPriority priority, int notifyFlags, Long noProgressTimeoutSeconds, long minimumRetryDelaySeconds,
                     long errorCount, Instant creationTime, Instant modificationTime, Instant transferCompletionTime,
                     List<StoredFile> files) {
    }

    /** A file's durable fields; {@code bytesTransferred} is the length of trusted data in the temporary file. */
    record StoredFile(String fileId, String remoteName, String localName, List<BgFileRange> ranges, long declaredSize,
                      long bytesTotal, long bytesTransferred, String etag, String lastModified) {
    }
}
