package dev.bgcopy.simulator;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The real {@link LocalFiles}: {@code java.nio.file} on the default file system. */
final class LocalDisk implements LocalFiles {

    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    @Override
    public boolean isWritable(Path directory) {
        return Files.isWritable(directory);
    }

    @Override
    public long size(Path temp) throws IOException {
        return Files.exists(temp) ? Files.size(temp) : 0;
    }

    @Override
    public FileChannel openForWrite(Path temp) throws IOException {
        boolean created = !Files.exists(temp);
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (created) {
            hide(temp);
        }
        return channel;
    }

    @Override
    public void truncate(Path temp, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        channel.force(false);
    }

    @Override
    public void moveIntoPlace(Path temp, Path destination, boolean empty) throws IOException {
        if (empty && !Files.exists(temp)) {
            Files.createFile(temp);
        }
        Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public boolean delete(Path temp) {
        try {
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
}
