package dev.bgcopy.simulator;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The process that {@link CrashRecoveryTest} kills: a durable manager on a real HTTP server.
 * {@code CrashChild STORE URL FILE create} creates and resumes the job and prints {@code job <id>};
 * {@code CrashChild STORE ID resume|finish} reopens the store, where the job resumes by itself. It
 * prints {@code progress <bytes>} whenever the count changes; {@code finish} completes the job once it
 * is transferred and prints {@code completed}.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        String mode = args[args.length - 1];
        SimulatorConfig config = SimulatorConfig.defaults().toBuilder().store(store).build();
        try (SimulatorManager manager = Simulator.newManager(config)) {
            IBackgroundCopyJob job;
            if (mode.equals("create")) {
                job = manager.createJob("crash test", BgJobType.DOWNLOAD);
                job.addFileWithRanges("payload", args[1], args[2], List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
                job.resume();
                System.out.println("job " + job.getId());
            } else {
                job = manager.getJob(UUID.fromString(args[1]));
            }
            long reported = -1;
            while (true) {
                BgJobState state = job.getState();
                long transferred = job.getProgress().bytesTransferred();
                if (transferred != reported) {
                    System.out.println("progress " + transferred);
                    reported = transferred;
                }
                if (state == BgJobState.ERROR) {
                    System.out.println("error " + job.getError().getError());
                    System.exit(1);
                }
                if (state == BgJobState.TRANSFERRED && mode.equals("finish")) {
                    job.complete();
                    System.out.println("completed");
                    return;
                }
                // Not synchronisation: the parent waits on these lines; this only paces the reporting.
                LockSupport.parkNanos(2_000_000);
            }
        }
    }
}
