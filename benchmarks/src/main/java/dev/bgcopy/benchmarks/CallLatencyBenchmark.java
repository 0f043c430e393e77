package dev.bgcopy.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import dev.bgcopy.testing.loopback.LoopbackService;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one polling call costs a caller: {@code GetProgress}, {@code GetState} and {@code GetTimes} on
 * a job that sits idle and on one that is transferring (its progress snapshot changes under the
 * reader), called on the simulator directly or through the windows-com binding over the in-process
 * COM loopback serving that same simulator (how the binding is timed on Linux).
 *
 * <p>{@link #baseline} is each service's floor: on the simulator a volatile read, the floor of any
 * lock-free read; on the loopback the bare JNA downcall of {@code GetProgress} (vtable slot 12, a
 * 24-byte out-buffer) into the very native object the binding's job wraps, without the binding's
 * marshalling or its COM thread, so the difference is the binding's cost. That raw pointer comes
 * through {@link BindingAccess}, the binding's documented entry point for the loopback's users.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CallLatencyBenchmark {

    /** {@code simulator}: the engine's own job; {@code loopback}: the binding's job over the COM loopback. */
    @Param({"simulator", "loopback"})
    public String service;

    /** {@code idle}: a suspended job with one file; {@code transferring}: a throttled download in progress. */
    @Param({"idle", "transferring"})
    public String jobState;

    private IBackgroundCopyManager simulator;
    private LoopbackService loopback;
    private IBackgroundCopyJob job;
    private MockWebServer server;
    private Path directory;
    private volatile BgJobProgress volatileProgress = BgJobProgress.EMPTY;
    /** The loopback's native job, for the bare-JNA floor; null on the simulator. */
    private Pointer rawJob;
    private Memory progressBuffer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("bgcopy-bench");
        // 4 MiB/s keeps the job transferring for any measurement while writing little to disk.
        server = MockWebServer.start();
        server.serve("/file", new PseudoRandomContent(64L << 30, 20261121L)).throttle(4L << 20);
        simulator = BackgroundCopy.open("simulator", Map.of());
        IBackgroundCopyManager manager = simulator;
        if (service.equals("loopback")) {
            loopback = LoopbackService.open(simulator);
            manager = loopback.manager();
        }
        job = manager.createJob("latency", BgJobType.DOWNLOAD);
        job.addFileWithRanges("payload", server.url("/file").toString(), directory.resolve("payload.bin").toString(),
                List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        if (loopback != null) {
            rawJob = BindingAccess.get().reference(job).orElseThrow().pointer();
            progressBuffer = new Memory(24);
        }
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
        job.close();
        if (loopback != null) {
            loopback.close();
        }
        simulator.close();
        server.close();
        try (var files = Files.list(directory)) {
            if (files.findAny().isEmpty()) {
                Files.delete(directory);
            }
        }
    }

    /** The service's floor: a volatile read on the simulator, the bare JNA GetProgress on the loopback. */
    @Benchmark
    public void baseline(Blackhole blackhole) {
        if (rawJob == null) {
            blackhole.consume(volatileProgress);
        } else {
            blackhole.consume(ComPtr.callSlot(rawJob, Slots.Job.GET_PROGRESS, progressBuffer));
        }
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
