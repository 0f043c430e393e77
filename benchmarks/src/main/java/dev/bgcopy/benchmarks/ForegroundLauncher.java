package dev.bgcopy.benchmarks;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The pre-emption case of {@code benchmarks/run.sh} as a whole process, on the real clock: how long a
 * {@code BG_JOB_PRIORITY_FOREGROUND} job of BITS / Delivery Optimization waits when lower-priority jobs hold
 * every transfer slot (docs/contract.md §5.3 A10).
 *
 * <p>Usage: {@code ForegroundLauncher [KEY=VALUE ...] DIR BUSY-URL FOREGROUND-URL}. It opens the
 * {@code simulator} provider with the options given (run.sh asks for 4 slots and a background cap, so that
 * the NORMAL jobs keep their slots for as long as the case lasts), starts one NORMAL job per slot on
 * {@code BUSY-URL}, waits until each has received bytes, then adds a FOREGROUND job for
 * {@code FOREGROUND-URL}, resumes it and records how long it took to reach TRANSFERRING and to receive its
 * first byte. It completes the FOREGROUND job into {@code DIR}, cancels the others and prints one line:
 * {@code RESUME-EPOCH-MS  MS-TO-TRANSFERRING  MS-TO-FIRST-BYTE  NORMAL-JOBS-STILL-TRANSFERRING}. The
 * epoch lets run.sh set the resume against the start of the FOREGROUND request in the server's log.
 *
 * <p>The states are sampled every 100 µs: the figures are good to about that, far below the 1 s target.
 */
public final class ForegroundLauncher {

    private static final long SAMPLE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);

    private ForegroundLauncher() {
    }

    public static void main(String[] args) throws Exception {
        SimulatorLauncher.CommandLine commandLine = SimulatorLauncher.CommandLine.parse(args);
        Map<String, String> options = commandLine.options();
        List<String> rest = commandLine.rest();
        if (rest.size() != 3) {
            System.err.println("usage: ForegroundLauncher [KEY=VALUE ...] DIR BUSY-URL FOREGROUND-URL");
            System.exit(2);
        }
        Path directory = Path.of(rest.get(0)).toAbsolutePath();
        int slots = Integer.parseInt(options.getOrDefault("maxConcurrentTransfers", "4"));
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", options)) {
            List<IBackgroundCopyJob> busy = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                IBackgroundCopyJob job = manager.createJob("busy-" + i, BgJobType.DOWNLOAD);
                job.addFileWithRanges("busy", rest.get(1), directory.resolve(".busy-" + i).toString(), List.of(),
                        IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
                job.resume();
                busy.add(job);
            }
            for (IBackgroundCopyJob job : busy) {
                awaitOrFail(() -> job.getProgress().bytesTransferred() > 0, "a NORMAL job to receive bytes");
            }

            IBackgroundCopyJob foreground = manager.createJob("foreground", BgJobType.DOWNLOAD);
            String path = java.net.URI.create(rest.get(2)).getPath();
            foreground.addFileWithRanges("urgent", rest.get(2), directory.resolve(path.substring(path.lastIndexOf('/') + 1)).toString(),
                    List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            foreground.setPriority(BgJobPriority.FOREGROUND);
            CompletableFuture<Void> transferred = SimulatorLauncher.transferred(foreground);

            long resumeEpochMillis = System.currentTimeMillis();
            long resumed = System.nanoTime();
            foreground.resume();
            long transferring = awaitOrFail(() -> {
                BgJobState state = foreground.getState();
                return state == BgJobState.TRANSFERRING || state == BgJobState.TRANSFERRED;
            }, "the FOREGROUND job to transfer");
            int stillTransferring = 0;
            for (IBackgroundCopyJob job : busy) {
                stillTransferring += job.getState() == BgJobState.TRANSFERRING ? 1 : 0;
            }
            long firstByte = awaitOrFail(() -> foreground.getProgress().bytesTransferred() > 0,
                    "the FOREGROUND job's first byte");
            transferred.get(60, TimeUnit.SECONDS);
            foreground.complete();
            for (IBackgroundCopyJob job : busy) {
                job.cancel();
            }
            System.out.printf(Locale.ROOT, "%d\t%.3f\t%.3f\t%d%n", resumeEpochMillis, (transferring - resumed) / 1e6,
                    (firstByte - resumed) / 1e6, stillTransferring);
        }
    }

    /** Samples {@code condition} until it holds and returns {@link System#nanoTime()} then; exits 1 after a minute. */
    private static long awaitOrFail(BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > GIVE_UP_NANOS) {
                System.err.println("gave up waiting for " + what);
                System.exit(1);
            }
            LockSupport.parkNanos(SAMPLE_NANOS);
        }
        return System.nanoTime();
    }
}
