package dev.bgcopy.simulator;

import dev.bgcopy.api.HResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Everything the engine does to the local disk: the hidden temporary file next to each destination,
 * opening, truncating and forcing it, the atomic move onto the destination at Complete and the
 * deletes of Cancel/Complete/expiry. The counterpart of the service's own file handling behind
 * {@code IBackgroundCopyJob::Complete}. {@link LocalDisk} is the real implementation;
 * {@link LocalFaults} wraps it for the fault hooks of docs/contract.md §5.6.
 */
interface LocalFiles {

    /** Longest part of the destination's name kept in the temporary file's name (255-byte name limits). */
    int TEMP_NAME_PREFIX_LIMIT = 100;

    /** The hidden temporary file of file {@code index} of job {@code jobId}: {@code .<name>.bgcopy-<job>-<index>.tmp}. */
    static Path tempPath(Path destination, UUID jobId, int index) {
        if (destination == null) {
            return null;
        }
        String name = destination.getFileName().toString();
        if (name.length() > TEMP_NAME_PREFIX_LIMIT) {
            name = name.substring(0, TEMP_NAME_PREFIX_LIMIT);
        }
        return destination.resolveSibling("." + name + ".bgcopy-" + jobId + "-" + index + ".tmp");
    }

    /** Whether files may be created in {@code directory}. */
    boolean isWritable(Path directory);

    /** The length of {@code temp}, 0 when it does not exist. */
    long size(Path temp) throws IOException;

    /** Opens {@code temp} for writing, creating (and hiding) it when it does not exist. */
    FileChannel openForWrite(Path temp) throws IOException;

    /** Cuts {@code temp} (created when absent) to {@code size} bytes. */
    void truncate(Path temp, long size) throws IOException;

    /** Forces what was written through {@code channel} to the disk. */
    void force(FileChannel channel) throws IOException;

    /**
     * Renames {@code temp} onto {@code destination} atomically, replacing what is there only now; the
     * temporary file of an {@code empty} file, which never received a byte, is created first.
     */
    void moveIntoPlace(Path temp, Path destination, boolean empty) throws IOException;

    /** Deletes {@code temp}; whether it is gone afterwards. */
    boolean delete(Path temp);

    /** A local-file failure that already knows the HRESULT it stands for. */
    final class CodedIOException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient HResult code;

        CodedIOException(HResult code, String message) {
            super(message);
            this.code = code;
        }

        HResult code() {
            return code;
        }
    }
}
