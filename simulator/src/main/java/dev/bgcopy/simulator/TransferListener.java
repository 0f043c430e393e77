package dev.bgcopy.simulator;

import dev.bgcopy.api.BgFileRange;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link TransferTask} reports, and the only thing it reports to: the job's {@link JobState},
 * which decides what each report means for the job (docs/contract.md §5.3). Files are named by their
 * index in the job. Every method but {@link #onFailure} and {@link #onExit} throws
 * {@link Transport.StoppedException} once the task no longer owns the job (it was stopped, or the job
 * left the live states), which ends the task without a further report.
 */
interface TransferListener {

    /** What the worker needs to transfer one file, frozen when it asks. */
    record FileWork(int file, String fileId, URI uri, Path destination, Path temp, List<BgFileRange> ranges,
                    long transferred, long resolvedSize, String validator) {
    }

    /** The next file that is not fully transferred, or null when every file is. */
    FileWork nextWork(TransferTask task) throws Transport.StoppedException;

    /** A response head: the file's data now starts at {@code offset}, its size may be known (A9), validators. */
    void onResponse(TransferTask task, int file, long offset, long size, String etag, String lastModified)
            throws Transport.StoppedException;

    /** Bytes arrived; {@code transferred} is the file's new count. */
    void onBytes(TransferTask task, int file, long transferred) throws Transport.StoppedException;

    /** The first {@code durableBytes} of the file's temporary data were forced to disk: a checkpoint. */
    void onDurable(TransferTask task, int file, long durableBytes) throws Transport.StoppedException;

    /** The body ended without a length: the size is what arrived (A9). */
    void onSizeKnown(TransferTask task, int file, long size) throws Transport.StoppedException;

    void onFileDone(TransferTask task, int file) throws Transport.StoppedException;

    /** A2: every file is here. */
    void onAllDone(TransferTask task) throws Transport.StoppedException;

    /** The transfer failed; {@code file} is the index of the file it concerned, or -1. */
    void onFailure(TransferTask task, Failure failure, int file);

    /** The task is leaving its worker. */
    void onExit(TransferTask task);
}
