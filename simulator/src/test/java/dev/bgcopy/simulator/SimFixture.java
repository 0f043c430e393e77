package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * A deterministic simulator (virtual clock, scripted network) and a destination directory, with
 * helpers that bring a job into any state of docs/contract.md §5.1.
 */
final class SimFixture implements AutoCloseable {

    static final String BASE = "https://cdn.example.test/";

    final SimulatorConfig config;
    final SimulatorManager manager;
    final VirtualClock clock;
    final ScriptedNetwork network;
    final Dialect dialect;
    final Path dir;
    private int counter;

    SimFixture(Path dir, Dialect dialect) {
        this(dir, SimulatorConfig.deterministic().toBuilder().dialect(dialect).build());
    }

    SimFixture(Path dir, SimulatorConfig config) {
        this.dir = dir;
        this.config = config;
        this.dialect = config.dialect();
        this.clock = config.virtualClock().orElseThrow();
        this.network = config.scriptedNetwork().orElseThrow();
        this.manager = Simulator.newManager(config);
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Serves {@code size} seeded bytes at a fresh URL. */
    RemoteResource serve(int size) {
        String url = BASE + "file-" + (++counter) + ".bin";
        return network.serve(url, bytes(size, counter));
    }

    Path destination(String name) {
        return dir.resolve(name);
    }

    IBackgroundCopyJob newJob() {
        return manager.createJob("job-" + (++counter), BgJobType.DOWNLOAD);
    }

    /** Adds a whole-file download of {@code resource} in the dialect's way; returns the destination. */
    Path addFile(IBackgroundCopyJob job, RemoteResource resource) {
        Path dest = destination("out-" + (++counter) + ".bin");
        if (dialect == Dialect.DO) {
            job.addFileWithRanges("f" + counter, resource.url(), dest.toString(), List.of(),
                    IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        } else {
            job.addFile(resource.url(), dest.toString());
        }
        return dest;
    }

    /** A job brought into {@code state} with one file (CANCELLED/ACKNOWLEDGED through Cancel/Complete). */
    IBackgroundCopyJob jobIn(BgJobState state) {
        IBackgroundCopyJob job = newJob();
        RemoteResource resource = serve(1000);
        switch (state) {
            case SUSPENDED -> addFile(job, resource);
            case QUEUED -> {
                // Keep every transfer slot busy with jobs parked on scripted latency.
                for (int i = 0; i < config.maxConcurrentTransfers(); i++) {
                    IBackgroundCopyJob blocker = newJob();
                    addFile(blocker, serve(10).latency(Duration.ofDays(365)));
                    blocker.resume();
                }
                manager.runUntilIdle();
                addFile(job, resource);
                job.resume();
            }
            case CONNECTING -> {
                addFile(job, resource.latency(Duration.ofDays(365)));
                job.resume();
            }
            case TRANSFERRING -> {
                addFile(job, resource.stallAt(500, RemoteResource.ALWAYS));
                job.resume();
            }
            case TRANSIENT_ERROR -> {
                addFile(job, resource.failNext(1, 503));
                job.resume();
            }
            case ERROR -> {
                addFile(job, resource.failNext(1, 404));
                job.resume();
            }
            case TRANSFERRED, ACKNOWLEDGED -> {
                addFile(job, resource);
                job.resume();
            }
            case CANCELLED -> {
                addFile(job, resource);
                manager.runUntilIdle();
                job.cancel();
            }
        }
        manager.runUntilIdle();
        if (state == BgJobState.ACKNOWLEDGED) {
            job.complete();
        }
        BgJobState expected = state == BgJobState.CONNECTING && dialect == Dialect.DO ? BgJobState.TRANSFERRING : state;
        assertThat(job.getState()).as("fixture state").isEqualTo(expected);
        return job;
    }

    List<Path> leftovers() throws IOException {
        try (var stream = Files.list(dir)) {
            return stream.toList();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
