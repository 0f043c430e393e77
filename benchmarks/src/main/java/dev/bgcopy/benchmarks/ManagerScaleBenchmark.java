package dev.bgcopy.benchmarks;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The simulator with many jobs: polling every job of a 10,000-job queue, enumerating it, and the
 * rate at which jobs can be created and given a file. The manager runs the BITS dialect because
 * {@code EnumJobs} is a BITS method (DO answers {@code E_NOTIMPL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManagerScaleBenchmark {

    static final int JOBS = 10_000;

    @State(Scope.Benchmark)
    public static class Queue {
        IBackgroundCopyManager manager;
        List<IBackgroundCopyJob> jobs;
        Path directory;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            directory = Files.createTempDirectory("bgcopy-bench-scale");
            manager = BackgroundCopy.open("simulator", Map.of("dialect", "bits"));
            jobs = new ArrayList<>(JOBS);
            for (int i = 0; i < JOBS; i++) {
                IBackgroundCopyJob job = manager.createJob("job " + i, BgJobType.DOWNLOAD);
                job.addFile("http://127.0.0.1:9/file-" + i, directory.resolve("file-" + i).toString());
                jobs.add(job);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            manager.close();
            Files.deleteIfExists(directory);
        }
    }

    @State(Scope.Thread)
    public static class FreshManager {
        IBackgroundCopyManager manager;
        Path directory;
        int created;

        @Setup(Level.Iteration)
        public void setUp() throws Exception {
            directory = Files.createTempDirectory("bgcopy-bench-create");
            manager = BackgroundCopy.open("simulator", Map.of("dialect", "bits"));
        }

        @TearDown(Level.Iteration)
        public void tearDown() throws Exception {
            manager.close();
            Files.deleteIfExists(directory);
        }
    }

    /**
     * One invocation polls all 10,000 distinct jobs, so the score is ns per job; the loop walks
     * different objects and sinks every result, so the JIT cannot hoist or fold it away.
     */
    @Benchmark
    @OperationsPerInvocation(JOBS)
    public void measureGetProgressPerJob(Queue queue, Blackhole sink) {
        for (IBackgroundCopyJob job : queue.jobs) {
            sink.consume(job.getProgress());
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long measureEnumJobs(Queue queue) {
        try (IEnumBackgroundCopyJobs jobs = queue.manager.enumJobs()) {
            return jobs.getCount();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public IBackgroundCopyJob measureCreateJobAndAddFile(FreshManager fresh) {
        int n = fresh.created++;
        IBackgroundCopyJob job = fresh.manager.createJob("job " + n, BgJobType.DOWNLOAD);
        job.addFile("http://127.0.0.1:9/file-" + n, fresh.directory.resolve("file-" + n).toString());
        return job;
    }
}
