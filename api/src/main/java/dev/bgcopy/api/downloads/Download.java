package dev.bgcopy.api.downloads;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.api.downloads.DownloadRequest.DownloadFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One download of a {@link Downloads}: an {@code IBackgroundCopyJob} with its files staged next to their
 * destinations, watched through {@code IBackgroundCopyCallback} (where the service has
 * {@link dev.bgcopy.api.Feature#CALLBACKS}) and a poll, and finished for you: {@code Complete}, SHA-256
 * check of every staged file, atomic move into place.
 *
 * <pre>{@code
 * Download d = downloads.start(request);
 * d.onProgress(p -> bar.update(p));          // on a bgcopy thread, never overlapping, at most every 250 ms
 * try {
 *     Path file = d.completion().get();      // verified and in place
 * } catch (ExecutionException e) {
 *     // e.getCause(): a BackgroundCopyException with the job's error HRESULT, or a SHA-256 mismatch
 * } catch (CancellationException e) {
 *     // cancel(), completion().cancel(true), another program, or the service's expiry
 * }
 * }</pre>
 *
 * <p>{@link #completion()} completes with the first file's destination once every file is transferred,
 * verified and in place. It fails with a {@link BackgroundCopyException} carrying the job's error
 * {@code HRESULT} when the job enters ERROR (the job is then cancelled), with a
 * {@link BackgroundCopyException} of {@code HRESULT_FROM_WIN32(ERROR_INVALID_DATA)} naming the file and
 * both digests on a SHA-256 mismatch, and with a {@link CancellationException} when the job is cancelled
 * or no longer exists. A download that fails or is cancelled leaves no temporary or staged file behind.
 * {@link #error()} keeps the job's error after the job is gone. {@link #job()} is the job itself, for
 * what this class does not cover (times, display name, the rest of the COM contract).
 * Thread-safe.
 */
public final class Download {

    /** The shortest time between two {@link #onProgress(Consumer)} calls unless another interval is given. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(250);

    /** {@code HRESULT_FROM_WIN32(ERROR_INVALID_DATA)}: what a SHA-256 mismatch fails with. */
    public static final HResult SHA256_MISMATCH = HResult.fromWin32(13);

    private static final System.Logger LOG = System.getLogger(Download.class.getName());
    private static final String STAGING = ".bgcopy-staging-";
    private static final int STAGING_PREFIX_LIMIT = 100;

    private final Downloads owner;
    private final String name;
    private final UUID id;
    /** Null when the job was completed before a crash and only the check and move are left. */
    private final IBackgroundCopyJob job;
    private final List<DownloadFile> files;
    /**
     * Whether this API started the job: its files are staged and verified, and it is cancelled when it
     * fails. An adopted job ({@link Downloads#adopt}) is only watched and completed.
     */
    private final boolean owned;
    private final CompletableFuture<Path> completion = new CompletableFuture<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile BgJobProgress lastProgress = BgJobProgress.EMPTY;
    private volatile BgJobState lastState;
    private volatile DownloadError failure;
    private volatile ScheduledFuture<?> poll;

    Download(Downloads owner, String name, UUID id, IBackgroundCopyJob job, List<DownloadFile> files, boolean owned) {
        this.owner = owner;
        this.name = name;
        this.id = id;
        this.job = job;
        this.owned = owned;
        this.files = List.copyOf(files);
        completion.whenComplete((path, failure) -> {
            if (failure instanceof CancellationException) {
                discard();
            }
            owner.wake(this);
        });
    }

    /**
     * The name it was started with, unique among the application's live downloads; the job id for an
     * adopted job that was not started through this API.
     */
    public String name() {
        return name;
    }

    /** The job's GUID ({@code IBackgroundCopyJob::GetId}). */
    public UUID id() {
        return id;
    }

    /**
     * The job's state ({@code GetState}); {@link BgJobState#ACKNOWLEDGED} once the job is completed,
     * which happens before the files are checked and moved.
     */
    public BgJobState state() {
        return job == null ? BgJobState.ACKNOWLEDGED : job.getState();
    }

    /** The byte and file counts ({@code GetProgress}); the last ones seen once the download has ended. */
    public BgJobProgress progress() {
        if (job == null || completion.isDone()) {
            return lastProgress;
        }
        return job.getProgress();
    }

    /**
     * The destination of the first file once every file is transferred, verified and in place; see the
     * class description for how it fails. Cancelling it cancels the download.
     */
    public CompletableFuture<Path> completion() {
        return completion;
    }

    /**
     * The job's error record while it is in {@code TRANSIENT_ERROR} or {@code ERROR}, and, once the
     * download has failed in {@code ERROR}, the error that failed it (kept although the job was then
     * cancelled); empty otherwise.
     */
    public Optional<DownloadError> error() {
        DownloadError kept = failure;
        if (kept != null || job == null || completion.isDone()) {
            return Optional.ofNullable(kept);
        }
        try {
            return Optional.of(readError());
        } catch (BackgroundCopyException e) {
            if (SemanticError.NO_ERROR_INFO.matches(e.hresult()) || SemanticError.NOT_FOUND.matches(e.hresult())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The job ({@code IBackgroundCopyJob}); empty when it was completed before a crash and only the check
     * and move are left. Changing it behind the download's back (completing, cancelling) ends the
     * download as if another program had done it.
     */
    public Optional<IBackgroundCopyJob> job() {
        return Optional.ofNullable(job);
    }

    /** {@link #onProgress(Consumer, Duration)} at most every {@link #DEFAULT_PROGRESS_INTERVAL}. */
    public Download onProgress(Consumer<BgJobProgress> listener) {
        return onProgress(listener, DEFAULT_PROGRESS_INTERVAL);
    }

    /**
     * Calls {@code listener} with the job's progress when it changes, at most once per {@code interval},
     * and at once when the job's state changes (it is told before the download acts on the new state,
     * so {@link #state()} and {@link #error()} called from it still show a TRANSFERRED or ERROR job),
     * and once more, always, when the download has ended. Calls come from the {@link Downloads}' thread,
     * never overlap for one download, and should return quickly. A listener added after the end gets
     * the final call alone.
     *
     * @return this download
     */
    public Download onProgress(Consumer<BgJobProgress> listener, Duration interval) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(interval, "interval");
        listeners.add(new Listener(listener, interval.toNanos()));
        owner.wake(this);
        return this;
    }

    /** {@code IBackgroundCopyJob::Suspend}: the transfer pauses until {@link #resume()}. */
    public void suspend() {
        requireJob().suspend();
    }

    /** {@code IBackgroundCopyJob::Resume}: the transfer goes on. */
    public void resume() {
        requireJob().resume();
    }

    /**
     * {@code IBackgroundCopyJob::Cancel}: ends the download, deleting its temporary and staged files;
     * {@link #completion()} fails with a {@link CancellationException}. Does nothing once the download
     * has ended.
     */
    public void cancel() {
        synchronized (this) {
            if (completion.isDone()) {
                return;
            }
            discard();
        }
        completion.completeExceptionally(new CancellationException("download '" + name + "' was cancelled"));
    }

    @Override
    public String toString() {
        return "Download[" + name + ", job " + id + "]";
    }

    List<DownloadFile> files() {
        return files;
    }

    void startPolling(ScheduledFuture<?> poll) {
        this.poll = poll;
        // The first poll may have ended the download before it was handed its own future.
        if (completion.isDone()) {
            poll.cancel(false);
        }
    }

    IBackgroundCopyCallback callback() {
        return new IBackgroundCopyCallback() {
            @Override
            public HResult jobTransferred(IBackgroundCopyJob j) {
                owner.wake(Download.this);
                return HResult.S_OK;
            }

            @Override
            public HResult jobError(IBackgroundCopyJob j, IBackgroundCopyError error) {
                owner.wake(Download.this);
                return HResult.S_OK;
            }

            @Override
            public HResult jobModification(IBackgroundCopyJob j) {
                owner.wake(Download.this);
                return HResult.S_OK;
            }
        };
    }

    /**
     * The hidden names the files are downloaded under, next to their destinations, until they are
     * verified: {@code .<name>.bgcopy-staging-<job id>-<index>}, the name cut so the whole stays a valid
     * file name.
     */
    List<Path> staged() {
        List<Path> staged = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path destination = files.get(i).destination();
            String file = destination.getFileName().toString();
            if (file.length() > STAGING_PREFIX_LIMIT) {
                file = file.substring(0, STAGING_PREFIX_LIMIT);
            }
            staged.add(destination.resolveSibling("." + file + STAGING + id + "-" + i));
        }
        return staged;
    }

    boolean anyStaged() {
        return staged().stream().anyMatch(Files::exists);
    }

    /** Runs on the owner's thread only: moves the download on, telling the listeners what it saw. */
    void check() {
        try {
            if (!completion.isDone()) {
                advance();
            }
        } catch (RuntimeException e) {
            // The service failed to answer, not the job: it stays registered for a later find().
            owner.release(this);
            completion.completeExceptionally(e);
        }
        boolean done = completion.isDone();
        if (done || job == null) {
            report(done);
        }
        ScheduledFuture<?> polling = poll;
        if (done && polling != null) {
            polling.cancel(false);
        }
    }

    /** Fails {@link #completion()} without touching the job: the {@link Downloads} was closed. */
    void abandon() {
        completion.completeExceptionally(new IllegalStateException("the Downloads of download '" + name
                + "' was closed; the job goes on in the service: find(\"" + name + "\") after Downloads.open"));
    }

    private synchronized void advance() {
        if (completion.isDone()) {
            return;
        }
        if (job == null) {
            place();
            return;
        }
        BgJobState state;
        try {
            state = job.getState();
            lastProgress = job.getProgress();
        } catch (BackgroundCopyException e) {
            if (SemanticError.NOT_FOUND.matches(e.hresult())) {
                cancelled("its job no longer exists");
                return;
            }
            throw e;
        }
        lastState = state;
        report(false);
        switch (state) {
            case TRANSFERRED -> {
                job.complete();
                place();
            }
            case ACKNOWLEDGED -> place();
            case ERROR -> {
                failure = readError();
                BackgroundCopyException error = exception(failure);
                if (owned) {
                    discard();
                } else {
                    owner.release(this);
                }
                completion.completeExceptionally(error);
            }
            case CANCELLED -> cancelled("its job was cancelled");
            default -> {
                // Still on its way.
            }
        }
    }

    private void cancelled(String why) {
        discard();
        completion.completeExceptionally(new CancellationException("download '" + name + "' ended: " + why));
    }

    /** Checks every staged file, then moves each into place: nothing reaches a destination unverified. */
    private void place() {
        if (!owned) {
            // An adopted job's files were never staged: Complete put them in place.
            owner.release(this);
            completion.complete(files.isEmpty() ? null : files.get(0).destination());
            return;
        }
        List<Path> staged = staged();
        try {
            for (int i = 0; i < files.size(); i++) {
                DownloadFile file = files.get(i);
                if (file.sha256().isPresent() && Files.exists(staged.get(i))) {
                    String actual = sha256(staged.get(i));
                    if (!actual.equals(file.sha256().get())) {
                        discard();
                        completion.completeExceptionally(new BackgroundCopyException("Download::verify", SHA256_MISMATCH,
                                "download '" + name + "': file " + file.destination() + " has SHA-256 " + actual
                                        + ", expected " + file.sha256().get()));
                        return;
                    }
                }
            }
            for (int i = 0; i < files.size(); i++) {
                // A file already moved before a crash has no staged copy left.
                if (Files.exists(staged.get(i))) {
                    Files.move(staged.get(i), files.get(i).destination(), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            discard();
            completion.completeExceptionally(new UncheckedIOException("download '" + name + "': " + e.getMessage(), e));
            return;
        }
        owner.forget(this);
        completion.complete(files.get(0).destination());
    }

    private DownloadError readError() {
        try (IBackgroundCopyError error = job.getError()) {
            BgError code = error.getError();
            Optional<String> file;
            try {
                IBackgroundCopyFile about = error.getFile();
                file = Optional.of(about.getRemoteName());
            } catch (BackgroundCopyException notAboutAFile) {
                // FILE_NOT_AVAILABLE: the error concerns the job, not one file.
                file = Optional.empty();
            }
            Optional<String> description;
            try {
                description = Optional.ofNullable(error.getErrorDescription(Locale.getDefault()))
                        .map(String::strip).filter(text -> !text.isEmpty());
            } catch (BackgroundCopyException noDescriptionOnDo) {
                // E_NOTIMPL: DO has no error descriptions.
                description = Optional.empty();
            }
            return new DownloadError(code.code(), code.context(), file, description);
        }
    }

    private BackgroundCopyException exception(DownloadError error) {
        StringBuilder detail = new StringBuilder("download '").append(name).append("' failed in context ")
                .append(error.context());
        error.file().ifPresent(file -> detail.append(", file ").append(file));
        error.description().ifPresent(description -> detail.append(": ").append(description));
        return new BackgroundCopyException("IBackgroundCopyJob::GetError", error.code(), detail.toString());
    }

    /** Cancels the job, deletes whatever was staged and forgets the name; safe to repeat. */
    private synchronized void discard() {
        if (job != null) {
            try {
                job.cancel();
            } catch (BackgroundCopyException alreadyEnded) {
                // INVALID_STATE: cancelled, completed or gone already.
            }
        }
        for (Path staged : staged()) {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete a staged file of download " + name, e);
            }
        }
        owner.forget(this);
    }

    private void report(boolean done) {
        BgJobProgress progress = lastProgress;
        BgJobState state = lastState;
        long now = System.nanoTime();
        for (Listener listener : listeners) {
            if (listener.ended) {
                continue;
            }
            if (done) {
                listener.ended = true;
            } else if (state == listener.lastState
                    && (progress.equals(listener.last) || listener.sent && now - listener.sentAt < listener.intervalNanos)) {
                continue;
            }
            listener.last = progress;
            listener.lastState = state;
            listener.sent = true;
            listener.sentAt = now;
            try {
                listener.consumer.accept(progress);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a progress listener of download " + name + " failed", e);
            }
        }
    }

    private IBackgroundCopyJob requireJob() {
        if (job == null) {
            throw new IllegalStateException("download '" + name + "' is already transferred; only the move into place is left");
        }
        return job;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /** A progress listener and what it was last told; touched only on the owner's thread. */
    private static final class Listener {
        final Consumer<BgJobProgress> consumer;
        final long intervalNanos;
        BgJobProgress last;
        BgJobState lastState;
        boolean sent;
        long sentAt;
        boolean ended;

        Listener(Consumer<BgJobProgress> consumer, long intervalNanos) {
            this.consumer = consumer;
            this.intervalNanos = intervalNanos;
        }
    }
}
