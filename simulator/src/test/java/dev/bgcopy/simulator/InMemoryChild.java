package dev.bgcopy.simulator;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.nio.file.Path;

/**
 * The child of {@link OrphanedTempFileTest}: an in-memory engine that copies {@code args[0]} (a file:
 * URL) to {@code args[1]}, prints {@code transferred} once the bytes wait in the temporary file for
 * Complete, and then waits for ever to be killed.
 */
public final class InMemoryChild {

    private InMemoryChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorManager manager = Simulator.newManager(SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).build());
        IBackgroundCopyJob job = manager.createJob("killed before Complete", BgJobType.DOWNLOAD);
        job.addFile(args[0], Path.of(args[1]).toString());
        job.resume();
        manager.runUntilIdle();
        System.out.println(job.getState() == BgJobState.TRANSFERRED ? "transferred" : "failed " + job.getState());
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
