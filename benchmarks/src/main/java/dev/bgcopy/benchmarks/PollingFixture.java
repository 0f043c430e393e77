package dev.bgcopy.benchmarks;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import dev.bgcopy.testing.loopback.LoopbackService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the polling benchmarks call into: a simulator manager, seen directly ({@code simulator}) or
 * through the windows-com binding over the in-process COM loopback ({@code loopback}, how the binding
 * is timed on Linux), and a loopback HTTP server of an endless, throttled file, so that a resumed job
 * stays in TRANSFERRING for any measurement while writing little to disk.
 */
final class PollingFixture implements AutoCloseable {

    private final IBackgroundCopyManager simulator;
    private final LoopbackService loopback;
    private final MockWebServer server;
    private final Path directory;
    private int files;

    /**
     * @param service {@code simulator} or {@code loopback}
     * @param bytesPerSecond each download's rate
     * @param options provider options of the simulator
     * @throws BackgroundCopyException when the simulator refuses {@code options}; nothing is left open
     */
    PollingFixture(String service, long bytesPerSecond, Map<String, String> options) throws IOException {
        simulator = BackgroundCopy.open("simulator", options);
        directory = Files.createTempDirectory("bgcopy-bench");
        server = MockWebServer.start();
        server.serve("/file", new PseudoRandomContent(64L << 30, 20261121L)).throttle(bytesPerSecond);
        loopback = switch (service) {
            case "simulator" -> null;
            case "loopback" -> LoopbackService.open(simulator);
            default -> throw new IllegalArgumentException("service is simulator or loopback, not " + service);
        };
    }

    /** A suspended job of one file downloading the throttled file. */
    IBackgroundCopyJob newJob() {
        IBackgroundCopyJob job = (loopback == null ? simulator : loopback.manager()).createJob("polling", BgJobType.DOWNLOAD);
        String name = "payload-" + files++ + ".bin";
        job.addFileWithRanges("payload", server.url("/file").toString(), directory.resolve(name).toString(),
                List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        return job;
    }

    /** Returns once the resumed {@code job} has received its first bytes. */
    static void awaitFirstBytes(IBackgroundCopyJob job) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (job.getProgress().bytesTransferred() == 0) {
            if (System.nanoTime() > deadline || job.getState() == BgJobState.ERROR) {
                throw new IllegalStateException("the job did not start transferring: " + job.getState());
            }
            Thread.onSpinWait();
        }
    }

    /** Cancels {@code job}, releasing its temporary file. */
    static void cancel(IBackgroundCopyJob job) {
        try {
            job.cancel();
        } catch (BackgroundCopyException alreadyGone) {
            // A job the benchmark cancelled twice, or one that failed on its own: nothing left to release.
        }
        job.close();
    }

    @Override
    public void close() throws IOException {
        if (loopback != null) {
            loopback.close();
        }
        simulator.close();
        server.close();
        try (var left = Files.list(directory)) {
            if (left.findAny().isEmpty()) {
                Files.delete(directory);
            }
        }
    }
}
