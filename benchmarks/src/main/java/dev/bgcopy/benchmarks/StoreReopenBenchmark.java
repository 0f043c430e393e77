package dev.bgcopy.benchmarks;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * A durable simulator store holding 10,000 jobs, reopened: the time from opening the manager to the
 * first {@code GetJob} answer, and to a full {@code EnumJobs}. Each measurement is one cold reopen
 * (single-shot), which is what an updater pays at start-up. Target: under 1 s.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class StoreReopenBenchmark {

    private Path store;
    private Map<String, String> options;
    private UUID lastJob;

    @Setup(Level.Trial)
    public void fillStore() throws IOException {
        store = Files.createTempDirectory("bgcopy-bench-store");
        options = Map.of("store", store.resolve("jobs").toString(), "dialect", "bits");
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", options)) {
            for (int i = 0; i < ManagerScaleBenchmark.JOBS; i++) {
                IBackgroundCopyJob job = manager.createJob("job " + i, BgJobType.DOWNLOAD);
                job.addFile("http://127.0.0.1:9/file-" + i, store.resolve("file-" + i).toString());
                lastJob = job.getId();
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteStore() throws IOException {
        try (Stream<Path> files = Files.walk(store)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public String measureReopenToFirstGetJob() {
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", options)) {
            return manager.getJob(lastJob).getDisplayName();
        }
    }

    @Benchmark
    public long measureReopenToEnumJobs() {
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", options);
             IEnumBackgroundCopyJobs jobs = manager.enumJobs()) {
            return jobs.getCount();
        }
    }
}
