package dev.bgcopy.simulator;

import dev.bgcopy.api.HResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Everything the engine does to the local disk: the hidden temporary file next to each destination,
 * creating, reopening and forcing it, the atomic move onto the destination at Complete and the
 * deletes of Cancel/Complete/expiry. The counterpart of the service's own file handling behind
 * {@code IBackgroundCopyJob::Complete}. {@link LocalDisk} is the real implementation;
 * {@link LocalFaults} wraps it for the fault hooks of docs/contract.md §5.6.
 *
 * <p>A temporary file lives in a directory other users may be able to write to, so it is never trusted
 * by its name alone (docs/contract.md §5.7): it is created exclusively without following links, its
 * identity (a {@linkplain TempFile#key() key}: device and inode where the platform has them) is recorded
 * in the job, and every later open, the move at Complete and the delete at Cancel first check that the
 * name still denotes that same regular file with a single link. Anything else at the name is an error of
 * the file and is left untouched.
 */
interface LocalFiles {

    /** Longest part of the destination's name kept in the temporary file's name, in {@linkplain #nameLength units}. */
    int TEMP_NAME_PREFIX_LIMIT = 100;

    /**
     * The longest temporary name: the prefix, a dot, {@code .bgcopy-}, a job id, a dash, a file index of
     * up to ten digits, an {@linkplain LocalDisk#processTag() owner tag} and {@code .tmp}.
     */
    int TEMP_NAME_MAX = 1 + TEMP_NAME_PREFIX_LIMIT + ".bgcopy-".length() + 36 + 1 + 10 + LocalDisk.PROCESS_TAG_MAX
            + ".tmp".length();

    /**
     * The length of a name or path as the platform's limits count it: UTF-16 units on Windows, else UTF-8
     * bytes (Linux and macOS count bytes; UTF-8 needs at least as many as any other encoding of a name).
     */
    static int nameLength(String name) {
        int length = 0;
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            length += units(name.codePointAt(i));
        }
        return length;
    }

    /** The longest start of {@code name} of at most {@code limit} {@linkplain #nameLength units}, whole characters only. */
    static String truncateName(String name, int limit) {
        int length = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            length += units(cp);
            if (length > limit) {
                break;
            }
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    private static int units(int codePoint) {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return Character.charCount(codePoint);
        }
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    /**
     * The hidden temporary file of file {@code index} of job {@code jobId}:
     * {@code .<name>.bgcopy-<job>-<index><ownerTag>.tmp}; {@code ownerTag} is empty for a durable engine,
     * whose files a later engine resumes, and names the process of an in-memory one, whose files no
     * other process will ever resume (docs/contract.md §5.7).
     */
    static Path tempPath(Path destination, UUID jobId, int index, String ownerTag) {
        if (destination == null) {
            return null;
        }
        String name = truncateName(destination.getFileName().toString(), TEMP_NAME_PREFIX_LIMIT);
        return destination.resolveSibling("." + name + ".bgcopy-" + jobId + "-" + index + ownerTag + ".tmp");
    }

    /** {@link #tempPath(Path, UUID, int, String)} with this engine's owner tag. */
    Path tempPath(Path destination, UUID jobId, int index);

    /**
     * An open temporary file.
     *
     * @param channel open for writing
     * @param key the identity to record for the next open, move or delete
     * @param created whether this open created the file (its data starts empty)
     */
    record TempFile(FileChannel channel, String key, boolean created) {
    }

    /** Whether files may be created in {@code directory}. */
    boolean isWritable(Path directory);

    /**
     * The length of the temporary file recorded as {@code key}; 0 when nothing is recorded ({@code key}
     * null: what may be there is not trusted) or nothing is there.
     *
     * @throws IOException {@code E_ACCESSDENIED} when another file or a link is there
     */
    long size(Path temp, String key) throws IOException;

    /**
     * Opens the temporary file recorded as {@code key} without following links, or creates it
     * exclusively when none is recorded or the recorded one is gone. With no key, a regular file at the
     * name is a leftover this engine cannot vouch for (a crash before its key was stored, a store written
     * before keys existed): it is unlinked, which never touches what a link points to, and replaced.
     * The new file's permissions are those of a new file of the process owner, never wider than those
     * of {@code permissionCeiling} when that is given (the source of a {@code file:} URL).
     *
     * @throws IOException {@code E_ACCESSDENIED} when another file or a link is at the name
     */
    TempFile openTemp(Path temp, String key, Path permissionCeiling) throws IOException;

    /** Forces what was written through {@code channel} to the disk. */
    void force(FileChannel channel) throws IOException;

    /**
     * Renames the temporary file recorded as {@code key} onto {@code destination} atomically, replacing
     * what is there only now, after checking once more that it is that regular file; the temporary file
     * of an {@code empty} file that never received a byte ({@code key} null) is created first.
     *
     * @throws IOException {@code E_ACCESSDENIED} when another file or a link is at the temporary name
     */
    void moveIntoPlace(Path temp, String key, Path destination, boolean empty) throws IOException;

    /**
     * {@code IBackgroundCopyJob3::SetFileACLFlags} at Complete (docs/contract.md §4.13): copies to the temporary
     * file recorded as {@code key}, after checking it is that file, what the flags ask of {@code source} that POSIX
     * has: its owner ({@code BG_COPY_FILE_OWNER}), its group ({@code BG_COPY_FILE_GROUP}) and its permission bits
     * ({@code BG_COPY_FILE_DACL}); {@code BG_COPY_FILE_SACL} (audit entries) has no POSIX counterpart. Where the
     * file system has no POSIX attributes nothing is copied.
     *
     * @return the temporary file's key afterwards (the owner is part of it)
     * @throws IOException {@code E_ACCESSDENIED} when the caller may not give the file that owner or group
     */
    String copySecurity(Path source, Path temp, String key, int aclFlags) throws IOException;

    /**
     * Deletes the temporary file recorded as {@code key} (with no key: a regular file at the name);
     * whether nothing of this job's is left at the name afterwards. Another file or a link is left alone.
     */
    boolean delete(Path temp, String key);

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
