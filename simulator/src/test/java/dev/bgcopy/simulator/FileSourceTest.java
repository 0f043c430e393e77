package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code file:} sources that are not regular files (docs/contract.md §5.7, issue [hardening] items 5 and
 * 10): a real FIFO made by {@code mkfifo}, a real directory, {@code /dev/null}, a real {@code /proc}
 * file. Each is refused before it is opened, as a fatal error of the remote file, and leaves nothing in
 * the destination directory. A test whose platform lacks the thing it needs is skipped with the reason.
 */
@Timeout(60)
class FileSourceTest {

    @TempDir
    Path dir;

    private SimFixture sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** A real FIFO at {@code path}, made by the platform's {@code mkfifo}; skips the test where there is none. */
    static Path mkfifo(Path path) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            assumeTrue(process.waitFor() == 0, "mkfifo failed on this platform");
        } catch (IOException noMkfifo) {
            assumeTrue(false, "no mkfifo on this platform: " + noMkfifo.getMessage());
        }
        return path;
    }

    /** Runs a one-file job from {@code source} into the test directory; returns the job once the engine is idle. */
    private IBackgroundCopyJob transfer(Path source) {
        sim = new SimFixture(dir, Dialect.BITS);
        IBackgroundCopyJob job = sim.newJob();
        job.addFile(source.toUri().toString(), dir.resolve("copy.bin").toString());
        job.resume();
        sim.manager.runUntilIdle();
        return job;
    }

    private void assertRefused(IBackgroundCopyJob job, Path... leftInDirectory) throws IOException {
        assertThat(job.getState()).as("refused at once, not retried as a network error").isEqualTo(BgJobState.ERROR);
        BgError error = job.getError().getError();
        assertThat(error.code()).isEqualTo(LocalDisk.NOT_A_REGULAR_FILE);
        assertThat(error.context()).isEqualTo(BgErrorContext.REMOTE_FILE);
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).as("nothing left behind").containsExactlyInAnyOrder(leftInDirectory);
        }
    }

    @Test
    @DisplayName("a FIFO source is refused without opening it (its open would wait for a writer for ever)")
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = mkfifo(dir.resolve("pipe"));
        assertRefused(transfer(fifo), fifo);
    }

    @Test
    @DisplayName("a directory source is refused, not retried as a network error")
    void aDirectoryIsRefused() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("folder"));
        assertRefused(transfer(directory), directory);
    }

    @Test
    @DisplayName("a device source (/dev/null) is refused")
    void aDeviceIsRefused() throws Exception {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device) && !Files.isRegularFile(device), "no /dev/null device on this platform");
        assertRefused(transfer(device));
    }

    @Test
    @DisplayName("a generated file whose size reads 0 but that has content (/proc) is refused, not copied as an empty file")
    void aProcFileIsRefused() throws Exception {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isRegularFile(status) && Files.size(status) == 0, "no /proc file of size 0 on this platform");
        assertRefused(transfer(status));
    }

    @Test
    @DisplayName("an empty regular file is still copied as an empty file")
    void anEmptyRegularFileIsCopied() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        IBackgroundCopyJob job = transfer(empty);
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        job.complete();
        assertThat(dir.resolve("copy.bin")).isEmptyFile();
    }

    @Test
    @DisplayName("a stop request releases a source read blocked in the kernel within a second")
    void aStopReleasesABlockedRead() throws Exception {
        Path fifo = mkfifo(dir.resolve("pipe"));
        // Open for reading and writing, neither end waits; with no writer writing, a read then blocks.
        FileChannel channel = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
        StopSwitch control = new StopSwitch();
        FileTransport.FileBody body = new FileTransport.FileBody(channel, 0, 100, control);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                body.read(ByteBuffer.allocate(100));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "blocked-reader");
        reader.start();
        awaitInNativeRead(reader);

        control.requestStop();

        assertThat(outcome.get(1, TimeUnit.SECONDS)).isInstanceOf(Transport.StoppedException.class);
        body.close();
    }

    /** Returns once {@code thread} is inside the kernel's read (its stack shows the native call), or fails. */
    private static void awaitInNativeRead(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean inRead = Arrays.stream(thread.getStackTrace())
                    .anyMatch(frame -> frame.isNativeMethod() && frame.getMethodName().contains("read"));
            if (inRead) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the reader never reached the blocking read");
    }

    /** The stop side of {@link TransferTask}'s {@link Transport.Control}: a stop runs the registered abort on the stopping thread. */
    private static final class StopSwitch implements Transport.Control {
        private volatile boolean stopped;
        private volatile Runnable abort;

        void requestStop() {
            stopped = true;
            Runnable registered = abort;
            if (registered != null) {
                registered.run();
            }
        }

        @Override
        public boolean stopRequested() {
            return stopped;
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public Duration readTimeout() {
            return Duration.ofMinutes(1);
        }

        @Override
        public void parkUntil(Instant deadline) {
            throw new UnsupportedOperationException("a file body never parks");
        }

        @Override
        public void onStop(Runnable abort) {
            this.abort = abort;
            if (abort != null && stopped) {
                abort.run();
            }
        }
    }
}
