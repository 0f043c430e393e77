package dev.bgcopy.benchmarks;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.util.ArrayList;
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
 * The latency distribution (JMH's sampled percentiles: p50, p90, p99, p99.9) of
 * {@code IBackgroundCopyJob::GetProgress} on one of {@value #JOBS} jobs that are all resumed and
 * downloading, on the simulator directly or through the binding over the COM loopback. The tail is what
 * a UI polling progress feels while the engine is busy; an average hides it.
 *
 * <p>The simulator is asked for {@value #JOBS} concurrent transfers ({@code maxConcurrentTransfers}).
 * Where it does not know that option yet it runs with its default slots; setup then says on stderr
 * how many of the jobs are actually transferring.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ProgressUnderLoadBenchmark {

    static final int JOBS = 10;

    /** {@code simulator}: the engine's own jobs; {@code loopback}: the binding's jobs over the COM loopback. */
    @Param({"simulator", "loopback"})
    public String service;

    private PollingFixture fixture;
    private final List<IBackgroundCopyJob> jobs = new ArrayList<>();
    private IBackgroundCopyJob polled;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // 1 MiB/s each: ten downloads stay busy without filling the disk.
        long rate = 1L << 20;
        try {
            fixture = new PollingFixture(service, rate, Map.of("maxConcurrentTransfers", Integer.toString(JOBS)));
        } catch (BackgroundCopyException unknownOption) {
            System.err.println("maxConcurrentTransfers unavailable (" + unknownOption.getMessage() + "); default slots");
            fixture = new PollingFixture(service, rate, Map.of());
        }
        for (int i = 0; i < JOBS; i++) {
            jobs.add(fixture.newJob());
        }
        jobs.forEach(IBackgroundCopyJob::resume);
        polled = jobs.get(0);
        PollingFixture.awaitFirstBytes(polled);
        long transferring = jobs.stream().filter(j -> j.getState() == BgJobState.TRANSFERRING).count();
        System.err.println(transferring + " of " + JOBS + " jobs TRANSFERRING at setup");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        jobs.forEach(PollingFixture::cancel);
        fixture.close();
    }

    @Benchmark
    public BgJobProgress measureGetProgress() {
        return polled.getProgress();
    }
}
