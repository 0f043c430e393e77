package dev.bgcopy.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.testing.loopback.LoopbackComRuntime;
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
 * The windows-com binding's {@code IBackgroundCopyJob::GetProgress} against its floor, on an idle job of
 * the in-process COM loopback serving the simulator, all measured the same way (average time per call
 * on the benchmark's thread):
 * <ul>
 *   <li>{@link #floorBareDowncall}: the bare JNA downcall of {@code GetProgress} (vtable slot 12, a
 *       24-byte out-buffer) on the caller's thread, into the very native object the binding's job wraps;</li>
 *   <li>{@link #measureGetProgressDirect}: the binding's {@code getProgress()} on a thread that never
 *       initialised COM, which is in the implicit MTA and so calls the service itself (the direct path;
 *       the target is at most 2x the floor);</li>
 *   <li>{@link #measureGetProgressFromSta}: the same call on a thread in a single-threaded apartment
 *       (the loopback's {@code CoInitializeEx(COINIT_APARTMENTTHREADED)}), whose calls hop to the
 *       binding's COM thread.</li>
 * </ul>
 * The raw pointer comes through {@link BindingAccess}, the binding's documented entry point for the loopback's users.
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
    private Pointer rawJob;
    private Memory progressBuffer;

    /** The benchmark's thread in a single-threaded apartment for the trial (JMH runs this on that thread). */
    @State(Scope.Thread)
    public static class StaCaller {
        @Setup(Level.Trial)
        public void enter() {
            int hr = LoopbackComRuntime.coInitializeEx(LoopbackComRuntime.COINIT_APARTMENTTHREADED);
            if (hr != 0) {
                throw new IllegalStateException("the benchmark thread could not enter an STA: 0x" + Integer.toHexString(hr));
            }
        }

        @TearDown(Level.Trial)
        public void leave() {
            LoopbackComRuntime.coUninitialize();
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new PollingFixture("loopback", 4L << 20, Map.of());
        job = fixture.newJob();
        ComPtr reference = BindingAccess.get().reference(job).orElseThrow();
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
    public BgJobProgress measureGetProgressDirect() {
        return job.getProgress();
    }

    @Benchmark
    public BgJobProgress measureGetProgressFromSta(StaCaller sta) {
        return job.getProgress();
    }
}
