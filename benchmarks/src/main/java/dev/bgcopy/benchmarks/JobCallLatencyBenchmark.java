package dev.bgcopy.benchmarks;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one polling call costs on the simulator: {@code GetProgress}, {@code GetState} and
 * {@code GetTimes} on a job that sits idle and on one that is transferring (its progress snapshot
 * changes under the reader). {@link #baseline} reads a volatile field, the floor of any lock-free read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JobCallLatencyBenchmark {

    /** {@code idle}: a suspended job with one file; {@code transferring}: a throttled download in progress. */
    @Param({"idle", "transferring"})
    public String jobState;

    private IBackgroundCopyManager manager;
    private IBackgroundCopyJob job;
    private MockWebServer server;
    private Path directory;
    private volatile BgJobProgress volatileProgress = BgJobProgress.EMPTY;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("bgcopy-bench");
        // 4 MiB/s keeps the job transferring for any measurement while writing little to disk.
        server = MockWebServer.start();
        server.serve("/file", new PseudoRandomContent(64L << 30, 20261121L)).throttle(4L << 20);
        manager = BackgroundCopy.open("simulator", Map.of());
        job = manager.createJob("latency", BgJobType.DOWNLOAD);
        job.addFileWithRanges("payload", server.url("/file").toString(), directory.resolve("payload.bin").toString(),
                List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        if (jobState.equals("transferring")) {
            job.resume();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (job.getProgress().bytesTransferred() == 0) {
                if (System.nanoTime() > deadline || job.getState() == BgJobState.ERROR) {
                    throw new IllegalStateException("the job did not start transferring: " + job.getState());
                }
                Thread.onSpinWait();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        job.cancel();
        manager.close();
        server.close();
        try (var files = Files.list(directory)) {
            if (files.findAny().isEmpty()) {
                Files.delete(directory);
            }
        }
    }

    @Benchmark
    public BgJobProgress baseline() {
        return volatileProgress;
    }

    @Benchmark
    public BgJobProgress measureGetProgress() {
        return job.getProgress();
    }

    @Benchmark
    public BgJobState measureGetState() {
        return job.getState();
    }

    @Benchmark
    public BgJobTimes measureGetTimes() {
        return job.getTimes();
    }
}
