package dev.bgcopy.benchmarks;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The simulator as a whole process, for {@code benchmarks/run.sh} to time against curl, wget and aria2c:
 * opens the {@code simulator} provider with the options given, downloads every URL in one job
 * ({@code IBackgroundCopyJob} of BITS / Delivery Optimization), completes it and exits. Waits on the
 * {@code JobTransferred} callback, not by polling.
 *
 * <p>Usage: {@code SimulatorLauncher [KEY=VALUE ...] DIR (URL ... | -i URL-LIST)}: every {@code KEY=VALUE}
 * is a provider option passed through unchanged (such as {@code maxBackgroundBandwidth=20971520}); each
 * URL lands in {@code DIR} under the last segment of its path. Exit codes: 0 done; 1 the job failed;
 * 2 bad usage or the provider refused its options (its message on one line: how a cap case reports
 * that the option does not exist yet).
 */
public final class SimulatorLauncher {

    private SimulatorLauncher() {
    }

    /** A launcher's command line: the {@code KEY=VALUE} provider options, then the other arguments in order. */
    record CommandLine(Map<String, String> options, List<String> rest) {

        static CommandLine parse(String[] args) {
            Map<String, String> options = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (eq > 0 && !arg.contains("://")) {
                    options.put(arg.substring(0, eq), arg.substring(eq + 1));
                } else {
                    rest.add(arg);
                }
            }
            return new CommandLine(options, rest);
        }
    }

    /**
     * Registers a callback on {@code job} for {@code JobTransferred} and {@code JobError}: the future completes
     * at the first, fails with the job's error at the second.
     */
    static CompletableFuture<Void> transferred(IBackgroundCopyJob job) {
        CompletableFuture<Void> transferred = new CompletableFuture<>();
        job.setNotifyFlags(EnumSet.of(BgNotify.JOB_TRANSFERRED, BgNotify.JOB_ERROR));
        job.setNotifyInterface(new IBackgroundCopyCallback() {
            @Override
            public HResult jobTransferred(IBackgroundCopyJob j) {
                transferred.complete(null);
                return HResult.S_OK;
            }

            @Override
            public HResult jobError(IBackgroundCopyJob j, IBackgroundCopyError error) {
                transferred.completeExceptionally(new IllegalStateException(
                        "job failed: " + error.getError() + " " + error.getErrorDescription(java.util.Locale.ROOT)));
                return HResult.S_OK;
            }
        });
        return transferred;
    }

    public static void main(String[] args) throws Exception {
        CommandLine commandLine = CommandLine.parse(args);
        Map<String, String> options = commandLine.options();
        List<String> rest = commandLine.rest();
        if (rest.size() < 2 || (rest.get(1).equals("-i") && rest.size() != 3)) {
            System.err.println("usage: SimulatorLauncher [KEY=VALUE ...] DIR (URL ... | -i URL-LIST)");
            System.exit(2);
        }
        Path directory = Path.of(rest.get(0)).toAbsolutePath();
        List<String> urls = rest.get(1).equals("-i")
                ? Files.readAllLines(Path.of(rest.get(2))).stream().filter(line -> !line.isBlank()).toList()
                : rest.subList(1, rest.size());
        IBackgroundCopyManager manager;
        try {
            manager = BackgroundCopy.open("simulator", options);
        } catch (BackgroundCopyException e) {
            System.err.println("simulator refused options " + options + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        try (manager) {
            System.exit(download(manager, directory, urls));
        }
    }

    private static int download(IBackgroundCopyManager manager, Path directory, List<String> urls)
            throws IOException, InterruptedException {
        IBackgroundCopyJob job = manager.createJob("benchmark", BgJobType.DOWNLOAD);
        for (int i = 0; i < urls.size(); i++) {
            String path = URI.create(urls.get(i)).getPath();
            job.addFileWithRanges("file-" + i, urls.get(i), directory.resolve(path.substring(path.lastIndexOf('/') + 1)).toString(),
                    List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        }
        CompletableFuture<Void> transferred = transferred(job);
        job.resume();
        try {
            transferred.get();
        } catch (ExecutionException e) {
            System.err.println(e.getCause().getMessage());
            job.cancel();
            return 1;
        }
        job.complete();
        return 0;
    }
}
