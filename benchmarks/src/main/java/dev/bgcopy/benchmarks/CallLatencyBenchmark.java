package dev.bgcopy.benchmarks;

import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.IBackgroundCopyJob;
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
 * What one polling call costs a caller on average: {@code GetProgress}, {@code GetState} and
 * {@code GetTimes} on a job that sits idle and on one that is transferring (its progress snapshot
 * changes under the reader), called on the simulator directly or through the windows-com binding over
 * the in-process COM loopback serving that same simulator, from the benchmark's thread, which never
 * initialised COM and so calls the service directly (the implicit MTA). The binding's floor, and the
 * same call from a single-threaded apartment (the hop), are {@link BindingFloorBenchmark}'s; the spread of {@code GetProgress} under load is
 * {@link ProgressUnderLoadBenchmark}'s.
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

    private PollingFixture fixture;
    private IBackgroundCopyJob job;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new PollingFixture(service, 4L << 20, Map.of());
        job = fixture.newJob();
        if (jobState.equals("transferring")) {
            job.resume();
            PollingFixture.awaitFirstBytes(job);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        PollingFixture.cancel(job);
        fixture.close();
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
