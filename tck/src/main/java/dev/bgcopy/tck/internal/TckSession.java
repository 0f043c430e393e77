package dev.bgcopy.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.tck.Capability;
import dev.bgcopy.tck.RemoteContent;
import dev.bgcopy.tck.TckFixture;
import dev.bgcopy.tck.TckMode;
import dev.bgcopy.tck.TckService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * Everything one contract test needs, opened from the fixture and closed after the test: the service,
 * a loopback content server, an empty local directory, and the mode-aware HRESULT checks.
 */
public final class TckSession implements AutoCloseable {

    /** Polling limit against a real service, as WINE:job.c's 30 s loops. */
    private static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(30);
    /** Virtual seconds a strict drive may advance before giving up. */
    private static final int VIRTUAL_STEPS = 4000;

    private final TckFixture fixture;
    private final RemoteContent content;
    private final Path directory;
    private final TckService service;

    private TckSession(TckFixture fixture, RemoteContent content, Path directory, TckService service) {
        this.fixture = fixture;
        this.content = content;
        this.directory = directory;
        this.service = service;
    }

    /** Real time any single service step (scheduler run, clock advance, close) may take: -Dtck.stepTimeoutSeconds. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(Long.getLong("tck.stepTimeoutSeconds", 60));
    /** Real time one {@link #drive} may take in total. */
    private static final Duration DRIVE_TIMEOUT = Duration.ofSeconds(Long.getLong("tck.driveTimeoutSeconds", 90));
    private static final java.util.concurrent.ExecutorService WATCHDOG = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tck-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs a service step with a real-time bound, so that an implementation that hangs fails one test
     * with a clear message instead of stalling the whole kit.
     */
    public static void bounded(String what, Runnable step) {
        java.util.concurrent.Future<?> f = WATCHDOG.submit(step);
        try {
            f.get(STEP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + " did not return within " + STEP_TIMEOUT + " of real time (implementation hang?)");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " interrupted", e);
        }
    }

    /** {@link TckService#runUntilIdle()} within the step bound. */
    public void runUntilIdle() {
        bounded("runUntilIdle()", service::runUntilIdle);
    }

    /** {@link TckService#advance} within the step bound. */
    public void advance(Duration d) {
        bounded("advance(" + d + ")", () -> service.advance(d));
    }

    /** Opens a fresh instance of the fixture's implementation. */
    public static TckSession open(TckFixture fixture) {
        RemoteContent content = fixture.newRemoteContent();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("bgcopy-tck-");
            return new TckSession(fixture, content, dir, fixture.open(dir, content));
        } catch (IOException e) {
            content.close();
            deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // A fixture that fails to open leaves no working directory behind (the kit created it).
            content.close();
            deleteTree(dir);
            throw e;
        }
    }

    public TckFixture fixture() {
        return fixture;
    }

    public IBackgroundCopyManager manager() {
        return service.manager();
    }

    public TckService service() {
        return service;
    }

    public RemoteContent content() {
        return content;
    }

    public Path directory() {
        return directory;
    }

    public Dialect dialect() {
        return fixture.dialect();
    }

    public boolean strict() {
        return fixture.mode() == TckMode.STRICT;
    }

    public boolean has(Feature feature) {
        return fixture.features().contains(feature);
    }

    public boolean hasVirtualClock() {
        return fixture.capabilities().contains(Capability.VIRTUAL_CLOCK);
    }

    /** The dialect's code for {@code error}. */
    public HResult code(SemanticError error) {
        return error.in(dialect());
    }

    /** A new job named {@code tck}. */
    public IBackgroundCopyJob newJob() {
        return newJob("tck");
    }

    public IBackgroundCopyJob newJob(String name) {
        IBackgroundCopyJob job = manager().createJob(name, BgJobType.DOWNLOAD);
        assertThat(job).as("CreateJob(%s) returned a job", name).isNotNull();
        return job;
    }

    /** {@code n} deterministic pseudo-random bytes (seeded by {@code n} and {@code seed}). */
    public static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed * 31 + n).nextBytes(b);
        return b;
    }

    /** A local path in this test's directory. */
    public Path local(String name) {
        return directory.resolve(name);
    }

    /**
     * Serves {@code body} at {@code /name} and adds it to {@code job} through the first file-adding
     * entry point the fixture supports (AddFileWithRanges, else BITS AddFile), whole file, size unknown.
     *
     * @return the URL added
     */
    public URI addFile(IBackgroundCopyJob job, String name, byte[] body) {
        URI url = content.put("/" + name, body);
        addUrl(job, name, url);
        return url;
    }

    /** Adds an already served URL as a whole file downloading to {@link #local(String) local(name)}. */
    public void addUrl(IBackgroundCopyJob job, String name, URI url) {
        String local = local(name).toString();
        if (has(Feature.ADD_FILE_WITH_RANGES)) {
            job.addFileWithRanges(name, url.toString(), local, List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
        } else if (has(Feature.BITS_METHODS)) {
            job.addFile(url.toString(), local);
        } else {
            throw new TestAbortedException(fixture.name() + " supports neither ADD_FILE_WITH_RANGES nor BITS_METHODS: no way to add a file");
        }
    }

    /** Lets the service work: a scheduler step with a virtual clock, nothing otherwise. */
    public void settle() {
        if (hasVirtualClock()) {
            runUntilIdle();
        }
    }

    /**
     * Drives the service until {@code job}'s state satisfies {@code until}: with a virtual clock by
     * scheduler steps and 1 s advances, else by polling the real service for at most 30 s.
     *
     * @return the state reached; fails the test when it is not reached in time
     */
    public BgJobState drive(IBackgroundCopyJob job, Predicate<BgJobState> until, String what) {
        return drive(job, until, what, s -> { });
    }

    /** {@link #drive} that hands every observed state to {@code observer} (for "states seen" rules). */
    public BgJobState drive(IBackgroundCopyJob job, Predicate<BgJobState> until, String what,
            java.util.function.Consumer<BgJobState> observer) {
        return drive(job, until, what, observer, Duration.ofSeconds(1));
    }

    /** {@link #drive} advancing the virtual clock by {@code step} between scheduler runs (long scenarios). */
    public BgJobState drive(IBackgroundCopyJob job, Predicate<BgJobState> until, String what,
            java.util.function.Consumer<BgJobState> observer, Duration step) {
        if (hasVirtualClock()) {
            long realDeadline = System.nanoTime() + DRIVE_TIMEOUT.toNanos();
            for (int i = 0; i < VIRTUAL_STEPS && System.nanoTime() < realDeadline; i++) {
                runUntilIdle();
                BgJobState state = job.getState();
                observer.accept(state);
                if (until.test(state)) {
                    return state;
                }
                advance(step);
            }
            return fail("%s: not reached after %d steps of %s virtual time (or %s real); state %s", what, VIRTUAL_STEPS, step,
                    DRIVE_TIMEOUT, job.getState());
        }
        long deadline = System.nanoTime() + REAL_TIME_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            BgJobState state = job.getState();
            observer.accept(state);
            if (until.test(state)) {
                return state;
            }
            // Polling a real out-of-process service is the only way to observe it; 50 ms between reads.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return fail("%s: not reached within %s; state %s", what, REAL_TIME_LIMIT, job.getState());
    }

    /** {@link #drive} until one of {@code states}. */
    public BgJobState driveTo(IBackgroundCopyJob job, BgJobState... states) {
        Set<BgJobState> set = Set.of(states);
        return drive(job, set::contains, "state in " + set);
    }

    /** A job holding {@code names.length} files of 4,000+ bytes, driven to TRANSFERRED. */
    public IBackgroundCopyJob transferredJob(String... names) {
        IBackgroundCopyJob job = newJob();
        int i = 0;
        for (String name : names) {
            addFile(job, name, bytes(4000 + 1000 * i++, 7));
        }
        job.resume();
        driveTo(job, BgJobState.TRANSFERRED);
        return job;
    }

    /** A job with one file, completed after reaching TRANSFERRED. */
    public IBackgroundCopyJob acknowledgedJob() {
        IBackgroundCopyJob job = transferredJob("ack.bin");
        assertThat(job.complete().isSuccess()).as("Complete on TRANSFERRED").isTrue();
        assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
        return job;
    }

    /** A job with one (unstarted) file, cancelled. */
    public IBackgroundCopyJob cancelledJob() {
        IBackgroundCopyJob job = newJob();
        addFile(job, "cancel.bin", bytes(3000, 3));
        job.cancel();
        assertThat(job.getState()).isEqualTo(BgJobState.CANCELLED);
        return job;
    }

    /** Aborts the test (reported as skipped with {@code reason}) unless {@code condition} holds. */
    public static void assume(boolean condition, String reason) {
        if (!condition) {
            throw new TestAbortedException(reason);
        }
    }

    /** For rules of mode "B in {@code dialect}-mode, S otherwise": aborts in lenient mode for the other dialect. */
    public void assumeStrictUnless(Dialect dialect, int rule) {
        assume(strict() || dialect() == dialect, "R" + rule + " is strict-only in the " + dialect() + " dialect; "
                + fixture.name() + " runs LENIENT");
    }

    /** The service clock (virtual) or the wall clock. */
    public Instant now() {
        return hasVirtualClock() ? service.now() : Instant.now();
    }

    // ---- HRESULT checks -------------------------------------------------------------------------

    /** A call that may throw {@link BackgroundCopyException}. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /** The HRESULT of {@code call}: {@code S_OK} when it returned, the carried code when it threw. */
    public static HResult hr(Call call) {
        try {
            call.run();
            return HResult.S_OK;
        } catch (BackgroundCopyException e) {
            return e.hresult();
        } catch (Exception e) {
            throw new AssertionError("expected an HRESULT, got " + e, e);
        }
    }

    /** {@code call} fails with the dialect's code for {@code error} (strict) or its §7.4 class (lenient). */
    public void expectFails(SemanticError error, String what, Call call) {
        HResult actual = hr(call);
        if (strict()) {
            assertThat(actual).as("%s: expected %s (%s), got %s", what, code(error), error, actual).isEqualTo(code(error));
        } else {
            assertThat(error.matches(actual)).as("%s: expected %s (DO or BITS code), got %s", what, error, actual).isTrue();
        }
    }

    /** {@code call} fails with exactly {@code code} in both modes. */
    public void expectFailsExactly(HResult code, String what, Call call) {
        HResult actual = hr(call);
        assertThat(actual).as("%s: expected %s, got %s", what, code, actual).isEqualTo(code);
    }

    /**
     * The detail of a failure, i.e. its message after {@code "Interface::Method: CODE"}; empty when
     * the call succeeded or the exception carries no explanation.
     */
    static String detailOf(Call call) {
        try {
            call.run();
            return "";
        } catch (BackgroundCopyException e) {
            String head = e.method() + ": " + e.hresult();
            String message = e.getMessage() == null ? "" : e.getMessage();
            return message.startsWith(head) ? message.substring(head.length()).replaceFirst("^:\\s*", "") : message;
        } catch (Exception e) {
            throw new AssertionError("expected an HRESULT, got " + e, e);
        }
    }

    /** {@code call} fails with exactly {@code code} in strict mode, with any failure in lenient mode. */
    public void expectFailsStrictly(HResult code, String what, Call call) {
        HResult actual = hr(call);
        if (strict()) {
            assertThat(actual).as("%s: expected %s, got %s", what, code, actual).isEqualTo(code);
            if (code.equals(HResult.E_INVALIDARG) && fixture.capabilities().contains(Capability.EXPLAINED_ERRORS)) {
                // Failure is side-effect free (§4.0), so asking again for the explanation is safe.
                assertThat(detailOf(call)).as("%s: bad input is explained in the exception's detail", what).isNotBlank();
            }
        } else {
            assertThat(actual.isFailure()).as("%s: expected a failure (strict: %s), got %s", what, code, actual).isTrue();
        }
    }

    /** {@code call} fails with {@code error}'s code (strict) or, in lenient mode, with any failure. */
    public void expectFailsStrictly(SemanticError error, String what, Call call) {
        expectFailsStrictly(code(error), what, call);
    }

    /** {@code call} succeeds. */
    public static void expectOk(String what, Call call) {
        HResult actual = hr(call);
        assertThat(actual).as("%s: expected S_OK, got %s", what, actual).isEqualTo(HResult.S_OK);
    }

    /** The failure {@code call} throws; fails the test if it succeeds. */
    public static BackgroundCopyException failure(String what, Call call) {
        try {
            call.run();
        } catch (BackgroundCopyException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(what + ": expected a BackgroundCopyException, got " + e, e);
        }
        throw new AssertionError(what + ": expected a failure, but it succeeded");
    }

    /** SHA-256 of a file, hex. */
    public static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of bytes, hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of the files in this test's directory (to prove that nothing was written). */
    public List<String> localFiles() {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            bounded("close()", service::close);
        } finally {
            content.close();
            deleteTree(directory);
        }
    }

    /** Deletes the kit's own working directory, if there is one; never fails a test over it. */
    private static void deleteTree(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory must not fail a test that passed.
        }
    }

    static String describe(Object[] values) {
        return Arrays.toString(values);
    }
}
