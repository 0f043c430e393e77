package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.downloads.Download;
import dev.bgcopy.api.downloads.DownloadRequest;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.mockwebserver.Resource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code bgcopy demo}: serves generated content from a {@link MockWebServer} on 127.0.0.1, downloads it
 * through the default backend and the {@link dev.bgcopy.api.downloads.Downloads} API into a temporary
 * directory with the progress display, suspends at about 40%, resumes (the backend continues with a
 * {@code Range} request); the API completes the job and checks the SHA-256 before the file is moved into
 * place, and the demo checks it once more and prints a summary with the requests the server saw.
 *
 * <p>It uses the in-memory simulator unless {@code --store} is given: a demo must not leave jobs in the
 * user's store. Ctrl-C cancels the job and removes the temporary directory.
 */
final class DemoRun implements Callable<Integer> {

    /** The demo's default size: 256 MiB. */
    static final long DEFAULT_SIZE = 256L << 20;
    /** Fixed, so every run serves the same bytes and prints the same SHA-256 for a size. */
    static final long SEED = 0x6267636F70794465L;
    static final String PATH = "/bgcopy-demo.bin";
    private static final double SUSPEND_AT = 0.40;
    /** Short, so that the suspension lands close to 40% even on a fast loopback. */
    private static final Duration POLL = Duration.ofMillis(5);

    private final CliContext context;
    private final long size;
    private final long rate;
    private final boolean keep;

    DemoRun(CliContext context, long size, long rate, boolean keep) {
        this.context = context;
        this.size = size;
        this.rate = rate;
        this.keep = keep;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = context.out();
        PrintStream err = context.err();
        out.println("bgcopy demo: a real HTTP download on 127.0.0.1, suspended at 40% and resumed with a Range request");
        long generating = System.nanoTime();
        PseudoRandomContent content = new PseudoRandomContent(size, SEED);
        String expected = content.sha256();
        out.println("content:    " + Units.bytes(size) + " of pseudo-random bytes, SHA-256 " + expected + " (generated in "
                + Units.duration(Duration.ofNanos(System.nanoTime() - generating)) + ")");
        Path dir = Files.createTempDirectory("bgcopy-demo-");
        Path file = dir.resolve("bgcopy-demo.bin");
        boolean verbose = context.options().verbose();
        AtomicReference<Download> created = new AtomicReference<>();
        Runnable onInterrupt = () -> {
            Download job = created.get();
            if (job != null) {
                job.cancel();
            }
            deleteRecursively(dir);
            err.println();
            err.println("bgcopy: demo interrupted: " + (job != null ? "the job was cancelled and " : "") + dir + " removed");
        };
        try (Interruption interruption = Interruption.onInterrupt(onInterrupt);
                MockWebServer server = MockWebServer.start();
                Session session = context.downloads(Session.Purpose.DEMO, POLL)) {
            Resource served = server.serve(PATH, content).etag("\"" + expected.substring(0, 16) + "\"").throttle(rate);
            if (verbose) {
                server.onExchangeFinished(r -> err.println("server: " + Printable.text(r)));
            }
            URI url = server.url(PATH);
            out.println("server:     " + url + " (Range, If-Range, ETag " + served.etag() + ")");
            out.println("backend:    " + session.description());
            out.println("into:       " + file);
            DownloadRequest request = DownloadRequest.builder(url, file).name("bgcopy demo").sha256(expected).build();
            boolean ran = interruption.runUninterrupted(() -> {
                try {
                    created.set(session.downloads().start(request));
                } catch (BackgroundCopyException e) {
                    throw CliException.of("demo failed", e);
                }
            });
            Run run = ran ? download(created.get(), interruption) : null;
            if (run == null) {
                return ExitCode.INTERRUPTED;
            }
            String actual = Content.sha256(file);
            List<RecordedRequest> requests = server.requests();
            summary(out, run, actual, expected, requests, file);
            if (!actual.equals(expected)) {
                throw new CliException(ExitCode.FAILED, "demo failed: the SHA-256 of " + file + " is " + actual
                        + ", the server's is " + expected + "; hint: run again with --verbose and report it", null);
            }
            return ExitCode.OK;
        } finally {
            if (!keep) {
                deleteRecursively(dir);
            }
        }
    }

    /** What happened during the download. */
    private record Run(long nanos, long suspendedNanos, long suspendedAtBytes, double suspendedAtFraction, long bytes) {
    }

    private Run download(Download job, Interruption interruption) {
        try (ProgressDisplay display = context.display("demo")) {
            long start = System.nanoTime();
            CompletableFuture<Void> atSuspension = new CompletableFuture<>();
            // A short interval so that the suspension lands close to 40% even on a fast loopback.
            job.onProgress(p -> {
                if (p.fractionComplete().orElse(0) >= SUSPEND_AT) {
                    atSuspension.complete(null);
                }
            }, POLL);
            Follower follower = new Follower(job, display, interruption, POLL);
            CompletableFuture.anyOf(atSuspension, job.completion()).handle((ended, failed) -> null).join();
            long suspendedNanos = 0;
            long suspendedAt = -1;
            double suspendedFraction = 0;
            if (!job.completion().isDone() && !interruption.fired()) {
                long suspending = System.nanoTime();
                job.suspend();
                BgJobProgress at = job.progress();
                suspendedAt = at.bytesTransferred();
                suspendedFraction = at.fractionComplete().orElse(0);
                display.note("suspended at " + Units.percent(suspendedFraction) + " (" + suspendedAt + " bytes), state "
                        + job.state());
                // Let a person see the job stand still, and show that it does.
                interruption.pause(Duration.ofSeconds(1).toNanos());
                if (interruption.fired()) {
                    return null;
                }
                BgJobProgress later = job.progress();
                display.note("one second later: " + later.bytesTransferred() + " bytes, state " + job.state()
                        + "; resuming");
                job.resume();
                suspendedNanos = System.nanoTime() - suspending;
            }
            // Whatever ended the first stretch (40%, or already in place, failed, Ctrl-C), the download's
            // completion still says it.
            Optional<Path> completion = follower.followToCompletion(null, 0, new Follower.Ending("demo download failed",
                    "run again with --verbose to see the server's log", "during the demo", failed -> { }));
            if (completion.isEmpty()) {
                return null;
            }
            long nanos = System.nanoTime() - start;
            display.close();
            return new Run(nanos, suspendedNanos, suspendedAt, suspendedFraction, job.progress().bytesTransferred());
        } catch (BackgroundCopyException e) {
            if (interruption.fired()) {
                return null; // Ctrl-C cancelled the job under our feet; the hook has reported it.
            }
            job.cancel();
            throw CliException.of("demo failed", e);
        }
    }

    private void summary(PrintStream out, Run run, String actual, String expected, List<RecordedRequest> requests,
            Path file) {
        long wire = requests.stream().filter(r -> r.method().equals("GET")).mapToLong(RecordedRequest::bodyBytes).sum();
        double activeSeconds = Math.max(1e-3, (run.nanos() - run.suspendedNanos()) / 1e9);
        out.println();
        out.println("result:     " + (actual.equals(expected) ? "OK, the SHA-256 of the downloaded file equals the server's"
                : "MISMATCH, the downloaded file's SHA-256 is " + actual));
        out.println("bytes:      " + run.bytes() + " (" + Units.bytes(run.bytes()) + "), completed, checked against the "
                + "SHA-256 before it was moved into place");
        out.println("time:       " + Units.duration(Duration.ofNanos(run.nanos())) + " from resume to TRANSFERRED, "
                + Units.duration(Duration.ofNanos(run.suspendedNanos())) + " of it suspended");
        out.println("throughput: " + Units.rate(wire / activeSeconds) + " (" + wire + " bytes sent by the server in "
                + String.format(Locale.ROOT, "%.2f", activeSeconds) + " s of transfer)");
        RecordedRequest ranged = requests.stream().filter(r -> r.range().isPresent()).findFirst().orElse(null);
        if (run.suspendedAtBytes() < 0) {
            out.println("suspended:  no, the download finished before 40% could be observed");
        } else {
            out.println("suspended:  at " + Units.percent(run.suspendedAtFraction()) + " (" + run.suspendedAtBytes()
                    + " bytes); " + (ranged != null ? "resumed with Range: " + ranged.range().orElseThrow()
                            : "resumed WITHOUT a Range request (the backend started over)"));
        }
        out.println("requests:   the server saw " + requests.size() + ":");
        for (int i = 0; i < requests.size(); i++) {
            out.println("  " + (i + 1) + ". " + Printable.text(requests.get(i)));
        }
        out.println("file:       " + (keep ? "kept at " + file : file + " (deleted; --keep keeps it)"));
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
