package dev.bgcopy.cli.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the files and directories the CLI keeps in the data directory (job-id registries, the
 * default store's directory) readable by their owner only, {@code 0600} and {@code 0700}, where the
 * file system is POSIX; elsewhere (Windows) the per-user profile directory's ACL already is. Job ids
 * and names say what a user downloads: no one else needs to read them.
 */
final class OwnerOnly {

    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** {@code Files.createDirectories}, each directory it creates {@code 0700}. */
    static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        return POSIX ? Files.createDirectories(dir, attribute("rwx------")) : Files.createDirectories(dir);
    }

    /** Creates {@code file} as an empty {@code 0600} file unless it exists (its directories {@code 0700}). */
    static Path createFile(Path file) throws IOException {
        createDirectories(file.getParent());
        try {
            return POSIX ? Files.createFile(file, attribute("rw-------")) : Files.createFile(file);
        } catch (FileAlreadyExistsException exists) {
            return file;
        }
    }

    private static FileAttribute<?> attribute(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
