package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.HResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One engine per store: an exclusive OS lock on {@value #FILE} in the store directory, with the holder's
 * pid written inside so that a second opener can say who holds it. The OS drops the lock when its
 * process dies, however it dies, so a lock left by a killed engine is simply taken over (the stale pid
 * is overwritten); no timeout or liveness guess is needed.
 */
final class StoreLock implements AutoCloseable {

    /** The lock file's name inside the store directory. */
    static final String FILE = "store.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the store in {@code directory} for this process.
     *
     * @throws BackgroundCopyException {@code ERROR_SHARING_VIOLATION} naming the holder's pid when another
     *         engine (in this or another process) holds it; {@code E_ACCESSDENIED} when the lock file
     *         cannot be opened
     */
    static StoreLock acquire(Path directory) {
        Path file = directory.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BackgroundCopyException("SimulatorStore::open", HResult.E_ACCESSDENIED,
                    "cannot open the store lock " + file + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new BackgroundCopyException("SimulatorStore::open", HResult.ERROR_SHARING_VIOLATION,
                        "the job store " + directory + " is in use by process " + holder
                                + "; one engine at a time may open a store (nothing was read or changed)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new StoreLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BackgroundCopyException("SimulatorStore::open", HResult.E_ACCESSDENIED,
                    "cannot lock the store " + directory + ": " + e.getMessage(), e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "(unknown pid)" : pid;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing: the first error is the one worth reporting.
        }
    }

    /** Releases the lock; idempotent. The pid stays in the file until the next holder overwrites it. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new BackgroundCopyException("SimulatorStore::close", HResult.E_FAIL, e.getMessage(), e);
        }
    }
}
