package dev.bgcopy.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;
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
 * The windows-com binding's {@code IBackgroundCopyJob::GetProgress} against its two floors, on an idle
 * job of the in-process COM loopback serving the simulator:
 * <ul>
 *   <li>{@link #floorBareDowncall}: the bare JNA downcall of {@code GetProgress} (vtable slot 12, a
 *       24-byte out-buffer) on the caller's thread, into the very native object the binding's job wraps;</li>
 *   <li>{@link #floorDowncallOnComThread}: the same downcall made the way every binding call is made,
 *       through the hop to the binding's one COM thread ({@code ComPtr.invoke}, which runs it on
 *       {@code internal.ComThread}), without the binding's marshalling.</li>
 * </ul>
 * The first difference is what the hop costs, the second what the binding's marshalling adds. The raw
 * pointer comes through {@link BindingAccess}, the binding's documented entry point for the loopback's users.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BindingFloorBenchmark {

    private PollingFixture fixture;
    private IBackgroundCopyJob job;
    private ComPtr reference;
    private Pointer rawJob;
    private Memory progressBuffer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new PollingFixture("loopback", 4L << 20, Map.of());
        job = fixture.newJob();
        reference = BindingAccess.get().reference(job).orElseThrow();
        rawJob = reference.pointer();
        progressBuffer = new Memory(24);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        PollingFixture.cancel(job);
        fixture.close();
    }

    @Benchmark
    public int floorBareDowncall() {
        return ComPtr.callSlot(rawJob, Slots.Job.GET_PROGRESS, progressBuffer);
    }

    @Benchmark
    public int floorDowncallOnComThread() {
        return reference.invoke(Slots.Job.GET_PROGRESS, progressBuffer);
    }

    @Benchmark
    public BgJobProgress measureGetProgress() {
        return job.getProgress();
    }
}
