package dev.bgcopy.simulator;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob3;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real {@link LocalFiles}: {@code java.nio.file} on the default file system. */
final class LocalDisk implements LocalFiles {

    /** Longest {@link #processTag()}: {@code -p}, a process id and {@code n} with a namespace inode, ten digits each. */
    static final int PROCESS_TAG_MAX = 2 + 10 + 1 + 10;
    /** The temporary name of an in-memory engine's file: group 1 its process id, group 2 its PID namespace or null. */
    private static final Pattern IN_MEMORY_TEMP = Pattern.compile(
            "\\..*\\.bgcopy-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}-\\d+-p(\\d+)(?:n(\\d+))?\\.tmp");
    private static final String PID_NAMESPACE = pidNamespace();

    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
    private static final boolean UNIX_ATTRIBUTES = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** A new file's mode before the umask: read and write for everyone the umask lets through, never execute. */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-rw-rw-");

    private final String ownerTag;
    /** The directories this engine already searched for orphans: once each, whatever number of files it writes there. */
    private final Set<Path> swept = ConcurrentHashMap.newKeySet();

    /** @param ownerTag what every temporary name of this engine carries: empty, or {@link #processTag()} */
    LocalDisk(String ownerTag) {
        this.ownerTag = ownerTag;
    }

    /**
     * The owner tag of an in-memory engine's temporary files: this process's id and, on Linux, its PID
     * namespace, so that a later engine can tell a file whose process is gone (killed before it could
     * delete it) from one whose process is alive, here or in another container sharing the directory.
     */
    static String processTag() {
        return "-p" + ProcessHandle.current().pid() + (PID_NAMESPACE == null ? "" : "n" + PID_NAMESPACE);
    }

    private static String pidNamespace() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            String inode = link.replaceAll("\\D", "");
            return inode.isEmpty() ? null : inode;
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            return null;
        }
    }

    @Override
    public Path tempPath(Path destination, UUID jobId, int index) {
        return LocalFiles.tempPath(destination, jobId, index, ownerTag);
    }

    @Override
    public boolean isWritable(Path directory) {
        return Files.isWritable(directory);
    }

    @Override
    public long size(Path temp, String key) throws IOException {
        if (key == null) {
            return 0;
        }
        Identity there = Identity.of(temp);
        if (there == null) {
            return 0;
        }
        there.require(key, temp);
        return there.size;
    }

    @Override
    public TempFile openTemp(Path temp, String key, Path permissionCeiling) throws IOException {
        Identity there = Identity.of(temp);
        if (there != null) {
            if (key != null) {
                there.require(key, temp);
                FileChannel channel = open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                try {
                    // Checked again once open: a name swapped between the check and the open is caught here.
                    Identity opened = Identity.of(temp);
                    if (opened == null) {
                        throw notTheTempFile(temp);
                    }
                    opened.require(key, temp);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                return new TempFile(channel, key, false);
            }
            if (!there.regular) {
                throw notTheTempFile(temp);
            }
            Files.delete(temp);
        }
        TempFile created = create(temp, permissionCeiling);
        removeOrphans(temp);
        return created;
    }

    /**
     * Deletes, once per directory and engine, the temporary files that in-memory engines of this PID
     * namespace left next to {@code ours} when they were killed: those whose process is gone. Only
     * regular files with one link and the owner of {@code ours} are removed; a process id that is alive
     * again (reused) keeps its files, the safe side. Best effort: a failure leaves the files as they were.
     */
    private void removeOrphans(Path ours) {
        Path directory = ours.toAbsolutePath().getParent();
        if (directory == null || !swept.add(directory)) {
            return;
        }
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(directory, ".*.bgcopy-*-p*.tmp")) {
            UserPrincipal owner = Files.getOwner(ours, LinkOption.NOFOLLOW_LINKS);
            for (Path candidate : candidates) {
                Matcher name = IN_MEMORY_TEMP.matcher(candidate.getFileName().toString());
                if (!name.matches() || !Objects.equals(name.group(2), PID_NAMESPACE)
                        || ProcessHandle.of(Long.parseLong(name.group(1))).isPresent()) {
                    continue;
                }
                Identity there = Identity.of(candidate);
                if (there != null && there.regular && owner.equals(Files.getOwner(candidate, LinkOption.NOFOLLOW_LINKS))) {
                    Files.deleteIfExists(candidate);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Orphans stay until the next engine looks; the transfer itself is not concerned.
        }
    }

    private static TempFile create(Path temp, Path permissionCeiling) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileChannel channel = POSIX
                ? FileChannel.open(temp, options, permissions(permissionCeiling))
                : FileChannel.open(temp, options);
        try {
            Identity created = Identity.of(temp);
            if (created == null || !created.regular) {
                throw notTheTempFile(temp);
            }
            hide(temp);
            return new TempFile(channel, created.key, true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The mode a new file is created with (the umask still applies): never wider than {@code ceiling}'s. */
    private static FileAttribute<Set<PosixFilePermission>> permissions(Path ceiling) {
        Set<PosixFilePermission> mode = EnumSet.copyOf(NEW_FILE);
        if (ceiling != null) {
            try {
                mode.retainAll(Files.getPosixFilePermissions(ceiling));
            } catch (IOException | UnsupportedOperationException unknown) {
                // The source's mode cannot be read: the strictest choice is the owner alone.
                mode.retainAll(PosixFilePermissions.fromString("rw-------"));
            }
        }
        return PosixFilePermissions.asFileAttribute(mode);
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        channel.force(false);
    }

    @Override
    public void moveIntoPlace(Path temp, String key, Path destination, boolean empty) throws IOException {
        Identity there = Identity.of(temp);
        if (key == null) {
            if (!empty) {
                throw notTheTempFile(temp);
            }
            // Never written: whatever is at the name is not ours; an empty file of our own replaces a regular one.
            TempFile fresh = openTemp(temp, null, null);
            fresh.channel().close();
            key = fresh.key();
            there = Identity.of(temp);
        }
        if (there == null) {
            throw new NoSuchFileException(temp.toString());
        }
        there.require(key, temp);
        // rename(2) moves the name itself, never what a link points to.
        Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String copySecurity(Path source, Path temp, String key, int aclFlags) throws IOException {
        if (!POSIX) {
            return key;
        }
        Identity there = Identity.of(temp);
        if (there == null) {
            throw new NoSuchFileException(temp.toString());
        }
        there.require(key, temp);
        PosixFileAttributes from = Files.readAttributes(source, PosixFileAttributes.class);
        PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            if ((aclFlags & IBackgroundCopyJob3.BG_COPY_FILE_DACL) != 0) {
                to.setPermissions(from.permissions());
            }
            if ((aclFlags & IBackgroundCopyJob3.BG_COPY_FILE_GROUP) != 0) {
                to.setGroup(from.group());
            }
            if ((aclFlags & IBackgroundCopyJob3.BG_COPY_FILE_OWNER) != 0) {
                to.setOwner(from.owner());
            }
        } catch (FileSystemException notPermitted) {
            // chown(2) to another user, or chgrp(2) to a group the caller is not in, needs privilege: EPERM.
            throw new AccessDeniedException(temp.toString(), source.toString(),
                    "cannot give the file its source's owner or group: " + notPermitted.getReason());
        }
        // The owner is part of the identity: the move at Complete checks the file under its new key.
        return Identity.of(temp).key;
    }

    @Override
    public boolean delete(Path temp, String key) {
        try {
            Identity there = Identity.of(temp);
            if (there == null) {
                return true;
            }
            if (key == null ? !there.regular : !there.is(key)) {
                // Not ours: nothing of this job's is at the name, and what is there is not ours to remove.
                return true;
            }
            Files.deleteIfExists(temp);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The leading dot hides the temporary file on Unix; on Windows it also gets the DOS hidden attribute. */
    private static void hide(Path temp) {
        if (!WINDOWS) {
            return;
        }
        try {
            Files.setAttribute(temp, "dos:hidden", Boolean.TRUE);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException notDos) {
            // Not a DOS-attribute file system: the dot is enough.
        }
    }

    private static FileChannel open(Path path, OpenOption... options) throws IOException {
        try {
            return FileChannel.open(path, options);
        } catch (IOException e) {
            // O_NOFOLLOW on a link planted after the check fails with ELOOP: still "not the temporary file".
            Identity there = Identity.of(path);
            if (there != null && !there.regular) {
                throw notTheTempFile(path);
            }
            throw e;
        }
    }

    private static AccessDeniedException notTheTempFile(Path temp) {
        return new AccessDeniedException(temp.toString(), null,
                "not the temporary file this job created (a link or another file is at its name); left untouched");
    }

    /**
     * What is at a name, read without following a link: whether it is a regular file with one link, its
     * identity (device and inode; the creation time where the platform has no file key) and its size.
     */
    private record Identity(boolean regular, String key, long size) {

        static Identity of(Path path) throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException gone) {
                return null;
            }
            boolean regular = attributes.isRegularFile() && !attributes.isSymbolicLink();
            Object fileKey = attributes.fileKey();
            String key = fileKey != null ? fileKey.toString() : "created=" + attributes.creationTime();
            if (UNIX_ATTRIBUTES) {
                Map<String, Object> unix = Files.readAttributes(path, "unix:nlink,uid", LinkOption.NOFOLLOW_LINKS);
                // A second name for the file (a hard link to someone else's file) is never ours; the owner
                // is part of the identity, so an inode freed and reused by someone else's file does not match.
                regular &= unix.get("nlink") instanceof Integer n && n == 1;
                key += ",uid=" + unix.get("uid");
            }
            return new Identity(regular, key, attributes.size());
        }

        boolean is(String expected) {
            return regular && key.equals(expected);
        }

        void require(String expected, Path path) throws AccessDeniedException {
            if (!is(expected)) {
                throw notTheTempFile(path);
            }
        }
    }

    // ---- file: sources ----

    /** A {@code file:} URL's source file, open for reading. */
    record SourceFile(FileChannel channel, long size, FileTime modified) {
    }

    /** {@code HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)}: a {@code file:} source that is not a regular file. */
    static final HResult NOT_A_REGULAR_FILE = HResult.fromWin32(50);

    /**
     * Opens the source of a {@code file:} URL for reading. Its type is read before it is opened, so that a
     * FIFO (whose open waits for a writer), a device, a socket or a directory is refused with
     * {@link #NOT_A_REGULAR_FILE} and never opened; a file whose size reads 0 but which has content (the
     * generated files of {@code /proc} and {@code /sys}) is refused too, since it is a new version at each
     * read and could only be assembled from several.
     */
    static SourceFile openSource(Path path) throws IOException {
        BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class);
        refuseUnlessRegular(path, before);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
            refuseUnlessRegular(path, after);
            if (!Objects.equals(before.fileKey(), after.fileKey())) {
                throw new LocalFiles.CodedIOException(NOT_A_REGULAR_FILE, "the source " + path + " was replaced while it was opened");
            }
            if (after.size() == 0 && channel.read(ByteBuffer.allocate(1), 0) > 0) {
                throw new LocalFiles.CodedIOException(NOT_A_REGULAR_FILE, "the source " + path
                        + " reports a size of 0 but has content (a generated file such as those of /proc): not supported");
            }
            return new SourceFile(channel, after.size(), after.lastModifiedTime());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void refuseUnlessRegular(Path path, BasicFileAttributes attributes) throws LocalFiles.CodedIOException {
        if (attributes.isRegularFile()) {
            return;
        }
        String kind = attributes.isDirectory() ? "a directory" : "not a regular file (a FIFO, device or socket)";
        throw new LocalFiles.CodedIOException(NOT_A_REGULAR_FILE, "the source " + path + " is " + kind + ": not supported");
    }
}
