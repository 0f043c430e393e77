package dev.bgcopy.simulator;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link TransferTask} reports, and the only thing it reports to: the job's {@link JobState},
 * which decides what each report means for the job (docs/contract.md §5.3). Files are named by their
 * index in the job. A report counts only while the task owns the job: once it was stopped, or the job
 * left the live states, {@link #nextWork} answers null and the other reports false, and the task ends
 * without a further report.
 */
interface TransferListener {

    /** What the worker needs to transfer one file, frozen when it asks. */
    record FileWork(int file, String fileId, URI uri, Path destination, Path temp, List<BgFileRange> ranges,
                    long transferred, long resolvedSize, String validator, String tempKey, HttpOptions options,
                    String httpMethod, ServerCertificateValidation.Question certificateValidation) {
    }

    /** The next file that is not fully transferred; null when every file is, or the task no longer owns the job. */
    FileWork nextWork(TransferTask task);

    /** A response head: the file's data now starts at {@code offset}, its size may be known (A9), validators. */
    boolean onResponse(TransferTask task, int file, long offset, long size, String etag, String lastModified);

    /**
     * A redirect renamed the file: {@code remoteName} is its remote name from now on, for GetRemoteName and the
     * next request (BG_HTTP_REDIRECT_POLICY_ALLOW_REPORT and DISALLOW, docs/contract.md §4.12).
     */
    boolean onRemoteRenamed(TransferTask task, int file, String remoteName);
    /** The head of an HTTP response for the file (status line and headers), whatever its status. */
    boolean onResponseHeaders(TransferTask task, int file, String headers);

    /** The temporary file was created (again) with identity {@code key}; nothing was written to it yet. */
    boolean onTempCreated(TransferTask task, int file, String key);

    /** The job's priority now (it may change while the job transfers). */
    BgJobPriority priority();

    /** Bytes arrived; {@code transferred} is the file's new count. */
    boolean onBytes(TransferTask task, int file, long transferred);

    /** The first {@code durableBytes} of the file's temporary data were forced to disk: a checkpoint. */
    boolean onDurable(TransferTask task, int file, long durableBytes);

    /** The body ended without a length: the size is what arrived (A9). */
    boolean onSizeKnown(TransferTask task, int file, long size);

    boolean onFileDone(TransferTask task, int file);

    /** A2: every file is here. */
    boolean onAllDone(TransferTask task);

    // Each report above answers whether the task still owns the job.

    /** The transfer failed; {@code file} is the index of the file it concerned, or -1. */
    void onFailure(TransferTask task, Failure failure, int file);

    /** The task is leaving its worker. */
    void onExit(TransferTask task);
}
