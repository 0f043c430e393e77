package dev.bgcopy.windows;

import com.sun.jna.Memory;
import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Windows binding adds to one polling call, measured on Linux through the in-process COM
 * loopback: {@code getProgress}/{@code getState}/{@code getTimes} through the binding's job, and as the
 * floor, {@link #baseline} - the bare JNA downcall of {@code GetProgress} (vtable slot 12, a 24-byte
 * out-buffer) into the very same native object, without the binding's marshalling or its COM thread.
 * Both reach the same simulator job behind the loopback, so their difference is the binding's cost.
 * (It lives in the binding's package to reach the raw pointer; the benchmark is not part of the binding.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LoopbackCallLatencyBenchmark {

    private IBackgroundCopyManager simulator;
    private LoopbackService loopback;
    private IBackgroundCopyJob job;
    private ComPtr rawJob;
    private Memory progressBuffer;
    private Path directory;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("bgcopy-bench-loopback");
        simulator = BackgroundCopy.open("simulator", Map.of());
        loopback = LoopbackService.open(simulator);
        job = loopback.manager().createJob("latency", BgJobType.DOWNLOAD);
        job.addFileWithRanges("payload", "http://127.0.0.1:9/payload", directory.resolve("payload.bin").toString(),
                List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        rawJob = ((ComBacked) job).com;
        progressBuffer = new Memory(24);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        job.cancel();
        job.close();
        loopback.close();
        simulator.close();
        Files.deleteIfExists(directory);
    }

    /** The floor: one JNA downcall of GetProgress into the same loopback object, no binding around it. */
    @Benchmark
    public int baseline() {
        return ComPtr.callSlot(rawJob.pointer(), Slots.Job.GET_PROGRESS, progressBuffer);
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
    public Object measureGetTimes() {
        return job.getTimes();
    }
}
