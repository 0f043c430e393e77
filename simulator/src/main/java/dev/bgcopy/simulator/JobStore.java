package dev.bgcopy.simulator;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.IBackgroundCopyJob4;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where the engine keeps what must outlive the process: the seam for durable storage. A job's
 * {@link JobState} saves its record in the first step of every commit except pure byte progress (a
 * running transfer saves it at each checkpoint and when it stops), and deletes it when the job leaves the
 * queue; a write that throws leaves the job unchanged. A new engine restores every stored job
 * ({@link JobEngine} constructor): a transfer that was running is queued again and resumes from the
 * stored byte count. {@link InMemoryJobStore} keeps records for the life of the store object,
 * {@link SqliteJobStore} in a database file ({@code store} option).
 */
interface JobStore {

    void save(StoredJob job);

    /**
     * Saves the record {@code record} builds. A store that reads its records back only when a new engine
     * opens it may keep the builder and call it then: a job's published value never changes, and building a
     * record of a job of N files on every commit made a job of N files cost N² (one commit per file and
     * state change).
     */
    default void save(UUID jobId, java.util.function.Supplier<StoredJob> record) {
        save(record.get());
    }

    void delete(UUID jobId);

    List<StoredJob> loadAll();

    /**
     * Whether saved records outlive the process. Only then do transfers pay for checkpoints (forcing the
     * temporary file to disk every few MiB); a store that dies with the process gains nothing from them.
     */
    default boolean isDurable() {
        return false;
    }

    /**
     * A job's durable fields. Callbacks are not stored: registrations do not outlive the process (DOC-DO).
     * {@code httpOptions} holds the credentials, which a durable store must seal before they reach a disk
     * ({@link SqliteJobStore}, docs/contract.md §4.11).
     */
    record StoredJob(UUID id, String displayName, String description, String owner, BgJobState state,
                     BgJobPriority priority, int notifyFlags, Long noProgressTimeoutSeconds, long minimumRetryDelaySeconds,
                     long errorCount, Instant creationTime, Instant modificationTime, Instant transferCompletionTime,
                     Instant retryAt, Instant noProgressSince, StoredError error, List<StoredFile> files,
                     BgNotifyCmdLine notifyCmdLine, HttpOptions httpOptions, JobProperties properties, StoredBits3 bits3) {

        /** Never a callback of the process in the store. */
        public StoredJob {
            properties = properties.stored();
        }

        /** This job with {@code value} as its BITS 5.0-10.3 properties. */
        StoredJob withProperties(JobProperties value) {
            return new StoredJob(id, displayName, description, owner, state, priority, notifyFlags, noProgressTimeoutSeconds,
                    minimumRetryDelaySeconds, errorCount, creationTime, modificationTime, transferCompletionTime, retryAt,
                    noProgressSince, error, files, notifyCmdLine, httpOptions, value, bits3);
        }

        /** A job with the default IBackgroundCopyJob3-5 settings and BITS 10.x properties. */
        StoredJob(UUID id, String displayName, String description, String owner, BgJobState state,
                  BgJobPriority priority, int notifyFlags, Long noProgressTimeoutSeconds, long minimumRetryDelaySeconds,
                  long errorCount, Instant creationTime, Instant modificationTime, Instant transferCompletionTime,
                  Instant retryAt, Instant noProgressSince, StoredError error, List<StoredFile> files,
                  BgNotifyCmdLine notifyCmdLine, HttpOptions httpOptions) {
            this(id, displayName, description, owner, state, priority, notifyFlags, noProgressTimeoutSeconds,
                    minimumRetryDelaySeconds, errorCount, creationTime, modificationTime, transferCompletionTime, retryAt,
                    noProgressSince, error, files, notifyCmdLine, httpOptions, JobProperties.NONE, StoredBits3.DEFAULT);
        }

        /** A job with no notification program and the default wire options. */
        StoredJob(UUID id, String displayName, String description, String owner, BgJobState state,
                  BgJobPriority priority, int notifyFlags, Long noProgressTimeoutSeconds, long minimumRetryDelaySeconds,
                  long errorCount, Instant creationTime, Instant modificationTime, Instant transferCompletionTime,
                  Instant retryAt, Instant noProgressSince, StoredError error, List<StoredFile> files) {
            this(id, displayName, description, owner, state, priority, notifyFlags, noProgressTimeoutSeconds,
                    minimumRetryDelaySeconds, errorCount, creationTime, modificationTime, transferCompletionTime, retryAt,
                    noProgressSince, error, files, BgNotifyCmdLine.NONE, HttpOptions.NONE);
        }
    }

    /**
     * A file's durable fields; {@code bytesTransferred} is the length of trusted data in the temporary
     * file; {@code resolvedSize} the size the server reported (or -1); {@code tempKey} the identity of
     * the temporary file the job created (null before it exists), which a restarted engine checks before
     * it writes there again (docs/contract.md §5.7).
     */
    /**
     * The IBackgroundCopyJob3, IBackgroundCopyJob4 and IBackgroundCopyFile3 settings of a job (schema version 4;
     * docs/contract.md §4.13-§4.15).
     *
     * @param downloadMillis time spent CONNECTING or TRANSFERRING since the last Resume, up to the last save
     * @param validatedFiles the positions of the files whose validation state is TRUE
     */
    record StoredBits3(int fileAclFlags, int peerCachingFlags, long maximumDownloadTime, long downloadMillis,
                       Set<Integer> validatedFiles) {

        static final StoredBits3 DEFAULT = new StoredBits3(0, 0, IBackgroundCopyJob4.DEFAULT_MAXIMUM_DOWNLOAD_TIME,
                0, Set.of());

        public StoredBits3 {
            validatedFiles = Set.copyOf(validatedFiles);
        }
    }

    record StoredFile(String fileId, String remoteName, String localName, List<BgFileRange> ranges, long declaredSize,
                      long resolvedSize, long bytesTransferred, String etag, String lastModified, String tempKey) {
    }

    /** The error record (§5.4): code, BITS context, class, text, and the file's index or -1. */
    record StoredError(int code, BgErrorContext bitsContext, boolean isTransient, String description, int fileIndex) {
    }
}
