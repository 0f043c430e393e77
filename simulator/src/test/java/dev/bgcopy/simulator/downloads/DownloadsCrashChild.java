package dev.bgcopy.simulator.downloads;

import dev.bgcopy.api.downloads.Download;
import dev.bgcopy.api.downloads.DownloadRequest;
import dev.bgcopy.api.downloads.Downloads;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The process that {@link DownloadsCrashTest} kills: {@code DownloadsCrashChild DATA_DIR URL FILE SHA256}
 * starts the download {@code payload} of the application {@code crash-app} with the simulator, prints
 * {@code started <job id>}, then {@code progress <bytes>} as it goes, until it is killed.
 */
public final class DownloadsCrashChild {

    private DownloadsCrashChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Downloads downloads = Downloads.open(DownloadsCrashTest.APPLICATION, "simulator", Map.of(Downloads.OPTION_DATA_DIR, args[0]));
        Download d = downloads.start(DownloadRequest.builder(URI.create(args[1]), Path.of(args[2]))
                .name(DownloadsCrashTest.NAME).sha256(args[3]).build());
        System.out.println("started " + d.id());
        d.onProgress(p -> System.out.println("progress " + p.bytesTransferred()));
        new CountDownLatch(1).await();
    }
}
