package dev.bgcopy.benchmarks;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One download through the simulator, in a JVM of its own so that its peak heap and peak RSS are its
 * alone: {@code SimulatorDownload URL FILE} prints one JSON object with the elapsed time from
 * {@code Resume} to the file being in place after {@code Complete}, the heap pools' peak usage and
 * the process's {@code VmHWM}. Waits on the {@code JobTransferred} callback, not by polling.
 */
public final class SimulatorDownload {

    private SimulatorDownload() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path file = Path.of(args[1]).toAbsolutePath();
        CompletableFuture<Void> transferred = new CompletableFuture<>();
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", Map.of())) {
            IBackgroundCopyJob job = manager.createJob("throughput", BgJobType.DOWNLOAD);
            job.addFileWithRanges("payload", url, file.toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            job.setNotifyFlags(EnumSet.of(BgNotify.JOB_TRANSFERRED, BgNotify.JOB_ERROR));
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobTransferred(IBackgroundCopyJob j) {
                    transferred.complete(null);
                    return HResult.S_OK;
                }

                @Override
                public HResult jobError(IBackgroundCopyJob j, IBackgroundCopyError error) {
                    transferred.completeExceptionally(new IllegalStateException("job failed: " + error.getError()));
                    return HResult.S_OK;
                }
            });
            long start = System.nanoTime();
            job.resume();
            transferred.get(10, TimeUnit.MINUTES);
            job.complete();
            long elapsed = System.nanoTime() - start;
            System.out.printf("{\"nanos\":%d,\"bytes\":%d,\"peakHeapBytes\":%d,\"peakRssKiB\":%d}%n",
                    elapsed, Files.size(file), peakHeapBytes(), peakRssKiB());
        }
    }

    /** The sum of every heap pool's peak: an upper bound of the heap's peak occupancy. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** {@code VmHWM} from /proc/self/status (peak resident set), or -1 where there is no procfs. */
    static long peakRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
