package dev.bgcopy.simulator;

import dev.bgcopy.api.HResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LocalFiles} decorator carrying the local fault hooks of docs/contract.md §5.6 (the
 * {@code LOCAL_FAULTS} capability): directories that refuse writes, a rename that fails with a given
 * HRESULT, deletes that fail. {@link SimulatorManager#denyWrites}, {@link SimulatorManager#setRenameFailure}
 * and {@link SimulatorManager#setDeleteFailure} arm it; the engine itself only ever calls
 * {@link LocalFiles}.
 */
final class LocalFaults implements LocalFiles {

    private final LocalFiles disk;
    private final Set<Path> deniedDirectories = ConcurrentHashMap.newKeySet();
    private volatile HResult renameFailure;
    private volatile boolean deleteFailure;

    LocalFaults(LocalFiles disk) {
        this.disk = disk;
    }

    void denyWrites(Path directory) {
        deniedDirectories.add(directory.toAbsolutePath().normalize());
    }

    void allowWrites(Path directory) {
        deniedDirectories.remove(directory.toAbsolutePath().normalize());
    }

    void setRenameFailure(HResult failure) {
        if (failure != null && failure.isSuccess()) {
            throw new IllegalArgumentException("not a failure: " + failure);
        }
        renameFailure = failure;
    }

    void setDeleteFailure(boolean failing) {
        deleteFailure = failing;
    }

    @Override
    public boolean isWritable(Path directory) {
        return !deniedDirectories.contains(directory.toAbsolutePath().normalize()) && disk.isWritable(directory);
    }

    @Override
    public Path tempPath(Path destination, UUID jobId, int index) {
        return disk.tempPath(destination, jobId, index);
    }

    @Override
    public long size(Path temp, String key) throws IOException {
        return disk.size(temp, key);
    }

    @Override
    public TempFile openTemp(Path temp, String key, Path permissionCeiling) throws IOException {
        return disk.openTemp(temp, key, permissionCeiling);
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        disk.force(channel);
    }

    @Override
    public void moveIntoPlace(Path temp, String key, Path destination, boolean empty) throws IOException {
        HResult injected = renameFailure;
        if (injected != null) {
            throw new CodedIOException(injected, "injected failure " + injected);
        }
        disk.moveIntoPlace(temp, key, destination, empty);
    }

    @Override
    public String copySecurity(Path source, Path temp, String key, int aclFlags) throws IOException {
        return disk.copySecurity(source, temp, key, aclFlags);
    }

    @Override
    public boolean delete(Path temp, String key) {
        if (deleteFailure) {
            return !Files.exists(temp);
        }
        return disk.delete(temp, key);
    }
}
